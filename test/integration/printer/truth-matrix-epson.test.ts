// Issue 9 matrix, profile "epson": every scenario runs the real driver and print
// queue against the virtual printer (fixtures/matrix.ts).
import t from 'tap';
import { runCell, SCENARIOS } from './fixtures/matrix.js';

for (const scenario of SCENARIOS) {
  t.test(`epson × ${scenario}`, (t) => runCell(t, 'epson', scenario));
}
