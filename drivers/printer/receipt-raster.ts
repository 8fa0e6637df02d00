// Thermal printers have no Devanagari font and no shaping, so Hindi (and ₹)
// lines are shaped by Skia (@napi-rs/canvas) with the bundled Noto Sans
// Devanagari and thresholded to a 1-bit bitmap that GS v 0 can carry.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

export type RasterAlign = 'left' | 'center' | 'right';
export type RasterSize = 'small' | 'normal' | 'large';

export interface RasterLine {
  text: string;
  size?: RasterSize;
  bold?: boolean;
  align?: RasterAlign;
}

/** 1-bit image, one byte per dot: 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

const PX: Record<RasterSize, number> = { small: 20, normal: 24, large: 36 };
// Devanagari needs room above (matras, reph) and below (u/ri signs, halant).
const LINE_FACTOR = 1.5;
const SIDE_MARGIN = 4;
const FAMILY = 'EcornerDeva';
const LATIN = 'EcornerLatin';

let fontsReady = false;

/** Registers the bundled fonts once; throws if the package is missing, which is an install fault. */
export function ensureFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@fontsource/noto-sans-devanagari/package.json')), 'files');
  for (const weight of [400, 700]) {
    for (const [subset, alias] of [['devanagari', FAMILY], ['latin', LATIN], ['latin-ext', LATIN]] as const) {
      const file = path.join(dir, `noto-sans-devanagari-${subset}-${weight}-normal.woff2`);
      if (!GlobalFonts.registerFromPath(file, alias)) throw new Error(`cannot load font ${file}`);
    }
  }
  fontsReady = true;
}

function fontFor(line: RasterLine): string {
  return `${line.bold ? 'bold ' : ''}${PX[line.size ?? 'normal']}px ${FAMILY}, ${LATIN}`;
}

/** Splits text into lines that fit the width, at spaces; a word longer than the line is cut. */
function wrap(measure: (s: string) => number, text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    current = word;
    // Cut by grapheme cluster so a conjunct is never split.
    while (measure(current) > width) {
      const clusters = [...new Intl.Segmenter('hi', { granularity: 'grapheme' }).segment(current)].map((s) => s.segment);
      let head = '';
      for (const c of clusters) {
        if (measure(head + c) > width && head) break;
        head += c;
      }
      out.push(head);
      current = current.slice(head.length);
    }
  }
  if (current || out.length === 0) out.push(current);
  return out;
}

/** Shapes and draws the lines at the paper width (dots) and thresholds them to 1 bit. */
export function rasterizeLines(lines: RasterLine[], widthDots: number, threshold = 140): Bitmap {
  ensureFonts();
  const usable = widthDots - 2 * SIDE_MARGIN;
  const probe = createCanvas(widthDots, 8).getContext('2d');
  const laid: Array<{ text: string; line: RasterLine; height: number }> = [];
  for (const line of lines) {
    probe.font = fontFor(line);
    const measure = (s: string) => probe.measureText(s).width;
    for (const text of wrap(measure, line.text, usable)) {
      laid.push({ text, line, height: Math.ceil(PX[line.size ?? 'normal'] * LINE_FACTOR) });
    }
  }
  const height = Math.max(8, Math.ceil(laid.reduce((h, l) => h + l.height, 0) / 8) * 8);
  const canvas = createCanvas(widthDots, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, widthDots, height);
  g.fillStyle = '#000';
  g.textBaseline = 'middle';
  let y = 0;
  for (const { text, line, height: h } of laid) {
    g.font = fontFor(line);
    const w = g.measureText(text).width;
    const align = line.align ?? 'left';
    const x = align === 'left' ? SIDE_MARGIN : align === 'right' ? widthDots - SIDE_MARGIN - w : (widthDots - w) / 2;
    g.fillText(text, Math.round(x), Math.round(y + h / 2));
    y += h;
  }
  const rgba = g.getImageData(0, 0, widthDots, height).data;
  const data = new Uint8Array(widthDots * height);
  for (let i = 0; i < data.length; i++) {
    const lum = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
    data[i] = lum < threshold ? 1 : 0;
  }
  return { width: widthDots, height, data };
}

/** RGBA pixels (black/white) of a bitmap, the input the encoder and PNG writers take. */
export function bitmapToRgba(bitmap: Bitmap): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.data.length; i++) {
    const v = bitmap.data[i] ? 0 : 255;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { width: bitmap.width, height: bitmap.height, data };
}

/** True when the printer's own font cannot print the text (Devanagari, ₹, anything outside ASCII). */
export function needsRaster(text: string): boolean {
  return /[^\x20-\x7e]/.test(text);
}
