import t from 'tap';
import { emptyLinkState, savedForm, worthSaving } from '../../../controller/central-link/state-file.js';

t.test('the link state is saved when something a restart needs changed, not for each heartbeat', async (t) => {
  const base = { ...emptyLinkState(), lastDeliveredAt: '2026-11-26T10:00:00.000Z' };
  const saved = savedForm(base);
  const hour = 3600_000;
  t.notOk(worthSaving(saved, savedForm({ ...base, lastDeliveredAt: '2026-11-26T10:01:00.000Z' }), hour), 'a delivered heartbeat, nothing else: no write');
  t.ok(worthSaving(saved, savedForm({ ...base, lastDeliveredAt: '2026-11-26T11:00:00.000Z' }), hour), 'the delivery time an hour stale: written');
  t.ok(worthSaving(saved, savedForm({ ...base, changes: [{ part: 'printer', state: 'paper-end', level: 'fault', at: '2026-11-26T10:01:00.000Z' } as never] }), hour), 'an undelivered change: written');
  t.ok(worthSaving(saved, savedForm({ ...base, droppedChanges: 1 }), hour), 'a dropped count: written');
});
