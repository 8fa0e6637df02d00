// A newcomer's `npm start` (controller/main.ts --sim as a process), twice
// side by side thanks to ECORNER_PORT / ECORNER_CENTRAL_PORT /
// ECORNER_PRINTER_PORT / ECORNER_TECHNICIAN_PORT = 0: a bill is paid in the browser and shows "paid"
// only after the simulated gateway's signed callback; a forged callback to
// central before it changes nothing.
import t from 'tap';
import { razorpayEventBody, razorpayHeaders, RAZORPAY_WEBHOOK_PATH } from '../../../central/gateway/simulated.js';
import { tempDir } from '../../helpers/config.js';
import { startController, type ControllerProcess } from '../../helpers/process.js';
import { launch, next, openKiosk, typeDigits } from './fixtures/browser.js';

const anyFreePorts = (dataDir: string) => ({ ECORNER_PORT: '0', ECORNER_CENTRAL_PORT: '0', ECORNER_PRINTER_PORT: '0', ECORNER_TECHNICIAN_PORT: '0', ECORNER_DATA_DIR: dataDir });

function centralUrlOf(proc: ControllerProcess): string {
  const m = /"event":"central-link-started","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(proc.output());
  if (!m) throw new Error(`no central URL in the log:\n${proc.output()}`);
  return m[1]!;
}

t.test('two simulated kiosks at once; a bill paid in the browser is "paid" only after the signed callback', async (t) => {
  const [a, b] = await Promise.all([startController(['--sim'], anyFreePorts(tempDir())), startController(['--sim'], anyFreePorts(tempDir()))]);
  for (const p of [a, b]) t.teardown(() => { p.child.kill('SIGTERM'); });
  t.not(a.url, b.url, 'each kiosk on its own port');
  t.not(centralUrlOf(a), centralUrlOf(b), 'each with its own simulated central');
  t.notMatch(a.output() + b.output(), /EADDRINUSE/);

  const browser = await launch(t);
  const page = await openKiosk(browser, a.url, { query: 'idle=600' });
  await page.click('[data-service="bill-payment"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await typeDigits(page, '2130000001'); // the simulator central's first seeded consumer
  await next(page);
  await page.waitForSelector('.wizard[data-step="billId"] .choices-bills');
  await page.locator('.choice.bill:not([disabled])').first().click();
  await next(page);
  await page.waitForSelector('.wizard[data-step="(review)"]');
  await next(page); // submit
  await page.waitForSelector('[data-testid="upi-qr"] svg.qr', { timeout: 20_000 });
  const reference = (await page.textContent('[data-testid="reference"]'))?.trim() ?? '';
  t.equal(await page.getAttribute('.pay-status', 'data-state'), 'pending', 'a QR on screen is not a payment');
  const payment = await page.evaluate(async ([ref]) => {
    const r = await fetch('/api/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: ref, mobile: '9876543210' }) });
    return (await r.json()) as { paymentId: string; amountPaise: number };
  }, [reference]);
  t.match(payment.paymentId, /^P-[0-9a-f]{32}$/);

  // Someone on the network claims the payment went through: not signed by the gateway's secret.
  const forgedBody = razorpayEventBody('captured', { paymentId: payment.paymentId, amountPaise: payment.amountPaise });
  const forged = await fetch(centralUrlOf(a) + RAZORPAY_WEBHOOK_PATH, { method: 'POST', headers: razorpayHeaders('guessed-webhook-secret-7Kq2mZ9xL4pR8', forgedBody), body: forgedBody });
  t.equal(forged.status, 401, 'central refuses the forged callback');
  // Wait for the screen's next poll of central (not a fixed sleep): it must still say pending.
  const poll = await page.waitForResponse((r) => r.url().includes(`/api/payments/${payment.paymentId}`), { timeout: 15_000 });
  t.equal(((await poll.json()) as { status: string }).status, 'pending', 'central still says pending after the forged callback');
  t.equal(await page.getAttribute('.pay-status', 'data-state'), 'pending', 'and so does the screen');

  const sim = await fetch(`${a.url}/api/sim/payments/${payment.paymentId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'captured' }) });
  t.equal(sim.status, 200);
  t.match(await sim.json(), { sent: 'captured', central: { outcome: 'applied' } });
  await page.waitForSelector('.pay-status[data-state="confirmed"]', { timeout: 15_000 });
  t.pass('"paid" on screen after the gateway\'s signed callback');

  // The help desk, as a newcomer plays it: the status reaches the kiosk.
  const helpdesk = await fetch(`${a.url}/api/sim/central/requests/${reference}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'resolved', note: 'paid at the kiosk' }) });
  t.equal(helpdesk.status, 200);
  t.match(await helpdesk.json(), { reference, status: 'resolved' });
});
