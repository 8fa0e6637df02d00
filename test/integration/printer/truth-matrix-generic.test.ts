// Issue 9 matrix, profile "generic": every scenario runs the real driver and print
// queue against the virtual printer (fixtures/matrix.ts).
import t from 'tap';
import { runCell, SCENARIOS } from './fixtures/matrix.js';

for (const scenario of SCENARIOS) {
  t.test(`generic × ${scenario}`, (t) => runCell(t, 'generic', scenario));
}
