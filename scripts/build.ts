// `npm run build`: what a kiosk runs, compiled once on the build machine.
//   dist/{controller,central,drivers,config}  tsc (tsconfig.build.json)
//   dist/ui/                                  touchscreen + technician bundles, hashed names, manifest.json
//   dist/package.json                         name, version, type, production dependencies
// Options: --out <dir> (default dist; tests build into a temp dir).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildUiBundles } from '../controller/routes/ui/bundle.js';
import { UI_PAGES } from '../controller/routes/ui/assets.js';
import { MANIFEST, type UiManifest } from '../controller/routes/ui/prebuilt.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } }, strict: true });
const out = path.resolve(root, values.out);
const COMPILED = ['controller', 'central', 'drivers', 'config', 'ui', 'package.json'];

function step(what: string, fn: () => void | Promise<void>): Promise<void> {
  const started = Date.now();
  return Promise.resolve(fn()).then(() => console.log(`${what} (${Date.now() - started} ms)`));
}

function copyJson(fromDir: string, toDir: string): void {
  cpSync(path.join(root, fromDir), path.join(out, toDir), { recursive: true, filter: (src) => !src.endsWith('.ts') && !src.endsWith('.md') });
}

// Only what this script writes is removed: packages (`npm run package`) stay.
for (const part of COMPILED) rmSync(path.join(out, part), { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await step('compiled controller, central, drivers and config', () => {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], {
    stdio: 'inherit',
    cwd: root,
  });
});

await step('copied config files', () => {
  // network.json, site files, the JSON schema; central's default config.
  copyJson('config', 'config');
  copyJson('central/config', 'central/config');
});

await step('bundled the touchscreen and technician pages', async () => {
  const uiOut = path.join(out, 'ui');
  mkdirSync(uiOut, { recursive: true });
  const bundles = await buildUiBundles(path.join(root, 'ui'), true);
  const files: Record<string, string> = {};
  for (const [name, a] of bundles) {
    const ext = path.extname(name);
    const hashed = `${path.basename(name, ext)}-${createHash('sha256').update(a.body).digest('hex').slice(0, 10)}${ext}`;
    writeFileSync(path.join(uiOut, hashed), a.body);
    files[name] = hashed;
    console.log(`  ui/${hashed.padEnd(28)} ${(a.body.length / 1024).toFixed(1).padStart(7)} KiB`);
  }
  const version = createHash('sha256').update(Object.values(files).sort().join()).digest('hex').slice(0, 12);
  for (const page of UI_PAGES) {
    // /ui/consumer.js?v={{version}} → /ui/consumer-<hash>.js
    const html = readFileSync(path.join(root, 'ui', page, 'index.html'), 'utf8').replace(
      /\/ui\/([\w-]+\.(?:js|css))\?v=\{\{version\}\}/g,
      (whole, name: string) => {
        const hashed = files[name];
        if (!hashed) throw new Error(`ui/${page}/index.html links ${whole}, which the build does not produce`);
        return `/ui/${hashed}`;
      },
    );
    if (html.includes('{{version}}')) throw new Error(`ui/${page}/index.html has a {{version}} the build cannot fill`);
    writeFileSync(path.join(uiOut, `${page}.html`), html);
  }
  const manifest: UiManifest = { version, files };
  writeFileSync(path.join(uiOut, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
});

await step('wrote dist/package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const runtime = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    private: true,
    type: 'module',
    engines: pkg.engines,
    dependencies: pkg.dependencies,
  };
  writeFileSync(path.join(out, 'package.json'), JSON.stringify(runtime, null, 2) + '\n');
});
console.log(`built into ${path.relative(root, out) || '.'}: node ${path.relative(root, path.join(out, 'controller', 'main.js'))}`);
