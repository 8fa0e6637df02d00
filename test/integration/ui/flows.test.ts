// The flow fixes a first-time user asked for, driven in headless Chromium at
// the Pi Touch Display's 800×480 against a real in-process kiosk (virtual
// printer and scanner, simulator central): pop-ups that close by themselves
// and never block the keys, a receipt scan mid-form that asks, Home that asks,
// the kiosk's substation preselected, payment confirmation in place of the QR,
// "nothing to pay", bilingual field errors, due dates as dates, and names
// typed in Hindi (Devanagari keys and transliteration) reaching the printed
// receipt shaped.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { seedConsumers, FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { rasterizeLines } from '../../../drivers/printer/receipt-raster.js';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, next, openKiosk, typeDigits } from './fixtures/browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = process.env.ECORNER_UI_ARTIFACTS ?? path.resolve(here, '../../artifacts/ui-flows');
const PI = { width: 800, height: 480 };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

// One browser for the file (a fresh context, i.e. a fresh page, per test): launching is the slow part.
const browser = await launch(t);

async function open(t: Test, kiosk: { url: string }, query: string): Promise<Page> {
  const page = await openKiosk(browser, kiosk.url, { query });
  t.teardown(() => page.context().close());
  await page.setViewportSize(PI);
  return page;
}

const scan = (kiosk: Awaited<ReturnType<typeof startTestKiosk>>, kind: 'unknown' | 'receipt' | 'account', value: string) =>
  kiosk.ctx.bus.emit('scan', { type: 'scan', kind, value, at: new Date().toISOString() });

t.test('a pop-up closes by itself and never blocks the keypad', async (t) => {
  const kiosk = await startTestKiosk(t);
  // 20 s: room to type ten digits on a loaded CI machine while it shows; then it must go by itself.
  const page = await open(t, kiosk, 'idle=600&popup=20');
  await page.click('[data-service="meter-complaint"]');
  scan(kiosk, 'unknown', 'HELLO WORLD');
  await page.waitForSelector('.toast:not([hidden])');
  await shot(page, 'popup-over-keypad-800x480');
  // Playwright's click refuses a covered target: every key is reachable while the pop-up shows.
  await typeDigits(page, '9876543210');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '9876543210', 'typed while the pop-up showed');
  t.ok(await page.isVisible('.toast'), 'the pop-up is still up');
  await page.waitForSelector('.toast', { state: 'hidden', timeout: 30_000 });
  t.pass('closed by itself');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '9876543210', 'nothing lost');
});

t.test('a receipt scanned mid-form asks before leaving; Home asks when something was typed', async (t) => {
  const kiosk = await startTestKiosk(t);
  const created = await post(`${kiosk.url}/api/requests`, { service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } });
  const { reference } = (await created.json()) as { reference: string };
  const page = await open(t, kiosk, 'idle=600');

  // Nothing typed yet: Home goes home at once.
  await page.click('[data-service="load-change"]');
  await page.click('[data-action="home"]');
  await page.waitForSelector('body[data-screen="home"]');
  t.ok(await page.isHidden('.confirm-overlay'), 'no question when nothing was typed');

  await page.click('[data-service="load-change"]');
  await typeDigits(page, '98765');
  scan(kiosk, 'receipt', reference);
  await page.waitForSelector('.confirm-overlay:not([hidden])');
  t.match(await page.textContent('.confirm-detail'), reference, 'the question names the scanned receipt');
  await shot(page, 'receipt-scan-mid-form-800x480');
  await page.click('[data-action="confirm-no"]');
  t.equal(await page.getAttribute('body', 'data-screen'), 'form:load-change', 'stayed on the form');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '98765', 'what was typed is kept');

  scan(kiosk, 'receipt', reference);
  await page.waitForSelector('.confirm-overlay:not([hidden])');
  await page.click('[data-action="confirm-yes"]');
  await page.waitForSelector('body[data-screen="status"] .wizard[data-step="mobile"]');
  t.notMatch(await page.content(), /98765/, 'the abandoned form is gone from the DOM');
  await typeDigits(page, '9876543210');
  await next(page);
  t.equal((await (await page.waitForSelector('.status-result [data-testid="reference"]')).textContent())?.trim(), reference, 'its status');
  await page.click('[data-action="finish"]');

  // Home with something typed: asks; "no" keeps the form, "yes" clears it.
  await page.click('[data-service="load-change"]');
  await typeDigits(page, '9876543210');
  await page.click('[data-action="home"]');
  await page.waitForSelector('.confirm-overlay:not([hidden])');
  await shot(page, 'home-asks-800x480');
  await page.click('[data-action="confirm-no"]');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '9876543210', 'kept after "no"');
  await page.click('[data-action="home"]');
  await page.click('[data-action="confirm-yes"]');
  await page.waitForSelector('body[data-screen="home"]');
  t.notMatch(await page.content(), /9876543210/, 'cleared after "yes"');
});

