// Receipt rendering (Devanagari drawn to raster + ESC/POS encoding) and scan
// parsing, each against a baseline measured in the same run.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { loadNetworkConfig } from '../config/load.js';
import { buildCatalogue } from '../controller/services/catalogue.js';
import { receiptRenderer } from '../controller/receipts/render.js';
import { parseScan } from '../drivers/scanner/parse.js';
import { simulatorConfigJson } from '../test/helpers/config.js';
import type { StoredRequest } from '../controller/store/types.js';

function perOp(n: number, fn: () => void): number {
  for (let i = 0; i < Math.min(5, n); i++) fn(); // warm-up: fonts, JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

export async function run(): Promise<void> {
  const config = simulatorConfigJson() as any;
  config.devices.printer.paperWidthMm = 58;
  const render = receiptRenderer(buildCatalogue(loadNetworkConfig()), config);
  const request: StoredRequest = {
    reference: 'KE-DLS-261127-00042', service: 'billing-complaint', mobile: '9876543210', account: '1234567890',
    fields: { type: 'excess-bill', description: 'Bill for October is three times the usual amount' },
    createdAt: '2026-11-27T04:00:00Z', dueBy: '2026-12-04T04:00:00Z', kioskId: 'KE-DLS-01',
    sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' },
  };
  // Baseline: the same amount of text as plain ESC/POS lines, no raster.
  const plain = () => {
    const e = new ReceiptPrinterEncoder({ columns: 32 }).initialize();
    for (let i = 0; i < 30; i++) e.line(`Line ${i} of a plain text receipt`);
    e.qrcode(request.reference).cut().encode();
  };
  const base = perOp(50, plain);
  const full = perOp(20, () => render(request));
  console.log(`receipt: baseline plain-text ESC/POS ${base.toFixed(2)} ms; bilingual raster receipt ${full.toFixed(2)} ms  ratio ${(full / base).toFixed(1)}x`);

  const payloads = ['1234567890', 'upi://pay?pa=kesco.ecorner@sbi&pn=KESCO&am=1499.50&cu=INR&tr=KEDLS2611270042', 'KE-DLS-261127-00042', ']Q1garbage\u0007payload'];
  const baseScan = perOp(20000, () => payloads.forEach((p) => /^\d{10}$/.test(p)));
  const fullScan = perOp(20000, () => payloads.forEach((p) => parseScan(p, { aimPrefix: true, maxLength: 512 })));
  console.log(`scan-parse: baseline regexp test ${(baseScan * 1000).toFixed(2)} µs; classify 4 payloads ${(fullScan * 1000).toFixed(2)} µs  ratio ${(fullScan / baseScan).toFixed(1)}x`);
}
