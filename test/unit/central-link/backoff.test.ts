import t from 'tap';
import { backoffDelayMs } from '../../../controller/central-link/backoff.js';

const policy = { baseMs: 1000, maxMs: 300_000 };

t.test('doubles, with half the step jittered', async (t) => {
  t.equal(backoffDelayMs(1, policy, () => 0), 500);
  t.equal(backoffDelayMs(1, policy, () => 0.999999), 1000);
  t.equal(backoffDelayMs(2, policy, () => 0), 1000);
  t.equal(backoffDelayMs(5, policy, () => 0), 8000);
  t.equal(backoffDelayMs(5, policy, () => 0.5), 12000);
});

t.test('capped at retryMaxSeconds, never zero, no overflow', async (t) => {
  for (const attempt of [10, 11, 50, 1e6]) {
    const hi = backoffDelayMs(attempt, policy, () => 0.999999);
    const lo = backoffDelayMs(attempt, policy, () => 0);
    t.ok(hi <= 300_000 && lo >= 150_000, `attempt ${attempt}: ${lo}..${hi}`);
  }
  t.equal(backoffDelayMs(0, policy, () => 0), 500, 'attempt below 1 treated as 1');
  t.ok(Number.isFinite(backoffDelayMs(Number.MAX_SAFE_INTEGER, policy, Math.random)));
});
