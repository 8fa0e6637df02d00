// The touchscreen app and the technician page, served by the controller.
//   GET /                                  consumer app (Chromium --kiosk opens this)
//   GET /technician                        technician status page
//   GET /ui/<bundle>.js|.css               esbuild bundles, built in memory at registration
//   GET /fonts/noto-sans-devanagari/…      the bundled Devanagari font (never a system font)
// The bundles are built once when the plugin registers (esbuild, write: false,
// a few hundred ms), so `npm start` on a fresh clone needs no build step. A
// failed build does not stop the kiosk API: the pages answer 503 with a
// bilingual notice and health part `ui` is a fault.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { build } from 'esbuild';
import type { DeviceHealth } from '../../health/model.js';

export interface UiRoutesOptions {
  /** defaults to the app's logger */
  log?: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** health part `ui` reports a failed build */
  health?: { set(part: string, health: Omit<DeviceHealth, 'since'>): void };
  /** the ui/ folder (tests may point elsewhere) */
  uiDir?: string;
  /** minify the bundles (default true) */
  minify?: boolean;
}

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
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

function asset(body: Buffer | Uint8Array | string, type: string): Asset {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: buf, type, etag: `"${createHash('sha256').update(buf).digest('base64url').slice(0, 22)}"` };
}

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
    out.set(base, asset(f.contents, base.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'));
  }
  return out;
}

// The consumer and the technician listener both serve these bundles: one
// build per process and folder, shared (a failed build is not kept).
const builds = new Map<string, Promise<Map<string, Asset>>>();
function sharedBuild(uiDir: string, minify: boolean): Promise<Map<string, Asset>> {
  const key = `${uiDir}|${minify}`;
  let build = builds.get(key);
  if (!build) {
    build = buildUiBundles(uiDir, minify);
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
  const pages = new Map<string, Asset>();
  try {
    bundles = await sharedBuild(uiDir, options.minify ?? true);
    const version = createHash('sha256').update([...bundles.values()].map((a) => a.etag).join()).digest('hex').slice(0, 12);
    for (const page of ['consumer', 'technician']) {
      const html = (await readFile(path.join(uiDir, page, 'index.html'), 'utf8')).replaceAll('{{version}}', version);
      pages.set(page, asset(html, 'text/html; charset=utf-8'));
    }
    options.health?.set('ui', { level: 'ok', state: 'ready', detail: `touchscreen bundles built in ${Date.now() - started} ms` });
    log.info({ event: 'ui-build-complete', ms: Date.now() - started, version }, 'touchscreen UI built');
  } catch (err) {
    bundles = null;
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
    // The HTML (no-store) names each bundle with ?v=<hash>, so a rebuilt UI is always fetched.
    return sendAsset(reply, a, req.headers['if-none-match'], 'no-cache');
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
