// The health rules as a table: each row is what is known now and the part's
// health that must follow — including recovery when the cause is gone.
import t from 'tap';
import { ledCondition, ledsRule, storeRule, uiRule, watchdogAlive } from '../../../controller/health/rules.js';

const start = new Date('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(start.getTime() + s * 1000);

t.test('ui: liveness from how long the page has been silent (durations, not wall times)', async (t) => {
  const rows: Array<[string, Parameters<typeof uiRule>[0], string, string]> = [
    ['just started, no page yet', { silentMs: null, upMs: 30_000, timeoutSeconds: 90, buildFailed: false }, 'warning', 'waiting'],
    ['never seen past the timeout', { silentMs: null, upMs: 91_000, timeoutSeconds: 90, buildFailed: false }, 'fault', 'not-running'],
    ['seen recently', { silentMs: 50_000, upMs: 150_000, timeoutSeconds: 90, buildFailed: false }, 'ok', 'running'],
    ['silent past the timeout', { silentMs: 91_000, upMs: 191_000, timeoutSeconds: 90, buildFailed: false }, 'fault', 'not-running'],
    ['seen again: recovers', { silentMs: 1000, upMs: 201_000, timeoutSeconds: 90, buildFailed: false }, 'ok', 'running'],
    ['bundles failed to build', { silentMs: 1000, upMs: 201_000, timeoutSeconds: 90, buildFailed: true }, 'fault', 'build-failed'],
  ];
  for (const [name, input, level, state] of rows) t.match(uiRule(input), { level, state }, name);
});

t.test('leds: a later good write clears the warning', async (t) => {
  t.match(ledsRule({ lastError: 'LED red on gpio: EACCES', output: 'gpio' }), { level: 'warning', state: 'write-failed' });
  t.match(ledsRule({ lastError: null, output: 'gpio' }), { level: 'ok', state: 'ready' });
});

t.test('store: probe, last write, recovery, worst first', async (t) => {
  const rows: Array<[string, Parameters<typeof storeRule>[0], string, string]> = [
    ['all fine', { probeError: null, lastWriteError: null, recovered: null, size: 3 }, 'ok', 'ready'],
    ['read-only at start-up', { probeError: 'EROFS', lastWriteError: null, recovered: null, size: 3 }, 'fault', 'not-writable'],
    ['a write failed', { probeError: null, lastWriteError: 'ENOSPC', recovered: null, size: 3 }, 'fault', 'write-failed'],
    ['probe beats write', { probeError: 'EROFS', lastWriteError: 'ENOSPC', recovered: null, size: 3 }, 'fault', 'not-writable'],
    ['recovered store, writable', { probeError: null, lastWriteError: null, recovered: 'restored', size: 3 }, 'warning', 'recovered'],
  ];
  for (const [name, input, level, state] of rows) t.match(storeRule(input), { level, state }, name);
  t.match(storeRule({ probeError: null, lastWriteError: null, recovered: null, size: 7 }).detail, /7 requests/);
});

t.test('LEDs: maintenance outranks health while the window is open', async (t) => {
  t.equal(ledCondition('fault', at(60), start), 'maintenance');
  t.equal(ledCondition('fault', at(-1), start), 'fault', 'an expired window shows health again');
  t.equal(ledCondition('ok', null, start), 'ok');
});

t.test('watchdog: loop liveness only', async (t) => {
  const rows: Array<[string, Parameters<typeof watchdogAlive>[0], boolean]> = [
    ['loop ticking, little lag', { sinceTickMs: 1000, tickMs: 1000, lagMs: 20, maxLagMs: 5000 }, true],
    ['loop stalled', { sinceTickMs: 9000, tickMs: 1000, lagMs: 20, maxLagMs: 5000 }, false],
    ['event loop was blocked', { sinceTickMs: 1000, tickMs: 1000, lagMs: 6000, maxLagMs: 5000 }, false],
    ['never ticked', { sinceTickMs: null, tickMs: 1000, lagMs: 0, maxLagMs: 5000 }, false],
  ];
  for (const [name, input, alive] of rows) t.equal(watchdogAlive(input), alive, name);
});
