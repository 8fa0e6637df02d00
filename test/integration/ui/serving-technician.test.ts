// How the controller serves the UI (content types, no-store HTML, the
// bundled font), and the technician page against a real kiosk.
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, PANELS, shot } from './fixtures/browser.js';

t.test('pages, bundles and the Devanagari font are served with the right headers', async (t) => {
  const kiosk = await startTestKiosk(t);
  const home = await fetch(`${kiosk.url}/`);
  t.equal(home.status, 200);
  t.match(home.headers.get('content-type'), /^text\/html/);
  t.equal(home.headers.get('cache-control'), 'no-store');
  t.match(home.headers.get('content-security-policy'), /default-src 'self'/);
  const html = await home.text();
  const js = html.match(/src="(\/ui\/consumer\.js\?v=[0-9a-f]+)"/)?.[1];
  t.ok(js, 'the page names its bundle with a version');

  const bundle = await fetch(`${kiosk.url}${js}`);
  t.equal(bundle.status, 200);
  t.match(bundle.headers.get('content-type'), /^text\/javascript/);
  const etag = bundle.headers.get('etag');
  t.ok(etag);
  t.ok((await bundle.text()).length > 5000, 'bundled, qrcode included');
  const again = await fetch(`${kiosk.url}${js}`, { headers: { 'if-none-match': etag! } });
  t.equal(again.status, 304, 'etag revalidation');

  const css = await fetch(`${kiosk.url}/ui/consumer.css`);
  t.match(css.headers.get('content-type'), /^text\/css/);
  t.match(await css.text(), /Noto Sans Devanagari/);

  const fontCss = await fetch(`${kiosk.url}/fonts/noto-sans-devanagari/400.css`);
  t.equal(fontCss.status, 200);
  t.match(fontCss.headers.get('content-type'), /^text\/css/);
  const woff2 = await fetch(`${kiosk.url}/fonts/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-700-normal.woff2`);
  t.equal(woff2.status, 200);
  t.equal(woff2.headers.get('content-type'), 'font/woff2');
  t.equal(Buffer.from(await woff2.arrayBuffer()).subarray(0, 4).toString('latin1'), 'wOF2', 'a real woff2');
  t.equal((await fetch(`${kiosk.url}/fonts/noto-sans-devanagari/files/..%2F..%2Fpackage.json`)).status, 404, 'only the font files');
  t.equal((await fetch(`${kiosk.url}/ui/nope.js`)).status, 404);

  const tech = await fetch(`${kiosk.technician.url!}/technician`);
  t.equal(tech.status, 200);
  t.equal(tech.headers.get('cache-control'), 'no-store');
  t.equal(kiosk.ctx.health.get('ui')?.state, 'waiting', 'health part ui: built, waiting for the touchscreen to check in');
});

t.test('the technician page (on its own listener) shows a new receipt and no mobile number', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await browser.newPage({ viewport: PANELS.large });
  page.setDefaultTimeout(15_000);
  await page.goto(`${kiosk.technician.url!}/technician`);
  await page.waitForSelector('body[data-view="login"]');
  await page.fill('[data-testid="pin"]', '246810');
  await page.click('[data-action="login"]');
  await page.waitForSelector('body[data-view="status"]');
  for (const part of ['store', 'printer', 'scanner', 'ui']) t.equal(await page.locator(`tr[data-part="${part}"]`).count(), 1, `${part} listed`);

  const res = await fetch(`${kiosk.url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'excess-bill' } }) });
  t.equal(res.status, 201);
  await page.waitForSelector('[data-testid="receipts"] img');
  await shot(page, 'technician-1280x800');
  t.notMatch(await page.content(), /9876543210/, 'no unmasked mobile');
});