t.test('a scan on the last screen gets an answer and keeps the reference on screen', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  await page.click('[data-service="billing-complaint"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '1234567890');
  await next(page);
  await page.click('[data-value="excess-bill"]');
  for (let i = 0; i < 4; i++) await next(page);
  const reference = (await (await page.waitForSelector('.done [data-testid="reference"]')).textContent())?.trim() ?? '';
  scan(kiosk, 'account', '5555566666');
  await page.waitForSelector('.toast:not([hidden])');
  t.match(await page.textContent('.toast'), /5555566666/, 'the account scan is acknowledged');
  t.equal(await page.getAttribute('body', 'data-screen'), 'done', 'the reference stays on screen');
  await shot(page, 'done-account-scan-800x480');
  scan(kiosk, 'receipt', reference);
  await page.waitForSelector('.confirm-overlay:not([hidden])');
  t.pass('a receipt scan asks before leaving the reference');
  await page.click('[data-action="confirm-no"]');
  await page.click('[data-action="finish"]');
  await page.click('[data-service="meter-complaint"]');
  await typeDigits(page, '9876543210');
  await next(page);
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '5555566666', 'the scanned account fills the next form');
});

t.test('supply complaint: the kiosk\'s own substation is preselected, the list grouped by circle', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  await page.click('[data-service="supply-complaint"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '1234567890');
  await next(page);
  while ((await page.getAttribute('.wizard', 'data-step')) !== 'substation') {
    await page.click('.choice >> nth=0');
    await next(page);
  }
  const own = kiosk.ctx.config.kiosk.substation;
  t.equal(await page.getAttribute('.choice.chosen', 'data-value'), own, 'own substation chosen');
  const groups = await page.$$eval('.choice-group', (els) => els.map((e) => e.getAttribute('data-group')));
  t.equal(groups[0], kiosk.ctx.config.kiosk.circle, 'the kiosk\'s circle first');
  t.equal(new Set(groups).size, groups.length, 'each circle once');
  t.ok(groups.length >= 4, `${groups.length} circles`);
  t.ok(await page.locator('.choice.chosen').isVisible(), 'the chosen one is in view');
  await shot(page, 'substation-800x480');
  await next(page);
  t.not(await page.getAttribute('.wizard', 'data-step'), 'substation', 'Next works without touching the list');
});

t.test('payment: confirmation replaces the QR, the receipt is promised only after it, 1912 always shown', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  await page.click('[data-service="prepaid-recharge"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, FIRST_SEED_ACCOUNT);
  await next(page);
  await typeDigits(page, '500');
  await next(page);
  await next(page);
  await page.waitForSelector('[data-testid="upi-qr"] svg.qr', { timeout: 15_000 });
  t.ok(await page.isVisible('[data-testid="pay-helpline"]'), '1912 while pending');
  t.match(await page.textContent('[data-testid="pay-helpline"]'), /1912/);
  t.ok(await page.isHidden('.pay-receipt'), 'no receipt promise before KESCO confirms');
  t.ok(await page.isVisible('[data-testid="reference"]'), 'reference in view at 800x480');
  await shot(page, 'payment-pending-800x480');
  const reference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
  const opened = (await (await post(`${kiosk.url}/api/payments`, { reference, mobile: '9876543210' })).json()) as { paymentId: string };
  // The simulated gateway sends central its signed callback.
  const res = await post(`${kiosk.url}/api/sim/payments/${opened.paymentId}`, { status: 'captured' });
  t.equal(res.status, 200);
  await page.waitForSelector('.pay-status[data-state="confirmed"]', { timeout: 10_000 });
  t.equal(await page.locator('svg.qr').count(), 0, 'the QR is gone: no second payment invited');
  t.ok(await page.isVisible('.qr-paid'), 'the confirmation in its place');
  t.ok(await page.isVisible('.pay-receipt'), 'now the receipt is promised');
  t.ok(await page.isVisible('[data-testid="pay-helpline"]'), '1912 after confirmation');
  t.ok(await page.isHidden('.pay-how'), '"scan this QR" is gone');
  await shot(page, 'payment-confirmed-800x480');
});

