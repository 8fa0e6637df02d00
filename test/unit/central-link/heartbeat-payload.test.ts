import t from 'tap';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HeartbeatPayload } from '../../../protocol/heartbeat.js';
import { registerFormats } from '../../../protocol/formats.js';
import { buildHeartbeat, paperState, uiAlive } from '../../../controller/central-link/heartbeat.js';

registerFormats();
const check = TypeCompiler.Compile(HeartbeatPayload);
const now = new Date('2025-11-26T06:00:00Z');
const since = '2025-11-26T05:00:00.000Z';

const inputs = () => ({
  kioskId: 'KE-DLS-01', sequence: 3, version: '0.1.0', uptimeSeconds: 1234.7, now, periodSeconds: 60,
  health: { level: 'fault' as const, parts: {
    printer: { level: 'fault' as const, state: 'paper-end', detail: 'out of paper', since },
    store: { level: 'ok' as const, state: 'ready', detail: 'last request from 9876543210 saved', since },
  } },
  lastScanAt: new Date('2025-11-26T05:59:00Z'), uiLastSeenAt: new Date('2025-11-26T05:58:30Z'),
  outbox: { depth: 2, oldestAgeSeconds: 90, failures: 1 }, selfTests: [{ name: 'printer-test-receipt', ok: true, at: since }],
  maintenanceUntil: null,
  system: { diskFreeBytes: 1, diskTotalBytes: 2, memAvailableBytes: 3, memTotalBytes: 4, cpuTempC: 50, throttle: null },
  changes: { changes: [{ part: 'printer', level: 'fault' as const, state: 'paper-end', at: since, detail: 'complaint by +91 98765 43210' }], dropped: 4 },
  failedSince: 7,
});

t.test('the payload matches the shared schema and carries what the issue lists', async (t) => {
  const p = buildHeartbeat(inputs());
  t.ok(check.Check(p), [...check.Errors(p)].map((e) => `${e.path} ${e.message}`).join('; '));
  t.equal(p.uptimeSeconds, 1234);
  t.equal(p.printer.paper, 'out');
  t.equal(p.ui.alive, true);
  t.equal(p.clock, now.toISOString());
  t.same(p.outbox, { depth: 2, oldestAgeSeconds: 90, failures: 1 });
  t.equal(p.droppedChanges, 4);
  t.equal(p.failedSince, 7);
  t.same(p.maintenance, { active: false, until: null });
});

t.test('no full mobile number anywhere in a heartbeat', async (t) => {
  const text = JSON.stringify(buildHeartbeat(inputs()));
  t.notMatch(text, /9876543210/);
  t.notMatch(text, /98765 43210/);
  t.match(text, /98xxxxxx10/);
});

t.test('maintenance, paper and UI liveness', async (t) => {
  const p = buildHeartbeat({ ...inputs(), maintenanceUntil: new Date('2025-11-26T07:00:00Z') });
  t.same(p.maintenance, { active: true, until: '2025-11-26T07:00:00.000Z' });
  t.equal(paperState(undefined), 'unknown');
  t.equal(paperState({ level: 'warning', state: 'paper-near-end', since }), 'near-end');
  t.equal(paperState({ level: 'ok', state: 'ready', since }), 'ok');
  t.equal(paperState({ level: 'fault', state: 'cover-open', since }), 'unknown');
  t.notOk(uiAlive(new Date(now.getTime() - 181_000), now, 60), 'silent for more than three periods');
  t.notOk(uiAlive(null, now, 60));
});

t.test('parts with names central would refuse are left out, not sent', async (t) => {
  const i = inputs();
  const p = buildHeartbeat({ ...i, health: { ...i.health, parts: { ...i.health.parts, 'Bad Name!': { level: 'ok', state: 'x', since } } } });
  t.ok(check.Check(p));
  t.notOk('Bad Name!' in p.health.parts);
});

t.test('ui.alive follows the kiosk\'s own liveness rule (health part ui) when present', async (t) => {
  const i = inputs();
  const withUi = (state: string, level: 'ok' | 'fault') => buildHeartbeat({ ...i, health: { ...i.health, parts: { ...i.health.parts, ui: { level, state, since } } } });
  t.equal(withUi('running', 'ok').ui.alive, true);
  t.equal(withUi('not-running', 'fault').ui.alive, false, 'seen 90 s ago is within three periods, but past the liveness timeout');
});

t.test('the printer confirmation method and marked copies travel in the heartbeat (issue 9)', async (t) => {
  const p = buildHeartbeat({ ...inputs(), printerInfo: { confirm: 'status', copies: 2 } });
  t.ok(check.Check(p), [...check.Errors(p)].map((e) => `${e.path} ${e.message}`).join('; '));
  t.same(p.printer, { paper: 'out', confirm: 'status', copies: 2 });
  const bad = { ...p, printer: { ...p.printer, confirm: 'maybe' } };
  t.notOk(check.Check(bad), 'central refuses an unknown method');
});
