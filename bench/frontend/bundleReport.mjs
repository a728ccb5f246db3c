// What the ModelOps frontend plugin adds to the app's JavaScript, read from a
// production build of packages/app (dist/index.html, dist/static/*.js and the
// source maps the build writes next to them).
//
//   node bench/frontend/bundleReport.mjs [--dist packages/app/dist] [--json]
//
// The initial chunks are the scripts index.html loads before the app starts;
// every other chunk is loaded on demand. Bytes are attributed to source files
// through the source maps: each minified segment counts for the source it
// maps to, so the numbers are minified bytes, as the browser downloads them
// before compression (gzip sizes of whole chunks are printed too).
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

/** The default build output of the demo app. */
export const DEFAULT_DIST = resolve(
  here,
  '..',
  '..',
  'packages',
  'app',
  'dist',
);

/**
 * Groups a source file of the bundle belongs to, by its path in the source
 * map. `modelops` is our code (the frontend plugin and the common library it
 * imports); `charts` is recharts with the d3 modules it pulls in, which only
 * our pages use in this app.
 */
export const SOURCE_GROUPS = [
  {
    id: 'modelops',
    label: 'ModelOps code',
    test: s => /\/plugins\/modelops(-common)?\/src\//.test(s),
  },
  // Material icons: in the initial chunks of this app only the ModelOps nav
  // items import them (the portal's own nav uses @material-ui/icons), so
  // they are what the plugin's page declarations cost beyond their own code.
  {
    id: 'icons',
    label: '@mui/icons-material',
    test: s =>
      /node_modules\/@mui\/(icons-material\/|material\/(SvgIcon|utils\/createSvgIcon))/.test(
        s,
      ),
  },
  {
    id: 'charts',
    label: 'recharts and d3',
    test: s =>
      /node_modules\/(recharts|recharts-scale|d3-[a-z-]+|victory-vendor|decimal\.js-light)\//.test(
        s,
      ),
  },
];

// Text only our components render: if one of these strings is in an initial
// chunk, component code was bundled eagerly. A cross-check of the source map
// attribution that does not depend on the maps.
export const DISTINCTIVE_STRINGS = [
  'Every model in the catalog, with its owner', // model catalog page subtitle
  'Caveats and recommendations', // model card section
  'recharts-surface', // recharts' SVG class
];

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * Decodes one line of a source map's `mappings` into segments
 * `[generatedColumn, sourceIndex]`; the source index carries over lines, so
 * the running state is passed in and returned.
 */
function decodeLine(line, state) {
  const segments = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const values = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64_VALUE.get(char);
      if (digit === undefined)
        throw new Error(`bad source map character ${char}`);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0];
    if (values.length >= 4) {
      state.source += values[1];
      segments.push([column, state.source]);
    } else {
      // A segment without a source (generated glue such as the module wrapper).
      segments.push([column, -1]);
    }
  }
  return segments;
}

/**
 * Minified bytes of a chunk per source file: every generated segment counts
 * up to the next segment (or the end of its line) for the source it maps to.
 * The text of segments whose source passes `collect` is returned too, so that
 * its compressed size can be estimated.
 */
export function attributeBytes(code, map, collect = () => false) {
  const bytesBySource = new Map();
  const collected = [];
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  const state = { source: 0 };
  let unmapped = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const segments =
      i < mappingLines.length ? decodeLine(mappingLines[i], state) : [];
    if (segments.length === 0) {
      unmapped += Buffer.byteLength(line);
      continue;
    }
    unmapped += Buffer.byteLength(line.slice(0, segments[0][0]));
    for (let s = 0; s < segments.length; s++) {
      const [start, source] = segments[s];
      const end = s + 1 < segments.length ? segments[s + 1][0] : line.length;
      const bytes = Buffer.byteLength(line.slice(start, end));
      if (source < 0) {
        unmapped += bytes;
      } else {
        const name = map.sources[source];
        bytesBySource.set(name, (bytesBySource.get(name) ?? 0) + bytes);
        if (collect(name)) collected.push(line.slice(start, end));
      }
    }
  }
  return { bytesBySource, unmapped, collected: collected.join('') };
}

/** The scripts index.html loads at start, as file names under static/. */
export function initialScripts(indexHtml) {
  return [...indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)]
    .map(m => m[1])
    .filter(src => /\/static\/[^/]+\.js$/.test(src))
    .map(src => src.slice(src.lastIndexOf('/static/') + '/static/'.length));
}

