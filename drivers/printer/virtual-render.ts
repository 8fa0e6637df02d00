// The virtual printer's paper: parsed ESC/POS events become job items
// (lines of styled text, raster blocks, QR codes, barcodes, cuts), and a job
// is drawn to a PNG the way a thermal head would print it.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { ensureFonts } from './receipt-raster.js';
import type { EscPosEvent } from './virtual-parser.js';

export type Align = 'left' | 'center' | 'right';

/** A run of text with the style it was printed in (alignment belongs to the line). */
export interface TextSegment extends Omit<Style, 'align'> {
  text: string;
}

export type JobItem =
  | { type: 'text'; text: string; align: Align; segments: TextSegment[] }
  | { type: 'raster'; width: number; height: number; align: Align; bits: Uint8Array }
  | { type: 'qr'; data: string; size: number; errorLevel: 'L' | 'M' | 'Q' | 'H'; align: Align }
  | { type: 'barcode'; symbology: number; data: string; align: Align }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean };

interface Style {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  width: number;
  height: number;
  font: 'A' | 'B';
  align: Align;
}

const defaultStyle = (): Style => ({ bold: false, underline: false, invert: false, width: 1, height: 1, font: 'A', align: 'left' });

/** Applies events in order, the way a printer's state machine does. */
export class JobBuilder {
  items: JobItem[] = [];
  private style = defaultStyle();
  private line: TextSegment[] = [];
  private lineAlign: Align = 'left';
  private qr = { data: '', size: 3, errorLevel: 'L' as 'L' | 'M' | 'Q' | 'H' };

  apply(e: EscPosEvent): void {
    switch (e.kind) {
      case 'init':
        this.flushLine(false);
        this.style = defaultStyle();
        return;
      case 'text': {
        if (this.line.length === 0) this.lineAlign = this.style.align;
        const last = this.line[this.line.length - 1];
        const { align: _a, ...seg } = this.style;
        if (last && sameSeg(last, seg)) last.text += e.text;
        else this.line.push({ text: e.text, ...seg });
        return;
      }
      case 'newline': this.flushLine(true); return;
      case 'bold': this.style.bold = e.on; return;
      case 'underline': this.style.underline = e.on; return;
      case 'invert': this.style.invert = e.on; return;
      case 'size': this.style.width = e.width; this.style.height = e.height; return;
      case 'font': this.style.font = e.font; return;
      case 'align': this.style.align = e.align; return;
      case 'raster':
        this.flushLine(false);
        this.items.push({ type: 'raster', width: e.width, height: e.height, align: this.style.align, bits: e.bits });
        return;
      case 'qr-size': this.qr.size = e.size; return;
      case 'qr-error': this.qr.errorLevel = e.level; return;
      case 'qr-store': this.qr.data = e.data; return;
      case 'qr-print':
        this.flushLine(false);
        if (this.qr.data) this.items.push({ type: 'qr', data: this.qr.data, size: this.qr.size, errorLevel: this.qr.errorLevel, align: this.style.align });
        return;
      case 'barcode':
        this.flushLine(false);
        this.items.push({ type: 'barcode', symbology: e.symbology, data: e.data, align: this.style.align });
        return;
      case 'feed':
        this.flushLine(true);
        if (e.lines > 0) this.items.push({ type: 'feed', lines: e.lines });
        return;
      case 'cut':
        this.flushLine(false);
        this.items.push({ type: 'cut', partial: e.partial });
        return;
      default:
        return;
    }
  }

  get hasContent(): boolean {
    return this.items.some((i) => i.type !== 'feed') || this.line.length > 0;
  }

  /** Hands over the items so far (a finished job) and starts an empty one. */
  take(): JobItem[] {
    this.flushLine(false);
    const items = this.items;
    this.items = [];
    return items;
  }

  private flushLine(newline: boolean): void {
    if (this.line.length === 0) {
      // The encoder ends a job with a newline after the cut: that is not the next job's first line.
      if (newline && this.items.length > 0) this.items.push({ type: 'feed', lines: 1 });
      return;
    }
    this.items.push({ type: 'text', text: this.line.map((s) => s.text).join(''), align: this.lineAlign, segments: this.line });
    this.line = [];
  }
}

function sameSeg(a: TextSegment, b: Omit<TextSegment, 'text'>): boolean {
  return a.bold === b.bold && a.underline === b.underline && a.invert === b.invert && a.width === b.width && a.height === b.height && a.font === b.font;
}

const CELL = { A: { w: 12, h: 24, px: 20 }, B: { w: 9, h: 17, px: 15 } } as const;
const LINE = 30;

function itemHeight(item: JobItem): number {
  switch (item.type) {
    case 'text': return Math.max(LINE, Math.max(...item.segments.map((s) => CELL[s.font].h * s.height)) + 6);
    case 'raster': return item.height;
    case 'qr': return qrMatrix(item).size * item.size + 16;
    case 'barcode': return 90;
    case 'feed': return Math.round(item.lines * LINE);
    case 'cut': return 24;
  }
}

