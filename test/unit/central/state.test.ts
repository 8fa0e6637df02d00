import t from 'tap';
import { computeState, historyStrip, isAlertTransition, nextDeadline } from '../../../central/fleet/state.js';

const seen = new Date('2025-11-26T06:00:00Z');
const at = (s: number) => new Date(seen.getTime() + s * 1000);
const k = { lastSeenAt: seen, periodSeconds: 60, graceSeconds: 120, maintenanceUntil: null };

t.test('period and grace boundaries', async (t) => {
  t.equal(computeState(k, at(0)), 'up');
  t.equal(computeState(k, at(60)), 'up');
  t.equal(computeState(k, at(60.001)), 'late');
  t.equal(computeState(k, at(180)), 'late');
  t.equal(computeState(k, at(180.001)), 'down');
  t.equal(computeState({ ...k, lastSeenAt: null }, at(0)), 'new');
  t.equal(computeState({ ...k, graceSeconds: 0 }, at(61)), 'down', 'no grace: straight to down');
});

t.test('maintenance pauses until its time, then the heartbeat age counts', async (t) => {
  const m = { ...k, maintenanceUntil: at(3600) };
  t.equal(computeState(m, at(1000)), 'maintenance');
  t.equal(computeState(m, at(3600)), 'down');
  t.equal(computeState({ ...m, lastSeenAt: at(3590) }, at(3600)), 'up');
  t.equal(computeState({ ...m, lastSeenAt: null }, at(10)), 'maintenance');
});

t.test('next deadline', async (t) => {
  t.same(nextDeadline(k, at(10)), at(60.001));
  t.same(nextDeadline(k, at(100)), at(180.001));
  t.equal(nextDeadline(k, at(500)), null);
});

t.test('alerts only on up↔down', async (t) => {
  t.ok(isAlertTransition('late', 'down'));
  t.ok(isAlertTransition('maintenance', 'down'));
  t.ok(isAlertTransition('down', 'up'));
  t.notOk(isAlertTransition('up', 'late'));
  t.notOk(isAlertTransition('late', 'up'));
  t.notOk(isAlertTransition('down', 'maintenance'));
  t.notOk(isAlertTransition('down', 'down'));
});

t.test('history strip keeps the worst state in each slot', async (t) => {
  const now = at(4 * 600);
  const strip = historyStrip([
    { at: at(-100), from: 'new', to: 'up' },
    { at: at(650), from: 'up', to: 'down' },
    { at: at(700), from: 'down', to: 'up' },
    { at: at(1900), from: 'up', to: 'late' },
  ], 'new', now, 4, 600_000);
  t.same(strip, ['up', 'down', 'up', 'late']);
  t.same(historyStrip([], 'down', now, 3, 600_000), ['down', 'down', 'down'], 'no transitions: the state before holds');
});
