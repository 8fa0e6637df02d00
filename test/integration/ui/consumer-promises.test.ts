// What the touchscreen promises, in headless Chromium against a real kiosk and
// the simulator's central: the free-service notice on every screen, an old
// 8-digit number looked up and shown beside the new one, the "a guard helped
// me" toggle, Aadhaar-like numbers hidden with a note, the escalation path,
// and compensation once a request is overdue.
import t from 'tap';
import type { Page } from 'playwright-core';
import { FIRST_SEED_ACCOUNT, legacyOf } from '../../../central/billing/seed.js';
import { verhoeffCheckDigit } from '../../../controller/services/redact.js';
import { glossary } from '../../../config/glossary.js';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, next, openKiosk, shot, typeDigits } from './fixtures/browser.js';


/** The notice is visible, in both languages, on whatever screen is shown now. */
async function noticeShown(t: Pick<typeof import('tap').default, 'ok' | 'equal'>, page: Page): Promise<void> {
  const screen = await page.getAttribute('body', 'data-screen');
  const step = await page.getAttribute('.wizard', 'data-step').catch(() => null);
  const where = `${screen}${step ? `/${step}` : ''}`;
  t.ok(await page.isVisible('[data-testid="free-notice"]'), `${where}: free-service notice visible`);
  const text = (await page.textContent('[data-testid="free-notice"]')) ?? '';
  t.ok(text.includes(glossary.freeNotice.hi) && text.includes(glossary.freeNotice.en), `${where}: in Hindi and English`);
}

t.test('every screen of a complaint carries the free-service notice; an old number is looked up; the guard toggle is recorded', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await noticeShown(t, page);

  await page.click('[data-service="meter-complaint"]');
  await page.waitForSelector('.wizard[data-step="mobile"]');
  await noticeShown(t, page);
  await typeDigits(page, '9876543210');
  await next(page);
  await page.waitForSelector('.wizard[data-step="account"]');
  await noticeShown(t, page);
  const legacy = legacyOf(FIRST_SEED_ACCOUNT);
  await typeDigits(page, legacy);
  await next(page);
  await page.waitForSelector('.wizard[data-step="type"]');
  await noticeShown(t, page);
  await page.click('[data-value="stopped"]');
  await next(page);
  await page.waitForSelector('.wizard[data-step="description"]');
  const aadhaar = `49183726354${verhoeffCheckDigit('49183726354')}`;
  await page.click('.tk-modes [data-mode="latin"]');
  for (const c of `ID ${aadhaar}`) await page.click(`.text-keyboard [data-key="${c === ' ' ? 'space' : c}"]`);
  await noticeShown(t, page);
  await next(page);
  await page.waitForSelector('.wizard[data-step="(review)"]');
  await noticeShown(t, page);
  t.equal(await page.getAttribute('[data-action="guard-helped"]', 'aria-pressed'), 'false', 'off unless the consumer says so');
  await page.click('[data-action="guard-helped"]');
  t.equal(await page.getAttribute('[data-action="guard-helped"]', 'aria-pressed'), 'true');
  await shot(page, 'review-guard-hi-1280x800');
  await next(page); // submit

  const refEl = await page.waitForSelector('.done [data-testid="reference"]');
  const reference = (await refEl.textContent())?.trim() ?? '';
  await noticeShown(t, page);
  t.match(await page.textContent('[data-testid="legacy-note"]'), new RegExp(`${legacy}.*${FIRST_SEED_ACCOUNT}`), 'old and new number shown');
  t.ok(await page.isVisible('[data-testid="redacted-note"]'), 'the consumer is told the ID number was hidden');
  const steps = await page.$$eval('.esc-steps li', (lis) => lis.map((li) => li.getAttribute('data-step')));
  t.same(steps, ['licensee', 'cgrf', 'ombudsman'], 'escalation in statutory order');
  t.match(await page.textContent('.esc-parallel'), /1076/, 'CM Helpline shown alongside');
  await shot(page, 'done-legacy-guard-hi-1280x800');

  const stored = kiosk.store.get(reference);
  t.equal(stored?.account, FIRST_SEED_ACCOUNT);
  t.equal(stored?.legacyAccount, legacy);
  t.equal(stored?.guardAssisted, true);
  t.notOk(String(stored?.fields.description).includes(aadhaar), 'the number is not stored');
});

t.test('an unknown old number is explained on the last step; nothing is stored', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await page.click('[data-service="name-change"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '99999999');
  await next(page);
  await page.waitForSelector('.wizard[data-step="newName"]');
  await page.click('.tk-modes [data-mode="latin"]');
  for (const c of 'RAM') await page.click(`.text-keyboard [data-key="${c}"]`);
  await next(page);
  await page.click('[data-value="sale"]');
  await next(page);
  await page.waitForSelector('.wizard[data-step="(review)"]');
  await next(page);
  const err = page.locator('.q-error [lang="hi"]').first();
  await err.waitFor({ state: 'visible' });
  t.match(await err.textContent(), /पुराने 8 अंकों के कनेक्शन नंबर/);
  t.equal(kiosk.store.size, 0);
});