function qrMatrix(item: Extract<JobItem, { type: 'qr' }>): { size: number; data: Uint8Array } {
  const qr = QRCode.create(item.data, { errorCorrectionLevel: item.errorLevel });
  return { size: qr.modules.size, data: qr.modules.data as unknown as Uint8Array };
}

function offsetFor(align: Align, content: number, paper: number): number {
  if (content >= paper || align === 'left') return 0;
  return align === 'center' ? Math.floor((paper - content) / 2) : paper - content;
}

/** Draws a job as printed on paper widthDots wide; returns PNG bytes. */
export function renderJob(items: JobItem[], widthDots: number): Buffer {
  ensureFonts();
  const margin = 8;
  const height = Math.max(32, items.reduce((h, i) => h + itemHeight(i), 0) + 2 * margin);
  const canvas = createCanvas(widthDots, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, widthDots, height);
  g.fillStyle = '#000';
  let y = margin;
  for (const item of items) {
    const h = itemHeight(item);
    switch (item.type) {
      case 'text': drawText(g, item, y, h, widthDots); break;
      case 'raster': drawRaster(g, item, y, widthDots); break;
      case 'qr': {
        const m = qrMatrix(item);
        const px = item.size;
        const x0 = offsetFor(item.align, m.size * px, widthDots);
        for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.data[r * m.size + c]) g.fillRect(x0 + c * px, y + 8 + r * px, px, px);
        break;
      }
      case 'barcode': {
        // Bars are not reproduced; a framed label shows what was asked for.
        const w = Math.min(widthDots - 16, 12 * (item.data.length + 4));
        const x0 = offsetFor(item.align, w, widthDots);
        g.strokeStyle = '#000';
        g.lineWidth = 2;
        g.strokeRect(x0 + 1, y + 4, w - 2, 56);
        g.font = `16px EcornerLatin`;
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        g.fillText(`barcode ${barcodeName(item.symbology)}`, x0 + w / 2, y + 32);
        g.fillText(item.data, x0 + w / 2, y + 74);
        g.textAlign = 'left';
        break;
      }
      case 'feed': break;
      case 'cut':
        for (let x = 0; x < widthDots; x += 12) g.fillRect(x, y + 12, 6, 2);
        break;
    }
    y += h;
  }
  return canvas.toBuffer('image/png');
}

function barcodeName(m: number): string {
  return ({ 65: 'UPC-A', 67: 'EAN-13', 68: 'EAN-8', 69: 'CODE39', 73: 'CODE128' } as Record<number, string>)[m] ?? `m=${m}`;
}

function drawText(g: SKRSContext2D, item: Extract<JobItem, { type: 'text' }>, y: number, h: number, paper: number): void {
  const total = item.segments.reduce((w, s) => w + [...s.text].length * CELL[s.font].w * s.width, 0);
  let x = offsetFor(item.align, total, paper);
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (const s of item.segments) {
    const cell = CELL[s.font];
    const cw = cell.w * s.width;
    const ch = cell.h * s.height;
    const top = y + h - ch - 3;
    for (const char of s.text) {
      if (s.invert) g.fillRect(x, top, cw, ch);
      g.fillStyle = s.invert ? '#fff' : '#000';
      if (char === '─' || char === '═') {
        // Box-drawing rules (cp437 0xC4/0xCD) join up across cells, as on paper.
        g.fillRect(x, top + ch / 2 - 1, cw, char === '═' ? 4 : 2);
      } else if (char !== ' ') {
        g.save();
        g.translate(x + cw / 2, top + ch / 2);
        g.scale(s.width, s.height);
        g.font = `${s.bold ? 'bold ' : ''}${cell.px}px EcornerLatin`;
        g.fillText(char, 0, 0);
        g.restore();
      }
      if (s.underline) g.fillRect(x, top + ch - 2, cw, 2);
      g.fillStyle = '#000';
      x += cw;
    }
  }
  g.textAlign = 'left';
}

function drawRaster(g: SKRSContext2D, item: Extract<JobItem, { type: 'raster' }>, y: number, paper: number): void {
  const bytesPerRow = item.width / 8;
  const x0 = offsetFor(item.align, item.width, paper);
  const image = g.createImageData(item.width, item.height);
  for (let r = 0; r < item.height; r++) {
    for (let c = 0; c < item.width; c++) {
      const byte = item.bits[r * bytesPerRow + (c >> 3)] ?? 0;
      const v = byte & (0x80 >> (c & 7)) ? 0 : 255;
      const i = (r * item.width + c) * 4;
      image.data[i] = v;
      image.data[i + 1] = v;
      image.data[i + 2] = v;
      image.data[i + 3] = 255;
    }
  }
  g.putImageData(image, x0, y);
}
