import t from 'tap';
import { FIRST_SEED_ACCOUNT, seedConsumers } from '../../../central/billing/seed.js';
import { maskName } from '../../../central/billing/billing.js';

t.test('seed is deterministic, 10-digit, three months of bills', async (t) => {
  const today = new Date('2025-11-26T00:00:00Z');
  const a = seedConsumers(40, today);
  t.same(a, seedConsumers(40, today));
  t.equal(a[0]!.account, FIRST_SEED_ACCOUNT);
  t.ok(a.every((c) => /^\d{10}$/.test(c.account)));
  t.equal(new Set(a.map((c) => c.account)).size, a.length, 'accounts unique');
  t.same(a[0]!.bills.map((b) => b.period), ['2025-08', '2025-09', '2025-10']);
  t.equal(a[0]!.bills[2]!.dueDate, '2025-11-20');
  t.ok(a.every((c) => c.bills.every((b) => b.amountPaise > 0 && b.amountPaise % 100 === 0)));
});

t.test('names are masked for the public screen', async (t) => {
  t.equal(maskName('Ramesh Verma'), 'Ramesh V.');
  t.equal(maskName('Mohd. Irfan Khan'), 'Mohd. Irfan K.');
  t.equal(maskName('Asha'), 'Asha');
});
