import t from 'tap';
import { ChangeLog } from '../../../controller/central-link/changes.js';

const ch = (part: string, state: string, minute: number, level: 'ok' | 'warning' | 'fault' = 'ok') => ({ part, level, state, at: new Date(Date.UTC(2025, 10, 26, 6, minute)).toISOString() });

t.test('records real changes once, acknowledges exactly what was sent', async (t) => {
  const log = new ChangeLog();
  log.record(ch('printer', 'paper-end', 1, 'fault'));
  log.record(ch('printer', 'paper-end', 2, 'fault'));
  t.equal(log.size, 1, 'repeat of the same state is not a change');
  const sent = log.pending();
  log.record(ch('printer', 'ready', 3)); // arrives while the heartbeat is in flight
  log.acknowledge(sent);
  t.same(log.pending().changes.map((c) => c.state), ['ready'], 'only the in-flight change remains');
});

t.test('a long outage is capped; the latest state of every part survives', async (t) => {
  const log = new ChangeLog(undefined, 10);
  log.record(ch('scanner', 'disconnected', 0, 'fault'));
  for (let i = 1; i <= 30; i++) log.record(ch('printer', i % 2 ? 'paper-end' : 'ready', i, i % 2 ? 'fault' : 'ok'));
  const p = log.pending();
  t.equal(p.changes.length, 10);
  t.equal(p.dropped, 21);
  t.ok(p.changes.some((c) => c.part === 'scanner'), 'the only scanner change is kept');
  t.equal(p.changes.at(-1)!.state, 'ready', 'newest printer change kept');
  log.acknowledge(p);
  t.same(log.pending(), { changes: [], dropped: 0 });
});