t.test('a settled account gets "nothing to pay" and a way home', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  const settled = seedConsumers(3, new Date())[2]!;
  t.ok(settled.bills.every((b) => b.status === 'paid'), 'a consumer with every bill paid');
  await page.click('[data-service="bill-payment"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, settled.account);
  await next(page);
  await page.waitForSelector('[data-testid="nothing-to-pay"]', { timeout: 15_000 });
  t.match(await page.textContent('[data-testid="nothing-to-pay"] [lang="hi"]'), /कुछ भी जमा नहीं करना है/);
  t.notMatch(await page.textContent('.wizard'), /कृपया एक बकाया बिल चुनें/, 'not "please choose a bill"');
  await shot(page, 'nothing-to-pay-800x480');
  await page.click('[data-action="settled-home"]');
  await page.waitForSelector('body[data-screen="home"]');
  t.equal(kiosk.store.size, 0, 'nothing stored');
});

t.test('field errors in both languages, the chosen one large', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  await page.click('[data-service="name-change"]');
  await typeDigits(page, '98765');
  await next(page);
  const hi = page.locator('.q-error [lang="hi"]');
  const en = page.locator('.q-error [lang="en"]');
  await hi.waitFor({ state: 'visible' });
  t.ok(await en.isVisible(), 'English under the Hindi');
  const size = (l: typeof hi) => l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  t.ok((await size(hi)) > (await size(en)), 'Hindi (chosen) larger');
  await page.click('[data-action="language"]');
  t.ok((await size(en)) > (await size(hi)), 'after the toggle, English larger');
  await shot(page, 'field-error-en-800x480');
});

t.test('due dates: a date for day-scale timelines, a time for hours-scale ones', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  // A billing complaint: 7 days from submission (a load change counts from the complete application, so it shows its rule, not a date).
  const days = (await (await post(`${kiosk.url}/api/requests`, { service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'excess-bill' } })).json()) as { reference: string; dueBy: string };
  t.ok(days.reference, 'a 7-day request');
  await page.click('[data-service="request-status"]');
  await page.click('.text-keyboard [data-key="clear"]');
  for (const c of days.reference) await page.click(`.text-keyboard [data-key="${c}"]`);
  await next(page);
  await typeDigits(page, '9876543210');
  await next(page);
  const due = page.locator('[data-testid="due"] [lang="hi"]');
  await due.waitFor();
  const expected = new Intl.DateTimeFormat('hi-IN', { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'long', year: 'numeric', numberingSystem: 'latn' }).format(new Date(days.dueBy));
  t.equal((await due.textContent())?.trim(), `${expected} तक`, 'written the Hindi way, no time');
  await shot(page, 'status-due-date-800x480');
});

/** Where the template's ink rows best match the image (full-width bands): the share of differing dots there. */
function bestBandMatch(png: PNG, template: { width: number; height: number; data: Uint8Array }): number {
  let top = 0;
  let bottom = template.height - 1;
  const rowInk = (y: number) => template.data.subarray(y * template.width, (y + 1) * template.width).some((v) => v === 1);
  while (top < bottom && !rowInk(top)) top++;
  while (bottom > top && !rowInk(bottom)) bottom--;
  const rows = bottom - top + 1;
  const width = Math.min(png.width, template.width);
  let best = Infinity;
  for (let y = 0; y + rows <= png.height; y++) {
    let diff = 0;
    for (let r = 0; r < rows && diff < best; r++) {
      for (let x = 0; x < width; x++) {
        const black = png.data[((y + r) * png.width + x) * 4]! < 128 ? 1 : 0;
        if (black !== template.data[(top + r) * template.width + x]) diff++;
      }
    }
    best = Math.min(best, diff);
  }
  const ink = template.data.reduce((n, v) => n + v, 0);
  return best / Math.max(1, ink);
}

