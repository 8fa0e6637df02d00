// npm run bench: every benchmark prints its numbers as ratios against a
// baseline it measures in the same run (never absolute goals).
import { run as store } from './store.bench.js';
import { run as receiptAndScan } from './receipt-and-scan.bench.js';
import { run as kioskStart } from './kiosk-start.bench.js';

const benches: Array<[string, () => Promise<void>]> = [
  ['store', store],
  ['receipt-and-scan', receiptAndScan],
  ['kiosk-start', kioskStart],
];
const only = process.argv[2];
for (const [name, fn] of benches) {
  if (only && name !== only) continue;
  await fn();
}
