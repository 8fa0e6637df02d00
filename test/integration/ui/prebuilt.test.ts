// The UI a built kiosk serves from dist/ui: hashed bundles cached for good,
// and a broken build (bad manifest, missing file) shown as health part `ui`
// fault with the bilingual out-of-service page, never a crash.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { parseManifest } from '../../../controller/routes/ui/prebuilt.js';
import { uiRoutes } from '../../../controller/routes/ui/index.js';
import { tempDir } from '../../helpers/config.js';

function prebuilt(files: Record<string, string>, manifest: unknown): string {
  const dir = tempDir('ecorner-ui-');
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  writeFileSync(path.join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return dir;
}

const silent = { info: () => {}, error: () => {} };

async function serve(t: Test, uiDir: string) {
  const health: Array<{ level: string; state: string; detail?: string }> = [];
  const app = Fastify();
  await app.register(uiRoutes, { uiDir, log: silent, health: { set: (_part, h) => health.push(h) } });
  t.teardown(() => app.close());
  return { app, health };
}

const pages = {
  'consumer.html': '<script src="/ui/consumer-0123456789.js"></script>',
  'technician.html': '<p>technician</p>',
  'consumer-0123456789.js': 'console.log("kiosk")',
};

t.test('a complete build is served with immutable bundles', async (t) => {
  const dir = prebuilt(pages, { version: 'abc', files: { 'consumer.js': 'consumer-0123456789.js' } });
  const { app, health } = await serve(t, dir);
  t.equal(health.at(-1)?.state, 'ready');
  t.match(health.at(-1)?.detail, /prebuilt/);
  const home = await app.inject('/');
  t.equal(home.statusCode, 200);
  t.match(home.body, /consumer-0123456789\.js/);
  const js = await app.inject('/ui/consumer-0123456789.js');
  t.equal(js.statusCode, 200);
  t.match(js.headers['cache-control'], /immutable/);
  t.equal((await app.inject('/ui/consumer.js')).statusCode, 404, 'only the hashed name');
});

for (const [name, dir] of [
  ['manifest is not JSON', () => prebuilt(pages, '{nope')],
  ['manifest names a file outside the build', () => prebuilt(pages, { version: 'x', files: { 'consumer.js': '../../etc/passwd' } })],
  ['a bundle is missing', () => prebuilt(pages, { version: 'x', files: { 'technician.js': 'technician-0123456789.js' } })],
] as const) {
  t.test(`broken build (${name}): ui fault and the out-of-service page`, async (t) => {
    const { app, health } = await serve(t, dir());
    t.equal(health.at(-1)?.level, 'fault');
    const home = await app.inject('/');
    t.equal(home.statusCode, 503);
    t.match(home.body, /1912/);
  });
}

t.test('parseManifest names the file and the field', async (t) => {
  t.throws(() => parseManifest('{"version":1}', '/opt/ecorner/ui/manifest.json'), /manifest\.json: needs "version" and "files"/);
  t.throws(() => parseManifest('{"version":"v","files":{"a.js":"a.js"}}', 'm.json'), /files\.a\.js is not a hashed bundle name/);
});
