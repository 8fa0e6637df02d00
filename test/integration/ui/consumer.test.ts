// The touchscreen app against a real in-process kiosk (virtual printer and
// scanner), driven in headless Chromium the way a consumer would: keypad,
// choice buttons, scanner, idle timeout.
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { messages } from '../../../controller/services/errors.js';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';
import { launch, next, openKiosk, shot, typeDigits } from './fixtures/browser.js';

const REFERENCE = /^KE-[A-Z]{2,4}-\d{6}-\d{5,}$/;

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

t.test('a billing complaint typed on the keypad is accepted, stored and its receipt printed', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await shot(page, 'home-hi-1280x800');

  await page.click('[data-service="billing-complaint"]');
  await page.waitForSelector('.wizard[data-step="mobile"]');
  await typeDigits(page, '98765432100'); // one digit too many: the keypad stops at 10
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '9876543210', 'mobile capped at 10 digits');
  await shot(page, 'form-mobile-hi-1280x800');
  await next(page);
  await page.waitForSelector('.wizard[data-step="account"]');
  await typeDigits(page, '1234567890');
  await next(page);
  await page.waitForSelector('.wizard[data-step="type"]');
  await page.click('[data-value="wrong-reading"]');
  t.equal(await page.getAttribute('[data-value="wrong-reading"]', 'aria-checked'), 'true', 'choice marked');
  await shot(page, 'form-choice-hi-1280x800');
  await next(page);
  await page.waitForSelector('.wizard[data-step="meterReading"]');
  await next(page); // optional: skipped
  await page.waitForSelector('.wizard[data-step="description"]');
  await next(page); // optional: skipped
  await page.waitForSelector('.wizard[data-step="(review)"]');
  t.match(await page.textContent('.review'), /98765 43210/, 'review shows the mobile');
  await shot(page, 'form-review-hi-1280x800');
  await next(page); // submit

  const refEl = await page.waitForSelector('[data-testid="reference"]');
  const reference = (await refEl.textContent())?.trim() ?? '';
  t.match(reference, REFERENCE, 'reference on screen');
  const stored = kiosk.store.get(reference);
  t.ok(stored, 'the request is in the store');
  t.equal(stored?.service, 'billing-complaint');
  t.equal(stored?.account, '1234567890');
  t.same(stored?.fields, { type: 'wrong-reading' });
  const api = await fetch(`${kiosk.url}/api/requests/${reference}?mobile=9876543210`);
  t.equal(api.status, 200, 'the API finds it with the mobile');

  await page.waitForSelector('.receipt[data-state="printed"]', { timeout: 20_000 });
  t.match(await page.textContent('.receipt'), /कृपया अपनी रसीद ले लें/, 'Hindi: please collect your receipt');
  t.match(await page.textContent('.due-date [lang="hi"]'), /^\d{1,2} \S+ \d{4} तक$/, 'a day-scale due date as a date, the Hindi way');
  t.match(await page.textContent('.escalation'), /1912/, 'helpline shown');
  await shot(page, 'done-hi-1280x800');

  await page.click('[data-action="language"]');
  t.equal(await page.getAttribute('body', 'data-lang'), 'en');
  t.ok(await page.isVisible('.receipt >> text=Please collect your receipt'), 'English after the toggle');
  await shot(page, 'done-en-1280x800');
  await page.click('[data-action="finish"]');
  await page.waitForSelector('body[data-screen="home"]');
  t.equal(await page.locator('[data-testid="reference"]').count(), 0, 'reference gone from the DOM');
});

t.test('an unknown old 8-digit number on a bill payment gets central\'s answer in Hindi', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { panel: 'small', query: 'idle=600' });
  await shot(page, 'home-hi-1024x600');
  // Bills are fetched for the 10-digit number: bill payment asks for the new one.
  await page.click('[data-service="bill-payment"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await page.waitForSelector('.wizard[data-step="account"]');
  await typeDigits(page, '12345678');
  await next(page);
  const error = page.locator('.bills-error .bi [lang="hi"]');
  await error.waitFor({ state: 'visible' });
  t.equal((await error.textContent())?.trim(), messages['legacy-not-found'].hi, 'central has no new number for it: the controller\'s Hindi message');
  t.equal(await page.getAttribute('.wizard', 'data-step'), 'billId', 'no bill to choose');
  await shot(page, 'form-error-hi-1024x600');

  // In English mode the message is English (an out-of-range load, caught by the controller's own validateField in the browser).
  await page.click('[data-action="home"]');
  await page.click('[data-action="confirm-yes"]'); // something was typed: Home asks first
  await page.click('[data-action="language"]');
  await page.click('[data-service="load-change"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '1234567890');
  await next(page);
  await page.click('[data-value="increase"]');
  await shot(page, 'form-choice-en-1024x600');
  await next(page);
  await typeDigits(page, '999');
  await next(page);
  const en = page.locator('.q-error[data-field="requestedLoadKw"] [lang="en"]');
  await en.waitFor({ state: 'visible' });
  t.match(await en.textContent(), /outside the allowed range/, 'English message in English mode');
  await shot(page, 'form-keypad-en-1024x600');
  t.equal(kiosk.store.size, 0, 'nothing stored');
});

