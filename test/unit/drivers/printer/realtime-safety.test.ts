// Real-time commands must never hide in image or QR data: an Epson with
// real-time commands enabled executes DLE EOT/ENQ/DC4 wherever the bytes
// appear. The receive-interrupt scanner is the epson profile's own; the
// property test runs ≥ 1,000 random receipts through it.
import t from 'tap';
import { encodeDocument } from '../../../../drivers/printer/escpos.js';
import { clearRealtimeSequences, rasterCommands } from '../../../../drivers/printer/raster-command.js';
import { RealtimeScanner, strayRealtimeCommands } from '../../../../drivers/printer/virtual-parser.js';
import { buildReceipt } from '../../../../controller/receipts/layout.js';
import type { StoredRequest } from '../../../../controller/store/types.js';

// 1,000 receipts drawn with Devanagari take a minute or more on a busy 2-core machine.
t.setTimeout(600_000);

/** Small seeded PRNG (mulberry32), so a failure can be replayed from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

t.test('the scanner finds real-time commands at any offset, also split across chunks', async (t) => {
  const stream = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x04, 0x00, 0x10, 0x04, 0x01, 0x00, 0x10, 0x05, 0x02, 0x10, 0x14, 0x01);
  const whole = new RealtimeScanner().push(stream);
  t.same(whole.map((h) => [h.at, h.code, h.n]), [[8, 'DLE EOT', 1], [12, 'DLE ENQ', 2], [15, 'DLE DC4', 1]]);
  const split = new RealtimeScanner();
  const hits = [...stream].flatMap((b) => split.push([b]));
  t.same(hits, whole, 'byte by byte');
  t.same(strayRealtimeCommands(stream).length, 2, 'the raster data holds DLE EOT 1 and DLE ENQ 2; DLE DC4 1 starts after the image');
  t.same(strayRealtimeCommands(Uint8Array.of(0x10, 0x04, 0x01, 0x1b, 0x40)), [], 'a real DLE EOT at a command boundary is meant');
});

t.test('clearing keeps the image but removes every sequence', async (t) => {
  const data = Uint8Array.of(0x10, 0x04, 0x04, 0x10, 0x10, 0x05, 0x00, 0x10, 0x14, 0x08, 0xff);
  t.equal(clearRealtimeSequences(data), 3);
  t.same([...data], [0x10, 0x00, 0x04, 0x10, 0x10, 0x00, 0x00, 0x10, 0x00, 0x08, 0xff]);
  t.equal(new RealtimeScanner().push(data).length, 0);
});

t.test('random bitmaps: the stock GS v 0 bytes would hold real-time commands; ours never do', async (t) => {
  const rnd = prng(0x5eed);
  let strayBefore = 0;
  for (let i = 0; i < 200; i++) {
    const width = 384;
    const height = 1 + Math.floor(rnd() * 600);
    // Sparse dots, as glyph edges: bytes like 0x10 0x04 are common then.
    const data = new Uint8Array(width * height).map(() => (rnd() < 0.08 ? 1 : 0));
    const bitmap = { width, height, data };
    const packed = rasterCommands(bitmap);
    t.equal(strayRealtimeCommands(packed).length, 0);
    // The same image packed naively, in one band, for comparison.
    const naive = new Uint8Array(8 + (width / 8) * height);
    naive.set([0x1d, 0x76, 0x30, 0x00, width / 8, 0, height & 0xff, height >> 8]);
    for (let p = 0; p < data.length; p++) if (data[p]) naive[8 + (p >> 3)]! |= 0x80 >> (p & 7);
    strayBefore += strayRealtimeCommands(naive).length;
  }
  t.ok(strayBefore > 0, `without clearing, ${strayBefore} sequences would have been executed: the check can fail`);
});

const DEVANAGARI = [...'कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहािीुूृेैोौंःँ्क्षत्रज्ञ'];
const LATIN = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/'];

function randomText(rnd: () => number, alphabet: string[], max: number): string {
  const n = 1 + Math.floor(rnd() * max);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

t.test('property: 1,000 random receipts (references, names, Devanagari) hold no real-time command the epson profile would execute', async (t) => {
  const rnd = prng(20261201);
  const RECEIPTS = 1000;
  let bytes = 0;
  let stray = 0;
  for (let i = 0; i < RECEIPTS; i++) {
    const seq = String(Math.floor(rnd() * 100000)).padStart(5, '0');
    const reference = `KE-${['DLS', 'DBL', 'KSP', 'PHB', 'DDN'][i % 5]}-2611${String(10 + (i % 20))}-${seq}`;
    const request: StoredRequest = {
      reference, service: 'billing-complaint', mobile: `9${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
      account: String(Math.floor(rnd() * 1e10)).padStart(10, '0'), fields: { name: randomText(rnd, LATIN, 24), place: randomText(rnd, DEVANAGARI, 30) },
      createdAt: new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd() * 30 * 86400_000)).toISOString(), dueBy: new Date(Date.UTC(2026, 11, 15)).toISOString(),
      kioskId: 'KE-TST-01', sync: { state: 'pending', attempts: 0 }, receipt: { state: 'pending' },
    };
    const doc = buildReceipt({
      request, site: { en: randomText(rnd, LATIN, 20), hi: randomText(rnd, DEVANAGARI, 20) },
      ...(rnd() < 0.2 ? { copyOf: new Date(request.createdAt) } : {}),
    });
    // Keep it quick: one random Devanagari paragraph, the reference and the QR from the real layout.
    doc.blocks.push({ kind: 'text', text: randomText(rnd, DEVANAGARI, 40), size: rnd() < 0.7 ? 'small' : 'large' });
    const encoded = encodeDocument(doc, { paperWidthMm: rnd() < 0.5 ? 58 : 80 });
    bytes += encoded.length;
    const found = strayRealtimeCommands(encoded);
    stray += found.length;
    if (found.length) t.fail(`receipt ${i} (${reference}): ${JSON.stringify(found.slice(0, 3))}`);
  }
  t.equal(stray, 0, `${RECEIPTS} receipts, ${bytes} bytes, no real-time command inside data`);
});
