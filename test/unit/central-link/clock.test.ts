import t from 'tap';
import { CentralClock } from '../../../controller/central-link/clock.js';

t.test('the offset is learnt from a reply and applied to the kiosk clock', async (t) => {
  let local = Date.parse('2025-11-26T08:00:00.000Z'); // two hours ahead
  const clock = new CentralClock(() => new Date(local));
  t.equal(clock.skewSeconds, null, 'unknown before any reply');
  t.equal(clock.now().toISOString(), '2025-11-26T08:00:00.000Z', 'the kiosk clock until then');
  clock.observe(new Date('2025-11-26T06:00:00.100Z'), new Date(local), new Date(local + 200));
  t.equal(clock.skewSeconds, -7200);
  local += 60_000;
  t.equal(clock.now().toISOString(), '2025-11-26T06:01:00.000Z', 'central\'s time from then on');
});

t.test('an offset within the round trip\'s uncertainty is no skew', async (t) => {
  const clock = new CentralClock(() => new Date(0));
  // A slow round trip (10 s): central's answer 4 s after the middle is within it.
  clock.observe(new Date(9_000), new Date(0), new Date(10_000));
  t.equal(clock.offsetMs, 0);
  t.equal(clock.skewSeconds, 0, 'measured, and in agreement');
  clock.observe(new Date(300_000), new Date(0), new Date(10_000));
  t.equal(clock.offsetMs, 295_000, 'beyond it, the offset is applied');
});