t.test('scanner: an account scan fills the field; legacy and unknown codes explain themselves', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });

  // From home: remembered, then used by the form.
  let res = await post(`${kiosk.url}/api/sim/scan`, { data: '1234567890' });
  t.equal(res.status < 300, true, 'sim scan accepted');
  await page.waitForSelector('.scanned:not([hidden])');
  t.match(await page.textContent('.scanned'), /1234567890/);
  await shot(page, 'home-scanned-hi-1280x800');
  await page.click('[data-service="supply-complaint"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await page.waitForSelector('.wizard[data-step="account"]');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '1234567890', 'account prefilled from the home scan');

  // On the account question: replaced in place.
  await page.click('.keypad [data-key="clear"]');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '');
  kiosk.ctx.bus.emit('scan', { type: 'scan', kind: 'account', value: '5555566666', at: new Date().toISOString() });
  await page.waitForSelector('[data-testid="display"][data-value="5555566666"]');
  t.pass('bus scan filled the account field');

  res = await post(`${kiosk.url}/api/sim/scan`, { data: '12345678' });
  t.equal(res.status < 300, true);
  const toast = page.locator('.toast:not([hidden]) .toast-text [lang="hi"]');
  await toast.waitFor({ state: 'visible' });
  t.match(await toast.textContent(), /8 अंकों/, 'legacy scan: Hindi message');
  await shot(page, 'scan-legacy-hi-1280x800');
  await page.click('.toast-ok');

  res = await post(`${kiosk.url}/api/sim/scan`, { data: 'HELLO WORLD' });
  await page.waitForSelector('.toast:not([hidden])');
  t.match(await page.textContent('.toast .toast-text [lang="hi"]'), /पहचाना नहीं/, 'unknown scan: not recognised');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '5555566666', 'a bad scan changes nothing');

  // Stray keystrokes (a wedge scanner typing) do nothing.
  await page.keyboard.type('9999999999\n');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '5555566666', 'keyboard input ignored');
  t.equal(await page.getAttribute('.wizard', 'data-step'), 'account', 'Enter did not advance');
});

t.test('a receipt scan opens the status look-up of that reference', async (t) => {
  const kiosk = await startTestKiosk(t);
  const created = await post(`${kiosk.url}/api/requests`, validComplaint);
  t.equal(created.status, 201);
  const { reference } = (await created.json()) as { reference: string };
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await post(`${kiosk.url}/api/sim/scan`, { data: reference });
  await page.waitForSelector('.wizard[data-step="mobile"]');
  t.equal(await page.getAttribute('body', 'data-screen'), 'status');
  await typeDigits(page, '9876543210');
  await next(page);
  const refEl = await page.waitForSelector('.status-result [data-testid="reference"]');
  t.equal((await refEl.textContent())?.trim(), reference);
  t.match(await page.textContent('.review'), /बिल संबंधी शिकायत/, 'service name in Hindi');
  await shot(page, 'status-hi-1280x800');

  // A wrong mobile: the API's 404, same message as an unknown reference.
  await page.click('[data-action="another"]');
  await page.waitForSelector('.wizard[data-step="reference"]');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), 'KE-', 'starts with KE-');
  for (const c of reference.slice(3)) await page.click(`.text-keyboard [data-key="${c}"]`);
  await shot(page, 'status-reference-hi-1024x600-like');
  await next(page);
  await typeDigits(page, '9000000000');
  await next(page);
  const err = page.locator('.q-error [lang="hi"]');
  await err.waitFor({ state: 'visible' });
  t.equal((await err.textContent())?.trim(), messages['not-found'].hi);
});