t.test('the status screen: ticket state in Hindi, and compensation once the request is overdue', async (t) => {
  // Made two days ago (kiosk clock), due 6 hours after: overdue by the browser's clock.
  const kiosk = await startTestKiosk(t, { now: () => new Date(Date.now() - 2 * 86400_000) });
  const made = await fetch(`${kiosk.url}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'supply-complaint', mobile: '9876543210', account: '1234567890', fields: { substation: 'jajmau', type: 'transformer-failure' } }),
  }).then((r) => r.json() as Promise<{ reference: string }>);
  const onTime = await fetch(`${kiosk.url}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'name-change', mobile: '9876543210', account: '1234567890', fields: { newName: 'RAM', reason: 'sale' } }),
  }).then((r) => r.json() as Promise<{ reference: string }>);

  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  const lookUp = async (reference: string) => {
    await fetch(`${kiosk.url}/api/sim/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: reference }) });
    await page.waitForSelector('.wizard[data-step="mobile"]');
    await typeDigits(page, '9876543210');
    await next(page);
    await page.waitForSelector('.status-result');
  };
  await lookUp(made.reference);
  await noticeShown(t, page);
  t.match(await page.textContent('[data-testid="compensation"] [lang="hi"]'), /₹150 प्रतिदिन मुआवज़ा/, 'overdue: compensation named');
  await shot(page, 'status-overdue-hi-1280x800');

  await page.click('[data-action="finish"]');
  await page.waitForSelector('body[data-screen="home"]');
  await lookUp(onTime.reference);
  t.equal(await page.locator('[data-testid="compensation"]').count(), 0, 'a name change counts from the complete application: no compensation claim from the kiosk');
  t.match(await page.textContent('.due'), /आवेदन पूर्ण होने/, 'the rule, not a date');
});

t.test('bill payment with an old number: both numbers shown, a duplicate bill on request, the payment receipt only after central confirms', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  const jobs = async () => ((await (await fetch(`${kiosk.url}/api/sim/printer/jobs`)).json()) as { jobs: unknown[] }).jobs.length;

  await page.click('[data-service="bill-payment"]');
  await typeDigits(page, '9876543210');
  await next(page);
  const legacy = legacyOf(FIRST_SEED_ACCOUNT);
  await typeDigits(page, legacy);
  await next(page);
  await page.waitForSelector('.bills [data-testid="legacy-note"]');
  t.match(await page.textContent('.bills [data-testid="legacy-note"]'), new RegExp(`${legacy}.*${FIRST_SEED_ACCOUNT}`), 'old and new number on the bills step');
  await noticeShown(t, page);

  const before = await jobs();
  await page.click('[data-action="duplicate-bill"]');
  await page.waitForSelector('[data-testid="duplicate-bill"][data-state="printed"]');
  t.equal(await jobs(), before + 1, 'the duplicate bill printed');

  await page.click('.choice.bill:not([disabled])');
  await next(page);
  await page.waitForSelector('.wizard[data-step="(review)"]');
  await next(page); // submit
  await page.waitForSelector('.pay-status[data-state="pending"]');
  await noticeShown(t, page);
  const reference = (await page.textContent('.payment [data-testid="reference"]'))?.trim() ?? '';
  const stored = kiosk.store.get(reference);
  t.equal(stored?.account, FIRST_SEED_ACCOUNT);
  t.equal(stored?.legacyAccount, legacy);
  t.equal(await page.locator('[data-testid="payment-receipt"]').count(), 0, 'no payment receipt while pending');

  // Wait for the acknowledgement of the request, so the next page counted is the payment receipt.
  await page.waitForSelector('.receipt[data-state="printed"]', { state: 'attached', timeout: 20_000 });
  const beforePaid = await jobs();
  const payment = (await (await fetch(`${kiosk.url}/api/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference, mobile: '9876543210' }) })).json()) as { paymentId: string };
  // The simulated gateway's signed callback reaches central; the screen follows central.
  const confirm = await fetch(`${kiosk.url}/api/sim/payments/${payment.paymentId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'captured' }) });
  t.equal(confirm.status, 200);
  await page.waitForSelector('[data-testid="payment-receipt"][data-state="printed"]', { timeout: 15_000 });
  t.equal(await jobs(), beforePaid + 1, 'one payment receipt printed, after the confirmation');
  await shot(page, 'payment-receipt-printed-hi-1280x800');
});

t.test('smart prepaid recharge: the arrears note under the amount, on the small panel too', async (t) => {
  const kiosk = await startTestKiosk(t);
  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { panel: 'small', query: 'idle=600' });
  await page.click('[data-service="prepaid-recharge"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '1234567890');
  await next(page);
  await page.waitForSelector('.wizard[data-step="amount"]');
  t.match(await page.textContent('.wizard .q-rule'), /पुराने बकाया/);
  await noticeShown(t, page);
  const nextBox = await page.locator('[data-action="next"]').boundingBox();
  const viewport = page.viewportSize()!;
  t.ok(nextBox && nextBox.y + nextBox.height <= viewport.height, 'Next still on screen');
  await shot(page, 'recharge-amount-hi-1024x600');
});