t.test('Hindi names, typed on the Devanagari keyboard and by transliteration, print shaped on the receipt', async (t) => {
  const kiosk = await startTestKiosk(t);
  const page = await open(t, kiosk, 'idle=600');
  const cases = [
    { how: 'devanagari', name: 'क्षमा सुनीता', keys: ['क', '\u094D', 'ष', 'म', '\u093E', 'space', 'स', '\u0941', 'न', '\u0940', 'त', '\u093E'] },
    // Conjuncts with ra (प्र, श्र), a pre-base matra and a half consonant (स्त): all need shaping.
    { how: 'roman', name: 'प्रेम श्रीवास्तव', keys: [...'prem', 'space', ...'shriivaastav'] },
  ];
  for (const c of cases) {
    await page.click('[data-service="name-change"]');
    await typeDigits(page, '9876543210');
    await next(page);
    await typeDigits(page, '1234567890');
    await next(page);
    await page.waitForSelector('.wizard[data-step="newName"]');
    // Next on an empty name says why, in view above the keyboard.
    await next(page);
    await page.waitForSelector('.q-error[data-field="newName"]:not(:empty)');
    t.ok(await page.locator('.q-error[data-field="newName"]').isVisible(), 'empty name: the error shows');
    if (c.how === 'roman') await page.click('.tk-modes [data-mode="roman"]');
    for (const k of c.keys) await page.click(`.text-keyboard [data-key="${k}"]`);
    t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), c.name, `${c.how}: the field holds ${c.name}`);
    await shot(page, `hindi-name-${c.how}-800x480`);
    while ((await page.getAttribute('.wizard', 'data-step')) !== '(review)') {
      if ((await page.getAttribute('.wizard', 'data-kind')) === 'choice' && (await page.locator('.choice.chosen').count()) === 0) await page.click('.choice >> nth=0');
      await next(page);
    }
    await next(page);
    const reference = (await (await page.waitForSelector('.done [data-testid="reference"]')).textContent())?.trim() ?? '';
    await page.waitForSelector('.receipt[data-state="printed"]', { timeout: 20_000 });
    const stored = kiosk.store.get(reference);
    t.equal(stored?.fields.newName, c.name, 'stored as Unicode');
    t.equal(String(stored?.fields.newName), c.name.normalize('NFC'), 'in NFC');

    const jobs = (await (await fetch(`${kiosk.url}/api/sim/printer/jobs`)).json()) as { jobs: Array<{ items: Array<{ type: string; text?: string }>; png: string }> };
    const job = jobs.jobs.find((j) => j.items.some((i) => i.type === 'text' && i.text?.includes(reference)));
    t.ok(job, 'the receipt job');
    const bytes = Buffer.from(await (await fetch(`${kiosk.url}${job!.png}`)).arrayBuffer());
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, `receipt-${c.how}.png`), bytes);
    const png = PNG.sync.read(bytes);
    const shaped = rasterizeLines([{ text: c.name }], png.width);
    // The same letters without shaping (a zero-width non-joiner between code points: no conjuncts, no matra placement).
    const unshaped = rasterizeLines([{ text: [...c.name].join('\u200C') }], png.width);
    const shapedDiff = bestBandMatch(png, shaped);
    const unshapedDiff = bestBandMatch(png, unshaped);
    t.ok(shapedDiff < 0.02, `${c.how}: the receipt carries the shaped name (${(shapedDiff * 100).toFixed(1)} % of its dots differ)`);
    t.ok(unshapedDiff > 0.2, `${c.how}: and not the unshaped letters (${(unshapedDiff * 100).toFixed(1)} % differ)`);
    await page.click('[data-action="finish"]');
  }
});
