// 1-bit bitmaps → GS v 0 raster commands that no printer can mistake for a
// real-time command. Epson printers (real-time commands enabled by default)
// recognise DLE EOT / DLE ENQ / DLE DC4 in any byte position, image data
// included, and GS ( D can switch off only DLE DC4 fn 1 and 2, not DLE EOT.
// So the bytes must never contain such a sequence:
//   - images go out in bands of at most 255 rows, so the header's yH is 0 and
//     yL is never followed by a command byte (xH is 0: at most 72 bytes a row);
//   - inside the data, where 10 04|05|14 n would appear, the command byte is
//     cleared to 00: one to three white dots instead of black, invisible on a
//     receipt. Clearing it cannot create a new sequence (00 is no DLE, no
//     command byte, and no valid n after a DLE command byte of 04/05/14 at
//     the position before, since that byte is 10).
import { realtimeAt } from './realtime.js';
import type { Bitmap } from './receipt-raster.js';

const MAX_BAND_ROWS = 255;

/** Clears the command byte of every real-time sequence in data (in place); returns how many. */
export function clearRealtimeSequences(data: Uint8Array): number {
  let cleared = 0;
  for (let i = 0; i + 2 < data.length; i++) {
    if (realtimeAt(data, i)) {
      data[i + 1] = 0x00;
      cleared += 1;
    }
  }
  return cleared;
}

/** Packs one band of rows, 8 dots a byte, most significant bit first (1 = black). */
function packRows(bitmap: Bitmap, fromRow: number, rows: number): Uint8Array {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const out = new Uint8Array(bytesPerRow * rows);
  for (let y = 0; y < rows; y++) {
    const src = (fromRow + y) * bitmap.width;
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.data[src + x]) out[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** Unpacks GS v 0 data back to one byte per dot. */
function unpackRows(data: Uint8Array, width: number, rows: number): Uint8Array {
  const bytesPerRow = Math.ceil(width / 8);
  const out = new Uint8Array(width * rows);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = (data[y * bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }
  return out;
}

/**
 * The bitmap cut into bands of at most 255 rows, each with the dots cleared
 * that would pack into a real-time command sequence. The encoder's image()
 * packs them exactly as packRows() does (8 dots a byte, MSB first), so its
 * GS v 0 bytes are the safe ones; the property test checks the whole stream.
 */
export function safeBands(bitmap: Bitmap): Bitmap[] {
  const bands: Bitmap[] = [];
  for (let row = 0; row < bitmap.height; row += MAX_BAND_ROWS) {
    const rows = Math.min(MAX_BAND_ROWS, bitmap.height - row);
    const data = packRows(bitmap, row, rows);
    const cleared = clearRealtimeSequences(data);
    bands.push({
      width: bitmap.width,
      height: rows,
      data: cleared ? unpackRows(data, bitmap.width, rows) : bitmap.data.subarray(row * bitmap.width, (row + rows) * bitmap.width),
    });
  }
  return bands;
}

/** GS v 0 0 xL xH yL yH d… for each band of the bitmap, safe for printers that honour real-time commands in data. */
export function rasterCommands(bitmap: Bitmap): Uint8Array {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  if (bytesPerRow > 0xff) throw new Error(`raster too wide: ${bitmap.width} dots`);
  const parts: Uint8Array[] = [];
  for (let row = 0; row < bitmap.height; row += MAX_BAND_ROWS) {
    const rows = Math.min(MAX_BAND_ROWS, bitmap.height - row);
    const data = packRows(bitmap, row, rows);
    clearRealtimeSequences(data);
    parts.push(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, bytesPerRow, 0x00, rows, 0x00), data);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
