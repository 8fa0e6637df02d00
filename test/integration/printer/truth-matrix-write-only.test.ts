// Issue 9 matrix, profile "write-only": every scenario runs the real driver and print
// queue against the virtual printer (fixtures/matrix.ts).
import t from 'tap';
import { runCell, SCENARIOS } from './fixtures/matrix.js';

for (const scenario of SCENARIOS) {
  t.test(`write-only × ${scenario}`, (t) => runCell(t, 'write-only', scenario));
}
