// Prepares a stock app made by @backstage/create-app for the adopter test
// and the footprint benchmark:
// resolutions that point each @modelops package at its packed tarball (the
// packages are not on a registry yet) and better-sqlite3 13 (12 aborts under
// Node 24), the test catalog location, and a local config with the ports.
// An empty tarball folder leaves the app without ModelOps (the baseline).
//
//   node prepareStockApp.mjs <app dir> <tarball dir> <catalog file> <app port> <backend port>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

const [appDir, packDir, catalogFile, appPort, backendPort] =
  process.argv.slice(2);

const manifestPath = join(appDir, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.resolutions = { ...manifest.resolutions, 'better-sqlite3': '^13.2.0' };
for (const file of packDir
  ? readdirSync(packDir).filter(name => name.endsWith('.tgz'))
  : []) {
  // Tarballs are named after their plugin folder.
  const folder = join(
    import.meta.dirname,
    '../../plugins',
    file.replace(/\.tgz$/, ''),
  );
  const name = JSON.parse(
    readFileSync(join(folder, 'package.json'), 'utf8'),
  ).name;
  manifest.resolutions[name] = `file:${join(packDir, file)}`;
}
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

// Config lists replace each other across files, so the location is added to
// the app's own list rather than in the local file.
const configPath = join(appDir, 'app-config.yaml');
const config = YAML.parse(readFileSync(configPath, 'utf8'));
config.catalog.locations = [
  ...(config.catalog.locations ?? []),
  { type: 'file', target: catalogFile },
];
writeFileSync(configPath, YAML.stringify(config));

const app = `http://localhost:${appPort}`;
const backend = `http://localhost:${backendPort}`;
writeFileSync(
  join(appDir, 'app-config.local.yaml'),
  YAML.stringify({
    app: { baseUrl: app },
    backend: {
      baseUrl: backend,
      listen: { port: Number(backendPort) },
      cors: { origin: app },
    },
  }),
);
