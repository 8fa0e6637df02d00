// The systemd watchdog is petted while the event loop and the health loop
// run — through a store fault — and withheld when the event loop is blocked.
// A fake notify transport stands in for systemd-notify and the socket.
import { Writable } from 'node:stream';
import t from 'tap';
import { pino } from 'pino';
import { createSdNotifier, type NotifySend } from '../../../controller/systemd/sd-notify.js';
import { startTestKiosk } from '../../helpers/kiosk.js';

t.test('pings continue through a store fault and stop while the event loop is blocked', async (t) => {
  const kiosk = await startTestKiosk(t);
  const sent: Array<{ at: number; what: string }> = [];
  const transport: NotifySend = (assignments, done) => {
    sent.push({ at: Date.now(), what: assignments.join(' ') });
    done(null);
  };
  const lines: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
  const notifier = createSdNotifier(log, { NOTIFY_SOCKET: '/run/fake-notify', WATCHDOG_USEC: '400000' }, transport);
  t.teardown(() => notifier.close());
  notifier.startWatchdog(() => kiosk.health.loop.alive(1500));
  const pings = () => sent.filter((s) => s.what === 'WATCHDOG=1').length;

  await waitFor(() => pings() >= 3);
  // A store fault (full card): shown, never turned into restarts.
  kiosk.ctx.bus.emit('store-write-failed', { error: 'ENOSPC: no space left on device' });
  t.equal(kiosk.ctx.health.get('store')?.level, 'fault');
  const before = pings();
  await waitFor(() => pings() >= before + 3);
  t.pass('still petted with the store in fault');

  // Block the event loop for longer than the bound.
  const blockedAt = Date.now();
  while (Date.now() - blockedAt < 5000) {
    /* busy: nothing else runs */
  }
  const unblockedAt = Date.now();
  const withheld = () => lines.filter((l) => l.includes('"watchdog-withheld"')).map((l) => (JSON.parse(l) as { time: number }).time);
  await waitFor(() => withheld().length > 0);
  t.notOk(withheld().some((time) => time < unblockedAt), 'never withheld before the block, store fault or not');
  t.ok(withheld()[0]! >= unblockedAt && withheld()[0]! < unblockedAt + 1000, 'the first check after the block withholds the ping');
  t.notOk(sent.some((s) => s.at > blockedAt && s.at < unblockedAt), 'nothing sent while blocked');
  // Then the loops run again and so do the pings.
  await waitFor(() => sent.filter((s) => s.at > unblockedAt && s.what === 'WATCHDOG=1').length >= 2);
  t.pass('pings resume once the loops run again');
});

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