t.test('idle timeout returns home and clears what was typed', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=6' });
  await page.click('[data-service="name-change"]');
  await typeDigits(page, '98765');
  t.equal(await page.getAttribute('[data-testid="display"]', 'data-value'), '98765');
  await page.waitForSelector('.idle-overlay:not([hidden])', { timeout: 8000 });
  await shot(page, 'idle-warning-hi-1280x800');
  await page.waitForSelector('body[data-screen="home"]', { timeout: 8000 });
  t.equal(await page.locator('[data-testid="display"]').count(), 0, 'form removed');
  t.notMatch(await page.content(), /98765/, 'typed digits gone from the DOM');
  t.ok(await page.isHidden('.idle-overlay'), 'warning closed');

  // A touch during the warning keeps the form.
  await page.click('[data-service="name-change"]');
  await typeDigits(page, '9');
  await page.waitForSelector('.idle-overlay:not([hidden])', { timeout: 8000 });
  await page.click('[data-action="continue"]');
  t.equal(await page.getAttribute('body', 'data-screen'), 'form:name-change', 'still on the form');
});

t.test('bill payment: bills from central, a UPI QR from central, "paid" only when central confirms', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { panel: 'small', query: 'idle=600' });
  await page.click('[data-service="bill-payment"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '2130000001'); // central's first seeded consumer
  await next(page);
  await page.waitForSelector('.wizard[data-step="billId"] .choices-bills');
  await shot(page, 'bills-hi-1024x600');
  const unpaid = page.locator('.choice.bill:not([disabled])').first();
  const billId = (await unpaid.getAttribute('data-value')) ?? '';
  t.match(billId, /^B-\d{10}-\d{6}$/, 'a bill from central');
  await unpaid.click();
  await next(page);
  await page.waitForSelector('.wizard[data-step="(review)"]');
  await next(page); // submit
  const qr = await page.waitForSelector('[data-testid="upi-qr"] svg.qr', { timeout: 15_000 });
  const link = new URL((await qr.getAttribute('data-payload')) ?? '');
  const reference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
  t.match(reference, REFERENCE);
  t.equal(link.protocol, 'upi:');
  t.equal(link.searchParams.get('pa'), kiosk.ctx.config.payment.upiPayee, 'payee from config');
  t.equal(link.searchParams.get('cu'), 'INR');
  t.ok(link.searchParams.get('tr'), 'a transaction reference');
  t.same(kiosk.store.get(reference)?.fields.billId, billId, 'the chosen bill was submitted');
  t.equal(await page.getAttribute('.pay-status', 'data-state'), 'pending', 'not assumed paid');
  t.match(await page.textContent('.pay-confirm [lang="hi"]'), /पुष्टि केस्को करेगा/, 'not-assumed wording');
  await fits(t, page, 'bill payment 1024x600 hi');
  await shot(page, 'payment-hi-1024x600');

  // The gateway's confirmation reaches central; the screen follows central.
  const paymentId = await page.evaluate(async ([ref]) => {
    const r = await fetch('/api/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: ref, mobile: '9876543210' }) });
    return ((await r.json()) as { paymentId: string }).paymentId;
  }, [reference]);
  const confirm = await post(`${kiosk.url}/api/sim/payments/${paymentId}`, { status: 'captured' });
  t.equal(confirm.status, 200, 'the simulated gateway\'s signed callback');
  await page.waitForSelector('.pay-status[data-state="confirmed"]', { timeout: 10_000 });
  await page.click('[data-action="language"]');
  t.match(await page.textContent('.pay-status [lang="en"]'), /KESCO has confirmed/);
  await fits(t, page, 'bill payment confirmed 1024x600 en');
  await shot(page, 'payment-confirmed-en-1024x600');
  await page.setViewportSize({ width: 1280, height: 800 });
  await fits(t, page, 'bill payment confirmed 1280x800 en');
  await shot(page, 'payment-confirmed-en-1280x800');
});