function groupOf(source) {
  return SOURCE_GROUPS.find(g => g.test(source))?.id;
}

/** Reads one chunk and its map and sums its bytes per source group. */
async function analyseChunk(staticDir, file) {
  const code = await readFile(join(staticDir, file), 'utf8');
  const size = Buffer.byteLength(code);
  const gzip = gzipSync(code).length;
  const strings = DISTINCTIVE_STRINGS.filter(s => code.includes(s));
  let map;
  try {
    map = JSON.parse(await readFile(join(staticDir, `${file}.map`), 'utf8'));
  } catch {
    return {
      file,
      size,
      gzip,
      strings,
      groups: {},
      sources: [],
      mapped: false,
      modelOpsText: '',
    };
  }
  const isModelOps = SOURCE_GROUPS.find(g => g.id === 'modelops').test;
  const { bytesBySource, collected } = attributeBytes(code, map, isModelOps);
  // Packages our eagerly bundled files import: what they may pull into the
  // same chunks besides their own bytes (icons, clients, helpers).
  const packageImports = new Set();
  map.sources.forEach((source, index) => {
    if (!isModelOps(source)) return;
    const content = map.sourcesContent?.[index] ?? '';
    for (const match of content.matchAll(
      /^import[^;]*?from\s+['"]([^'".][^'"]*)['"]/gm,
    )) {
      if (!/^import\s+type\b/.test(match[0])) packageImports.add(match[1]);
    }
  });
  const groups = {};
  const sources = [];
  for (const [source, bytes] of bytesBySource) {
    const group = groupOf(source);
    if (group) {
      groups[group] = (groups[group] ?? 0) + bytes;
      sources.push({
        source: source.replace(/^webpack:\/\/[^/]+\/(\.\.\/)*/, ''),
        group,
        bytes,
      });
    }
  }
  sources.sort((a, b) => b.bytes - a.bytes);
  return {
    file,
    size,
    gzip,
    strings,
    groups,
    sources,
    mapped: true,
    modelOpsText: collected,
    packageImports: [...packageImports].sort(),
  };
}

/**
 * Analyses a build: the initial chunks with their total and ModelOps bytes,
 * and every lazily loaded chunk that holds ModelOps or chart code.
 */
export async function analyseBundle(dist = DEFAULT_DIST) {
  const staticDir = join(dist, 'static');
  const indexHtml = await readFile(join(dist, 'index.html'), 'utf8');
  const initialFiles = initialScripts(indexHtml);
  if (initialFiles.length === 0) {
    throw new Error(`no scripts found in ${join(dist, 'index.html')}`);
  }
  const allFiles = (await readdir(staticDir)).filter(f => f.endsWith('.js'));
  const initialSet = new Set(initialFiles);
  const initial = [];
  for (const file of initialFiles)
    initial.push(await analyseChunk(staticDir, file));
  const lazy = [];
  let lazyTotal = 0;
  for (const file of allFiles.filter(f => !initialSet.has(f))) {
    const chunk = await analyseChunk(staticDir, file);
    lazyTotal += chunk.size;
    if (Object.keys(chunk.groups).length > 0 || chunk.strings.length > 0)
      lazy.push(chunk);
  }
  lazy.sort(
    (a, b) =>
      (b.groups.modelops ?? 0) +
      (b.groups.charts ?? 0) -
      ((a.groups.modelops ?? 0) + (a.groups.charts ?? 0)),
  );
  const sum = (chunks, pick) => chunks.reduce((total, c) => total + pick(c), 0);
  const report = {
    dist,
    initial,
    lazy,
    totals: {
      initialChunks: initial.length,
      initialBytes: sum(initial, c => c.size),
      initialGzipBytes: sum(initial, c => c.gzip),
      initialModelOpsBytes: sum(initial, c => c.groups.modelops ?? 0),
      // Compressed on its own, so a slight overestimate of what it adds to
      // the gzip size of the chunks it shares with other code.
      initialModelOpsGzipBytes: gzipSync(
        initial.map(c => c.modelOpsText).join(''),
      ).length,
      initialChartBytes: sum(initial, c => c.groups.charts ?? 0),
      initialIconBytes: sum(initial, c => c.groups.icons ?? 0),
      initialModelOpsImports: [
        ...new Set(initial.flatMap(c => c.packageImports ?? [])),
      ].sort(),
      initialStrings: [...new Set(initial.flatMap(c => c.strings))],
      lazyChunks: allFiles.length - initial.length,
      lazyBytes: lazyTotal,
      lazyModelOpsChunks: lazy.filter(c => c.groups.modelops).length,
      lazyModelOpsBytes: sum(lazy, c => c.groups.modelops ?? 0),
      lazyChartBytes: sum(lazy, c => c.groups.charts ?? 0),
      unmappedChunks: [...initial, ...lazy]
        .filter(c => !c.mapped)
        .map(c => c.file),
    },
  };
  // The collected text served the gzip estimate; keep the report small.
  for (const chunk of [...initial, ...lazy]) delete chunk.modelOpsText;
  return report;
}

