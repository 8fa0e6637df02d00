// The UI as `npm run build` left it in dist/ui: content-hashed bundles, the
// two pages already pointing at them, and manifest.json naming them. This is
// what a production kiosk serves; nothing is bundled on the device.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { asset, typeOf, UI_PAGES, type Asset, type UiAssets } from './assets.js';

export const MANIFEST = 'manifest.json';

export interface UiManifest {
  version: string;
  /** logical name (consumer.js) → hashed file name (consumer-3f2a….js) */
  files: Record<string, string>;
}

const HASHED = /^[a-z]+-[0-9a-f]{8,}\.(js|css)$/;

export function parseManifest(text: string, file: string): UiManifest {
  const m = JSON.parse(text) as Partial<UiManifest>;
  if (typeof m.version !== 'string' || !m.files || typeof m.files !== 'object') throw new Error(`${file}: needs "version" and "files"`);
  for (const [name, hashed] of Object.entries(m.files)) {
    if (typeof hashed !== 'string' || !HASHED.test(hashed)) throw new Error(`${file}: files.${name} is not a hashed bundle name`);
  }
  return { version: m.version, files: m.files };
}

/** Reads dist/ui; a missing or partial build is an error (the caller reports it as health part `ui`). */
export async function loadPrebuiltUi(dir: string): Promise<UiAssets> {
  const manifestFile = path.join(dir, MANIFEST);
  const manifest = parseManifest(await readFile(manifestFile, 'utf8'), manifestFile);
  const bundles = new Map<string, Asset>();
  for (const hashed of Object.values(manifest.files)) bundles.set(hashed, asset(await readFile(path.join(dir, hashed)), typeOf(hashed)));
  const pages = new Map<string, Asset>();
  for (const page of UI_PAGES) pages.set(page, asset(await readFile(path.join(dir, `${page}.html`)), 'text/html; charset=utf-8'));
  return { bundles, pages, version: manifest.version, immutable: true };
}
