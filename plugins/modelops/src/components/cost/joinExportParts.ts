/*
 * joinExportParts: the parts of one billing delivery as one upload. Large
 * exports arrive split (AWS CUR and Data Exports write `...-00001.csv.gz`,
 * `...-00002.csv.gz`; BigQuery and Azure exports split too), and the parts
 * share days. An import replaces its source's records of the days it
 * covers, so a part imported alone would replace what an earlier part
 * wrote for the same days: the parts must be imported together.
 *
 * They are joined as `cat` joins them, without reading them into memory (a
 * Blob of Blobs): gzip members one after another are one gzip stream, and
 * the importer skips the header row each part repeats. Plain parts are
 * separated by a line break where one does not end with one.
 */

/** The two bytes every gzip member starts with. */
const GZIP_MAGIC = [0x1f, 0x8b];

function readBytes(blob: Blob): Promise<Uint8Array> {
  // FileReader rather than Blob.arrayBuffer, which older browsers and
  // jsdom lack.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

async function isGzip(file: File): Promise<boolean> {
  const head = await readBytes(file.slice(0, 2));
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * One file of the given parts, in the order of their names (numbered parts
 * in number order), named after the first.
 *
 * @throws Error naming the parts when some are gzip and some plain text
 */
export async function joinExportParts(files: File[]): Promise<File> {
  if (files.length === 1) return files[0];
  const parts = [...files].sort((a, b) =>
    a.name.localeCompare(b.name, 'en-US', { numeric: true }),
  );
  const gzip = await Promise.all(parts.map(isGzip));
  if (gzip.some(compressed => compressed !== gzip[0])) {
    const plain = parts.filter((_, index) => !gzip[index]);
    throw new Error(
      `The parts of one export must all be gzip or all plain CSV; ${plain
        .map(part => part.name)
        .join(', ')} ${plain.length === 1 ? 'is' : 'are'} plain text.`,
    );
  }
  const pieces: BlobPart[] = [];
  for (const part of parts) {
    pieces.push(part);
    if (!gzip[0] && part.size > 0) {
      const [last] = await readBytes(part.slice(part.size - 1));
      if (last !== 0x0a) pieces.push('\n');
    }
  }
  const name = `${parts[0].name} and ${parts.length - 1} more part${
    parts.length === 2 ? '' : 's'
  }`;
  return new File(pieces, name, {
    type: gzip[0] ? 'application/gzip' : 'text/csv',
  });
}
