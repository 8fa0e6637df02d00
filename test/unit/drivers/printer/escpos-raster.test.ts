import t from 'tap';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { encodeDocument, columnsFor } from '../../../../drivers/printer/escpos.js';
import { needsRaster, rasterizeLines } from '../../../../drivers/printer/receipt-raster.js';
import { EscPosParser } from '../../../../drivers/printer/virtual-parser.js';
import { JobBuilder, renderJob, type JobItem } from '../../../../drivers/printer/virtual-render.js';

const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

function parse(bytes: Uint8Array): JobItem[] {
  const b = new JobBuilder();
  for (const e of new EscPosParser().push(bytes)) b.apply(e);
  return b.take();
}

const ink = (bm: { data: Uint8Array }) => bm.data.reduce((n, v) => n + v, 0);

t.test('paper widths', async (t) => {
  t.equal(columnsFor(58), 32);
  t.equal(columnsFor(80), 48);
});

t.test('what needs raster', async (t) => {
  t.notOk(needsRaster('KESCO e-corner 1912'));
  t.ok(needsRaster('सेवा'));
  t.ok(needsRaster('₹ 100'));
  t.ok(needsRaster('café'));
});

t.test('Hindi lines are drawn at the paper width in 1 bit, wrapped, multiple of 8 high', async (t) => {
  const one = rasterizeLines([{ text: 'बिल संबंधी शिकायत' }], 384);
  t.equal(one.width, 384);
  t.equal(one.height % 8, 0);
  t.ok(one.data.every((v) => v === 0 || v === 1));
  t.ok(ink(one) > 300, 'glyphs have ink');
  const long = rasterizeLines([{ text: 'समाधान न हो तो: 1912 → आईजीआरएस 1076 → उपभोक्ता फोरम (सीजीआरएफ, 45 दिन)' }], 384);
  t.ok(long.height >= one.height * 2, 'a long line wraps onto several');
  const bold = rasterizeLines([{ text: 'बिल संबंधी शिकायत', bold: true }], 384);
  t.ok(ink(bold) > ink(one), 'bold is heavier');
  // Shaping: the conjunct क्ष is narrower than क + ् + ष drawn apart (ZWNJ blocks the conjunct).
  const joined = rasterizeLines([{ text: 'क्ष' }], 384);
  const apart = rasterizeLines([{ text: 'क्\u200cष' }], 384);
  const width = (bm: { width: number; height: number; data: Uint8Array }) => {
    let min = bm.width, max = 0;
    for (let i = 0; i < bm.data.length; i++) if (bm.data[i]) { const x = i % bm.width; min = Math.min(min, x); max = Math.max(max, x); }
    return max - min;
  };
  t.ok(width(joined) < width(apart), `conjunct joined (${width(joined)} < ${width(apart)} dots)`);
  const left = rasterizeLines([{ text: 'कि', align: 'left' }], 384);
  t.ok(ink(left) > 0);
});

t.test('document → ESC/POS → parsed job', async (t) => {
  const bytes = encodeDocument({ blocks: [
    { kind: 'text', text: 'KESCO e-corner', align: 'center', bold: true, size: 'large' },
    { kind: 'text', text: 'केस्को ई-कॉर्नर', align: 'center' },
    { kind: 'text', text: 'सेवा', bold: true },
    { kind: 'rule' },
    { kind: 'qr', data: 'KE-DLS-261126-00042' },
    { kind: 'barcode', data: 'KE-DLS-01' },
    { kind: 'text', text: 'Helpline: 1912', size: 'small' },
  ] }, { paperWidthMm: 80 });
  t.same([...bytes.subarray(0, 2)], [0x1b, 0x40], 'starts with ESC @');
  const items = parse(bytes);
  t.match(items[0], { type: 'text', text: /KESCO e-corner/, segments: [{}, { bold: true, width: 2, height: 2 }] });
  const rasters = items.filter((i) => i.type === 'raster');
  t.equal(rasters.length, 1, 'consecutive Hindi lines share one raster');
  t.match(rasters[0], { width: 576 });
  t.ok(items.some((i) => i.type === 'text' && /^─{48}$/.test(i.text)), 'rule across 48 columns');
  t.ok(items.some((i) => i.type === 'qr' && i.data === 'KE-DLS-261126-00042' && i.size === 6 && i.errorLevel === 'M'));
  t.ok(items.some((i) => i.type === 'barcode' && i.data === 'KE-DLS-01'));
  t.ok(items.some((i) => i.type === 'text' && i.text === 'Helpline: 1912' && i.segments[0]!.font === 'B'));
  t.match(items.filter((i) => i.type !== 'feed').at(-1), { type: 'cut', partial: true }, 'ends with a cut');
});

t.test('a tall Hindi block is sent in raster chunks that join', async (t) => {
  const blocks = Array.from({ length: 12 }, () => ({ kind: 'text' as const, text: 'नियत तिथि और नियम' }));
  const items = parse(encodeDocument({ blocks }, { paperWidthMm: 58 })).filter((i) => i.type === 'raster');
  t.ok(items.length >= 2);
  t.ok(items.every((i) => i.type === 'raster' && i.height <= 255));
});

t.test('rendered PNG shows the QR so a phone can read it', async (t) => {
  const items = parse(encodeDocument({ blocks: [{ kind: 'text', text: 'top' }, { kind: 'qr', data: 'KE-PHB-010203-12345' }, { kind: 'text', text: 'पावती' }] }, { paperWidthMm: 58 }));
  const png = PNG.sync.read(renderJob(items, 384));
  t.equal(png.width, 384);
  t.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, 'KE-PHB-010203-12345');
});
