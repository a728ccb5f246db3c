// Sizes of the JavaScript a browser loads before the first render: the
// scripts index.html of a built Backstage app names (not the chunks loaded
// later on demand). Prints "<bytes> <gzip bytes>".
//
//   node initialJs.mjs <app dist folder>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2];
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map(
  m => m[1],
);
let bytes = 0;
let gzip = 0;
for (const src of scripts) {
  const content = readFileSync(join(dist, src.replace(/^\//, '')));
  bytes += content.length;
  gzip += gzipSync(content, { level: 9 }).length;
}
console.log(`${bytes} ${gzip}`);
