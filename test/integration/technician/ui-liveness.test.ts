// UI liveness for real: without a browser the touchscreen is a fault after
// the timeout; with the consumer page open it is ok; after the page closes
// it turns to fault again. Central hears it through the heartbeat.
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';
import { launch, openKiosk } from '../ui/fixtures/browser.js';

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('no browser → ui fault; page open → ok; page closed → fault again', async (t) => {
  const kiosk = await startTestKiosk(t, { modify: (c) => (c.ui = { livenessTimeoutSeconds: 10 }) });
  const ui = () => kiosk.ctx.health.get('ui');
  // An SSE client that is not the touchscreen (the technician's curl) does not count.
  const sse = await fetch(`${kiosk.url}/api/events`);
  t.equal(ui()?.state, 'waiting', 'before the timeout: waiting, not alive');
  await t.resolves(waitFor(() => ui()?.state === 'not-running'), 'never seen → not running');
  t.equal(ui()?.level, 'fault');
  await sse.body?.cancel();
  const beat = await kiosk.link.heartbeat.sendNow();
  t.ok(beat);

  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url);
  await t.resolves(waitFor(() => ui()?.state === 'running'), 'the page checked in');
  t.equal(ui()?.level, 'ok');

  await page.context().close();
  await t.resolves(waitFor(() => ui()?.state === 'not-running', 30_000), 'closed page → not running again');
});