const kb = bytes => `${(bytes / 1024).toFixed(1)} KiB`;

/** Prints the analysis as Markdown tables. */
export function printBundleReport(report, { top = 40 } = {}) {
  const { totals } = report;
  const lines = [];
  lines.push('| initial chunk | size | gzip | ModelOps | recharts/d3 |');
  lines.push('| :-- | --: | --: | --: | --: |');
  for (const c of report.initial) {
    lines.push(
      `| ${c.file} | ${kb(c.size)} | ${kb(c.gzip)} | ${
        c.groups.modelops ?? 0
      } B | ${c.groups.charts ?? 0} B |`,
    );
  }
  lines.push(
    `| **${totals.initialChunks} initial chunks** | **${kb(
      totals.initialBytes,
    )}** | **${kb(totals.initialGzipBytes)}** | **${
      totals.initialModelOpsBytes
    } B** | **${totals.initialChartBytes} B** |`,
  );
  lines.push('');
  lines.push(
    `ModelOps code in initial chunks: ${totals.initialModelOpsBytes} bytes (about ${totals.initialModelOpsGzipBytes} bytes gzip)`,
  );
  lines.push(
    `recharts/d3 code in initial chunks: ${totals.initialChartBytes} bytes`,
  );
  lines.push(
    `@mui/icons-material (and SvgIcon) in initial chunks: ${totals.initialIconBytes} bytes`,
  );
  lines.push(
    `Packages imported by ModelOps code in initial chunks: ${totals.initialModelOpsImports.join(
      ', ',
    )}`,
  );
  lines.push(
    `Component strings in initial chunks: ${
      totals.initialStrings.length === 0
        ? 'none'
        : totals.initialStrings.join(', ')
    }`,
  );
  lines.push('');
  const ours = report.initial.flatMap(c =>
    c.sources.filter(s => s.group === 'modelops'),
  );
  if (ours.length > 0) {
    lines.push('| ModelOps source in initial chunks | bytes |');
    lines.push('| :-- | --: |');
    for (const s of ours.sort((a, b) => b.bytes - a.bytes))
      lines.push(`| ${s.source} | ${s.bytes} |`);
    lines.push('');
  }
  lines.push(
    `Lazily loaded: ${totals.lazyChunks} chunks, ${kb(
      totals.lazyBytes,
    )} in all; ` +
      `${totals.lazyModelOpsChunks} hold ModelOps code (${kb(
        totals.lazyModelOpsBytes,
      )}), ` +
      `recharts/d3 ${kb(totals.lazyChartBytes)}`,
  );
  lines.push('');
  lines.push(
    '| lazy chunk | size | gzip | ModelOps | recharts/d3 | largest ModelOps source |',
  );
  lines.push('| :-- | --: | --: | --: | --: | :-- |');
  for (const c of report.lazy.slice(0, top)) {
    const first = c.sources.find(s => s.group === 'modelops');
    lines.push(
      `| ${c.file} | ${kb(c.size)} | ${kb(c.gzip)} | ${kb(
        c.groups.modelops ?? 0,
      )} | ${kb(c.groups.charts ?? 0)} | ${first ? first.source : ''} |`,
    );
  }
  if (report.lazy.length > top)
    lines.push(`| … ${report.lazy.length - top} more | | | | | |`);
  if (totals.unmappedChunks.length > 0) {
    lines.push('');
    lines.push(
      `Chunks without a source map (not attributed): ${totals.unmappedChunks.join(
        ', ',
      )}`,
    );
  }
  console.log(lines.join('\n'));
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: DEFAULT_DIST },
      json: { type: 'boolean', default: false },
    },
  });
  const report = await analyseBundle(resolve(values.dist));
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    printBundleReport(report);
  }
}
