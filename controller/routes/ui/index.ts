// The touchscreen app and the technician page, served by the controller.
//   GET /                                  consumer app (Chromium --kiosk opens this)
//   GET /technician                        technician status page
//   GET /ui/<bundle>.js|.css               the bundles
//   GET /fonts/noto-sans-devanagari/…      the bundled Devanagari font (never a system font)
// A built kiosk (node dist/controller/main.js) serves what `npm run build` put
// in dist/ui (hashed names, cached for good). Running from source there is no
// dist/ui/manifest.json, so esbuild bundles once in memory at registration (a
// few hundred ms; `npm start` on a fresh clone needs no build step). A missing
// or failed UI does not stop the kiosk API: the pages answer 503 with a
// bilingual notice and health part `ui` is a fault.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { DeviceHealth } from '../../health/model.js';
import { asset, type Asset, type UiAssets } from './assets.js';
import { loadPrebuiltUi, MANIFEST } from './prebuilt.js';

export interface UiRoutesOptions {
  /** defaults to the app's logger */
  log?: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** health part `ui` reports a failed build */
  health?: { set(part: string, health: Omit<DeviceHealth, 'since'>): void };
  /** the ui/ folder: a build's dist/ui (with manifest.json) or the ui/ sources (tests may point elsewhere) */
  uiDir?: string;
  /** minify the bundles (default true) */
  minify?: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultUiDir = path.resolve(here, '../../../ui');
const fontDir = path.dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-devanagari'));
const FONT_CSS = /^(400|700)\.css$/;
const FONT_FILE = /^noto-sans-devanagari-(devanagari|latin|latin-ext)-(400|700)-normal\.woff2?$/;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const UNAVAILABLE = `<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>KESCO e-corner</title>
<link rel="stylesheet" href="/fonts/noto-sans-devanagari/400.css"></head>
<body style="font-family:'Noto Sans Devanagari',sans-serif;background:#0b3d6e;color:#fff;display:flex;align-items:center;justify-content:center;height:100vh;margin:0;text-align:center">
<div><p style="font-size:44px">यह कियोस्क अभी उपलब्ध नहीं है। कृपया हेल्पलाइन 1912 पर संपर्क करें।</p>
<p style="font-size:32px">This kiosk is not available right now. Please call the helpline 1912.</p></div></body></html>`;

/** Prebuilt when the folder holds a build's manifest, else bundled from source (esbuild loaded only then). */
async function loadUi(uiDir: string, minify: boolean): Promise<UiAssets> {
  if (existsSync(path.join(uiDir, MANIFEST))) return loadPrebuiltUi(uiDir);
  const { buildUiInMemory } = await import('./bundle.js');
  return buildUiInMemory(uiDir, minify);
}

// The consumer and the technician listener both serve these bundles: one
// load or build per process and folder, shared (a failed build is not kept).
const builds = new Map<string, Promise<UiAssets>>();
function sharedUi(uiDir: string, minify: boolean): Promise<UiAssets> {
  const key = `${uiDir}|${minify}`;
  let build = builds.get(key);
  if (!build) {
    build = loadUi(uiDir, minify);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  return build;
}

export const uiRoutes: FastifyPluginAsync<UiRoutesOptions> = async (app, options) => {
  const log = options.log ?? app.log;
  const uiDir = options.uiDir ?? defaultUiDir;
  const started = Date.now();
  let bundles: Map<string, Asset> | null = null;
  let pages = new Map<string, Asset>();
  let immutable = false;
  try {
    const ui = await sharedUi(uiDir, options.minify ?? true);
    ({ bundles, pages, immutable } = ui);
    const how = immutable ? 'prebuilt bundles loaded' : 'touchscreen bundles built';
    options.health?.set('ui', { level: 'ok', state: 'ready', detail: `${how} in ${Date.now() - started} ms` });
    log.info({ event: 'ui-build-complete', ms: Date.now() - started, version: ui.version, prebuilt: immutable }, immutable ? 'touchscreen UI loaded from the build' : 'touchscreen UI built');
  } catch (err) {
    bundles = null;
    pages = new Map();
    const detail = err instanceof Error ? err.message.split('\n')[0] ?? 'build failed' : String(err);
    options.health?.set('ui', { level: 'fault', state: 'build-failed', detail });
    log.error({ event: 'ui-build-failed', err }, 'touchscreen UI could not be built; serving the out-of-service page');
  }

  const sendHtml = (reply: FastifyReply, page: string) => {
    const a = pages.get(page);
    reply.header('cache-control', 'no-store').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (!a) return reply.code(503).type('text/html; charset=utf-8').send(UNAVAILABLE);
    return reply.type(a.type).send(a.body);
  };

  const sendAsset = (reply: FastifyReply, a: Asset, ifNoneMatch: string | undefined, cache: string) => {
    reply.header('cache-control', cache).header('etag', a.etag).header('x-content-type-options', 'nosniff');
    if (ifNoneMatch === a.etag) return reply.code(304).send();
    return reply.type(a.type).send(a.body);
  };

  app.get('/', async (_req, reply) => sendHtml(reply, 'consumer'));
  app.get('/technician', async (_req, reply) => sendHtml(reply, 'technician'));

  app.get<{ Params: { file: string } }>('/ui/:file', async (req, reply) => {
    const a = bundles?.get(req.params.file);
    if (!a) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    // The HTML (no-store) names each bundle by its hash (prebuilt) or with ?v=<hash>, so a rebuilt UI is always fetched.
    return sendAsset(reply, a, req.headers['if-none-match'], immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });

  const fonts = new Map<string, Asset>();
  const font = async (rel: string, type: string): Promise<Asset> => {
    let a = fonts.get(rel);
    if (!a) {
      a = asset(await readFile(path.join(fontDir, rel)), type);
      fonts.set(rel, a);
    }
    return a;
  };
  app.get<{ Params: { file: string } }>('/fonts/noto-sans-devanagari/:file', async (req, reply) => {
    if (!FONT_CSS.test(req.params.file)) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return sendAsset(reply, await font(req.params.file, 'text/css; charset=utf-8'), req.headers['if-none-match'], 'public, max-age=86400');
  });
  app.get<{ Params: { file: string } }>('/fonts/noto-sans-devanagari/files/:file', async (req, reply) => {
    const name = req.params.file;
    if (!FONT_FILE.test(name)) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return sendAsset(reply, await font(path.join('files', name), name.endsWith('.woff2') ? 'font/woff2' : 'font/woff'), req.headers['if-none-match'], 'public, max-age=86400');
  });
};
