// Bundles the touchscreen and technician pages with esbuild. Used by the build
// (scripts/build.ts, written to dist/ui) and, when the controller runs from
// source, in memory at start-up. A production kiosk never loads this file:
// esbuild is a development dependency.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { asset, typeOf, UI_PAGES, type Asset, type UiAssets } from './assets.js';

/** Builds the two bundles (JS + CSS each) in memory. Keys: consumer.js, consumer.css, technician.js, technician.css. */
export async function buildUiBundles(uiDir: string, minify = true): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: {
      consumer: path.join(uiDir, 'consumer/main.ts'),
      technician: path.join(uiDir, 'technician/main.ts'),
      'consumer-style': path.join(uiDir, 'consumer/styles.css'),
      'technician-style': path.join(uiDir, 'technician/styles.css'),
    },
    outdir: '/ui-out',
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100'],
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    // Fonts are served from node_modules by the font routes, not inlined.
    external: ['/fonts/*'],
  });
  const out = new Map<string, Asset>();
  for (const f of result.outputFiles) {
    const base = path.basename(f.path).replace('-style.css', '.css');
    out.set(base, asset(f.contents, typeOf(base)));
  }
  return out;
}

/** The whole UI from source: bundles plus pages whose links carry ?v=<hash>. */
export async function buildUiInMemory(uiDir: string, minify = true): Promise<UiAssets> {
  const bundles = await buildUiBundles(uiDir, minify);
  const version = createHash('sha256')
    .update([...bundles.values()].map((a) => a.etag).join())
    .digest('hex')
    .slice(0, 12);
  const pages = new Map<string, Asset>();
  for (const page of UI_PAGES) {
    const html = (await readFile(path.join(uiDir, page, 'index.html'), 'utf8')).replaceAll('{{version}}', version);
    pages.set(page, asset(html, 'text/html; charset=utf-8'));
  }
  return { bundles, pages, version, immutable: false };
}
