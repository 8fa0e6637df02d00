// Real-time commands (ESC/POS): the printer acts on them on arrival, before
// the data ahead of them in its buffer is processed. Pure pattern matching,
// shared by the raster encoder (which must never emit one inside data) and
// the virtual printer's epson profile (which executes them anywhere).

/** A real-time command as a printer that honours them anywhere in the stream finds it. */
export interface RealtimeHit {
  /** stream offset of the DLE */
  at: number;
  code: 'DLE EOT' | 'DLE ENQ' | 'DLE DC4';
  n: number;
}

/** Real-time command patterns (ESC/POS): DLE EOT n (1–4, 7, 8), DLE ENQ n (0–2), DLE DC4 fn (1–8). */
export function realtimeAt(b: ArrayLike<number>, i: number): RealtimeHit | null {
  if (b[i] !== 0x10) return null;
  const cmd = b[i + 1];
  const n = b[i + 2];
  if (n === undefined) return null;
  if (cmd === 0x04 && ((n >= 1 && n <= 4) || n === 7 || n === 8)) return { at: i, code: 'DLE EOT', n };
  if (cmd === 0x05 && n <= 2) return { at: i, code: 'DLE ENQ', n };
  if (cmd === 0x14 && n >= 1 && n <= 8) return { at: i, code: 'DLE DC4', n };
  return null;
}

