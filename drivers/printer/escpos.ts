// Receipt document → ESC/POS bytes, with @point-of-sale/receipt-printer-encoder
// (GS v 0 raster for drawn lines — cut by raster-command.ts into bands free of
// real-time command sequences — GS ( k for QR, GS k for barcodes, GS V cut).
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { DocBlock, PrintDocument } from './document.js';
import { safeBands } from './raster-command.js';
import { bitmapToRgba, needsRaster, rasterizeLines, type RasterLine } from './receipt-raster.js';
import { DOTS_PER_MM_WIDTH } from './types.js';

export interface EncodeOptions {
  paperWidthMm: 58 | 80;
}

/** Font A is 12 dots wide: 32 columns on 58 mm, 48 on 80 mm. */
export function columnsFor(paperWidthMm: 58 | 80): number {
  return DOTS_PER_MM_WIDTH[paperWidthMm] / 12;
}

export function encodeDocument(doc: PrintDocument, options: EncodeOptions): Uint8Array {
  const widthDots = DOTS_PER_MM_WIDTH[options.paperWidthMm];
  const columns = columnsFor(options.paperWidthMm);
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns, imageMode: 'raster', feedBeforeCut: 4, feedAfterBlock: false });
  enc.initialize().codepage('cp437');

  // Consecutive drawn lines become one raster image: fewer commands, no seams.
  let pending: RasterLine[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    // Our own GS v 0, not the encoder's image(): its bytes are kept free of real-time command sequences.
    // Bands of at most 255 rows with no real-time command sequence in their bytes (raster-command.ts).
    enc.align('left');
    for (const band of safeBands(rasterizeLines(pending, widthDots))) {
      const rgba = bitmapToRgba(band);
      enc.image(rgba as unknown as ImageData, { width: rgba.width, height: rgba.height, algorithm: 'threshold', threshold: 128 });
    }
    pending = [];
  };

  for (const block of doc.blocks) {
    if (block.kind === 'text' && needsRaster(block.text)) {
      pending.push({ text: block.text, align: block.align, bold: block.bold, size: block.size });
      continue;
    }
    flush();
    addBlock(enc, block, columns);
  }
  flush();
  enc.cut('partial');
  return enc.encode();
}

function addBlock(enc: ReceiptPrinterEncoder, block: DocBlock, columns: number): void {
  switch (block.kind) {
    case 'text': {
      enc.align(block.align ?? 'left').bold(!!block.bold);
      if (block.size === 'large') {
        // Double width only when it still fits on one line.
        const wide = block.text.length * 2 <= columns ? 2 : 1;
        enc.size(wide, 2).line(block.text).size(1, 1);
      } else if (block.size === 'small') {
        enc.font('B').line(block.text).font('A');
      } else {
        enc.line(block.text);
      }
      enc.bold(false);
      return;
    }
    case 'rule':
      enc.rule({ style: 'single' });
      return;
    case 'qr':
      enc.align('center').qrcode(block.data, { model: 2, size: block.size ?? 6, errorlevel: 'm' });
      return;
    case 'barcode':
      enc.align('center').barcode(block.data, 'code128', { height: 60, text: 'below' });
      return;
    case 'feed':
      enc.newline(block.lines ?? 1);
      return;
  }
}
