import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import { Document, isMap, parseAllDocuments } from 'yaml';

/**
 * A parsed catalog file. Documents are kept as yaml `Document`s so that
 * patching a field preserves the comments and layout of the skeleton.
 */
export interface CatalogFile {
  /** The path as the template gave it, for messages. */
  displayPath: string;
  documents: Document.Parsed[];
}

/** Reads and parses every YAML document of a catalog file in the workspace. */
export async function readCatalogFile(
  absolutePath: string,
  displayPath: string,
): Promise<CatalogFile> {
  let text: string;
  try {
    text = await fs.readFile(absolutePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError(`${displayPath}: file not found in the workspace`);
    }
    throw error;
  }
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) {
    // parseAllDocuments returns an EmptyStream for a file with no documents.
    return { displayPath, documents: [] };
  }
  for (const [index, doc] of documents.entries()) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      throw new InputError(
        `${displayPath} (document ${index + 1}): invalid YAML, ${
          first.message
        }`,
      );
    }
  }
  return { displayPath, documents };
}

/** Serialises the documents back, separated by `---`. */
export async function writeCatalogFile(
  absolutePath: string,
  file: CatalogFile,
): Promise<void> {
  const text = file.documents
    .map((doc, index) => {
      const body = doc.toString();
      // Keep a separator between documents even when the source omitted the marker on one of them.
      return index === 0 || body.startsWith('---') ? body : `---\n${body}`;
    })
    .join('');
  await fs.writeFile(absolutePath, text, 'utf8');
}

/**
 * Finds the document of the given kind, by name when given, else the only
 * one of that kind. Fails with an InputError naming the file otherwise.
 */
export function findEntityDocument(
  file: CatalogFile,
  kind: string,
  name?: string,
): Document.Parsed {
  const candidates = file.documents.filter(doc => {
    if (!isMap(doc.contents)) {
      return false;
    }
    if (doc.get('kind') !== kind) {
      return false;
    }
    return name === undefined || doc.getIn(['metadata', 'name']) === name;
  });
  if (candidates.length === 0) {
    throw new InputError(
      `${file.displayPath}: no ${kind} entity${
        name ? ` named "${name}"` : ''
      } found`,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `${file.displayPath}: ${candidates.length} ${kind} entities found; set entityName to pick one`,
    );
  }
  return candidates[0];
}