t.test('prepaid recharge: amount on the keypad, QR from central, "confirmed" only when central confirms, fits both panels', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await page.click('[data-service="prepaid-recharge"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '2130000001'); // central's first seeded consumer
  await next(page);
  await typeDigits(page, '500');
  await shot(page, 'form-amount-hi-1280x800');
  await next(page);
  await next(page); // submit from review
  const qr = await page.waitForSelector('[data-testid="upi-qr"] svg.qr', { timeout: 15_000 });
  const link = new URL((await qr.getAttribute('data-payload')) ?? '');
  const reference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
  t.match(reference, REFERENCE);
  t.equal(link.searchParams.get('pa'), kiosk.ctx.config.payment.upiPayee, 'payee from config');
  t.equal(link.searchParams.get('am'), '500.00');
  t.equal(link.searchParams.get('cu'), 'INR');
  t.match(await page.textContent('[data-testid="amount"]'), /500/);
  t.equal(await page.getAttribute('.pay-status', 'data-state'), 'pending', 'not assumed paid');

  // The QR is central's: the same payment the kiosk API returns for this request, tr= central's upiRef.
  const opened = await post(`${kiosk.url}/api/payments`, { reference, mobile: '9876543210' });
  const payment = (await opened.json()) as { paymentId: string; purpose: string; upi: string };
  t.equal(payment.purpose, 'prepaid-recharge');
  t.equal(payment.upi, link.toString(), 'the QR on screen is the payment central opened');
  const atCentral = await kiosk.link.client.getPayment(payment.paymentId);
  t.ok(atCentral.ok && atCentral.value.upiRef === link.searchParams.get('tr') && atCentral.value.reference === reference, 'tr = central\'s payment reference for this request');
  t.not(link.searchParams.get('tr'), reference, 'not a reference made up in the browser');
  await fits(t, page, 'recharge 1280x800 hi');
  await shot(page, 'recharge-hi-1280x800');
  await page.setViewportSize({ width: 1024, height: 600 });
  await fits(t, page, 'recharge 1024x600 hi');
  await shot(page, 'recharge-hi-1024x600');
  await page.click('[data-action="language"]');
  await fits(t, page, 'recharge 1024x600 en');
  await shot(page, 'recharge-en-1024x600');
  await page.setViewportSize({ width: 1280, height: 800 });
  await fits(t, page, 'recharge 1280x800 en');

  const confirm = await post(`${kiosk.url}/api/sim/payments/${payment.paymentId}`, { status: 'captured' });
  t.equal(confirm.status, 200, 'the simulated gateway\'s signed callback');
  await page.waitForSelector('.pay-status[data-state="confirmed"]', { timeout: 10_000 });
  t.match(await page.textContent('.pay-status [lang="en"]'), /KESCO has confirmed/);
  await fits(t, page, 'recharge confirmed 1280x800 en');
  await shot(page, 'recharge-confirmed-en-1280x800');
  await page.click('[data-action="language"]');
  await page.setViewportSize({ width: 1024, height: 600 });
  await fits(t, page, 'recharge confirmed 1024x600 hi');
  await shot(page, 'recharge-confirmed-hi-1024x600');
});

/** Everything on the payment screen is inside the window and not clipped by its column. */
async function fits(t: Test, page: Page, label: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const body = document.querySelector('.payment .done-body')!.getBoundingClientRect();
    const inner = ['.qr-box', '.pay-qr-col .reference', '.pay-side > *:not(:empty)'];
    for (const sel of inner) {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
        if (el.offsetParent === null) continue;
        const r = el.getBoundingClientRect();
        if (r.bottom > body.bottom + 0.5 || r.right > body.right + 0.5 || r.top < body.top - 0.5) out.push(`${sel} (${el.className}) ${Math.round(r.top)}-${Math.round(r.bottom)} outside body ${Math.round(body.top)}-${Math.round(body.bottom)}`);
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${sel} (${el.className}) overflows sideways`);
      }
    }
    const finish = document.querySelector('[data-action="finish"]')!.getBoundingClientRect();
    if (finish.bottom > window.innerHeight || finish.right > window.innerWidth) out.push('finish button outside the window');
    return out;
  });
  t.same(problems, [], `${label}: everything fits`);
}

t.test('a printer fault shows a banner; the request is still accepted and the receipt waits', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600&lang=en' });
  const res = await post(`${kiosk.url}/api/sim/printer`, { paper: 'out' });
  t.equal(res.status, 200, 'virtual printer out of paper');
  await page.waitForSelector('.banner:not([hidden])');
  t.match(await page.textContent('.banner [lang="en"]'), /Printer not working/);
  await page.click('[data-service="billing-complaint"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '1234567890');
  await next(page);
  await page.click('[data-value="excess-bill"]');
  await next(page);
  await next(page);
  await next(page);
  await next(page);
  await page.waitForSelector('.receipt[data-state="waiting"]', { timeout: 20_000 });
  t.match(await page.textContent('.receipt [lang="en"]'), /Printer is out of paper: note your reference number, your request is saved/);
  await shot(page, 'done-paper-out-en-1280x800');
  t.equal(kiosk.store.size, 1, 'stored');
});
