// Streaming ESC/POS parser for the virtual printer. Bytes arrive in arbitrary
// chunks; a command split across chunks waits for the rest. Only what the
// kiosk (and common POS software) sends is understood; anything else is
// reported as 'unknown' and skipped, never thrown.
import { realtimeAt, type RealtimeHit } from './realtime.js';

export type { RealtimeHit } from './realtime.js';

export type EscPosEvent =
  /** at: stream offset of the DLE, counted from the parser's first byte */
  | { kind: 'realtime-status'; n: number; at?: number }
  /** DLE ENQ / DLE DC4 at a command boundary: nothing to print */
  | { kind: 'realtime-control'; code: number; at?: number }
  | { kind: 'transmit-status'; n: number }
  | { kind: 'init' }
  | { kind: 'text'; text: string }
  | { kind: 'newline' }
  | { kind: 'bold'; on: boolean }
  | { kind: 'underline'; on: boolean }
  | { kind: 'invert'; on: boolean }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'font'; font: 'A' | 'B' }
  | { kind: 'align'; align: 'left' | 'center' | 'right' }
  | { kind: 'codepage'; n: number }
  | { kind: 'raster'; width: number; height: number; bits: Uint8Array }
  | { kind: 'qr-model'; model: number }
  | { kind: 'qr-size'; size: number }
  | { kind: 'qr-error'; level: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'qr-store'; data: string }
  | { kind: 'qr-print' }
  | { kind: 'barcode'; symbology: number; data: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'unknown'; bytes: number[] };

const NEED_MORE = null;
type Step = { length: number; events: EscPosEvent[] } | typeof NEED_MORE;

// Code pages for ESC t n the parser can show; others fall back to Latin-1.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export function decodeByte(byte: number, codepage: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (codepage === 0) return CP437_HIGH[byte - 0x80]!;
  if (codepage === 16) return new TextDecoder('windows-1252').decode(Uint8Array.of(byte));
  return String.fromCharCode(byte);
}

export class EscPosParser {
  private buffer: Buffer = Buffer.alloc(0);
  private codepage = 0;
  /** bytes consumed before the current buffer, for stream offsets */
  private consumed = 0;
  /** Guards against a peer that declares a huge image: bytes, not pixels. */
  constructor(private readonly maxCommandBytes = 4 * 1024 * 1024) {}

  push(chunk: Uint8Array): EscPosEvent[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const events: EscPosEvent[] = [];
    let pos = 0;
    while (pos < this.buffer.length) {
      const step = this.step(this.buffer, pos);
      if (step === NEED_MORE) break;
      for (const e of step.events) if (e.kind === 'realtime-status' || e.kind === 'realtime-control') e.at = this.consumed + pos;
      pos += step.length;
      for (const e of step.events) {
        if (e.kind === 'codepage') this.codepage = e.n;
        if (e.kind === 'init') this.codepage = 0;
        // Merge runs of text so events stay few.
        const last = events[events.length - 1];
        if (e.kind === 'text' && last?.kind === 'text') last.text += e.text;
        else events.push(e);
      }
    }
    this.buffer = this.buffer.subarray(pos);
    this.consumed += pos;
    return events;
  }

  /** Stream offset up to which commands are parsed. */
  get offset(): number {
    return this.consumed;
  }

  /** Bytes held waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private step(b: Buffer, p: number): Step {
    const at = (i: number): number | undefined => b[p + i];
    const need = (n: number): boolean => p + n > b.length;
    const c = b[p]!;
    const simple = (length: number, ...events: EscPosEvent[]): Step => (need(length) ? NEED_MORE : { length, events });

    if (c === 0x0a) return { length: 1, events: [{ kind: 'newline' }] };
    if (c === 0x0d) return { length: 1, events: [] };
    if (c >= 0x20 && c !== 0x7f) return { length: 1, events: [{ kind: 'text', text: decodeByte(c, this.codepage) }] };

    if (c === 0x10) {
      if (need(2)) return NEED_MORE;
      if (at(1) === 0x04) return need(3) ? NEED_MORE : { length: 3, events: [{ kind: 'realtime-status', n: at(2)! }] };
      if (at(1) === 0x05) return simple(3, { kind: 'realtime-control', code: 0x05 }); // DLE ENQ n: real-time request, nothing to print
      if (at(1) === 0x14) return simple(3 + (at(2) === 8 ? 7 : 2), { kind: 'realtime-control', code: 0x14 }); // DLE DC4 fn …
      return { length: 2, events: [{ kind: 'unknown', bytes: [c, at(1)!] }] };
    }

    if (c === 0x1b) {
      if (need(2)) return NEED_MORE;
      const cmd = at(1)!;
      const n = at(2);
      switch (cmd) {
        case 0x40: return { length: 2, events: [{ kind: 'init' }] };
        case 0x45: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'bold', on: (n & 1) === 1 }] };
        case 0x47: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'bold', on: (n & 1) === 1 }] }; // double-strike
        case 0x2d: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'underline', on: (n & 3) !== 0 && n !== 0x30 }] };
        case 0x4d: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'font', font: n === 1 || n === 0x31 ? 'B' : 'A' }] };
        case 0x74: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'codepage', n }] };
        case 0x61: {
          if (n === undefined) return NEED_MORE;
          const align = n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left';
          return { length: 3, events: [{ kind: 'align', align }] };
        }
        case 0x21: {
          if (n === undefined) return NEED_MORE;
          return { length: 3, events: [
            { kind: 'font', font: n & 1 ? 'B' : 'A' }, { kind: 'bold', on: (n & 0x08) !== 0 },
            { kind: 'size', width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 }, { kind: 'underline', on: (n & 0x80) !== 0 },
          ] };
        }
        case 0x64: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'feed', lines: n }] };
        case 0x4a: return n === undefined ? NEED_MORE : { length: 3, events: [{ kind: 'feed', lines: n / 30 }] };
        case 0x32: return { length: 2, events: [] }; // default line spacing
        case 0x33: case 0x20: case 0x72: case 0x52: case 0x7b: case 0x56: return simple(3);
        case 0x63: return simple(4); // ESC c 3/4/5 n: sensor and panel settings
        case 0x4c: case 0x53: return { length: 2, events: [] }; // page / standard mode
        case 0x70: return simple(5); // ESC p m t1 t2: drawer pulse
        case 0x34: return n === undefined ? NEED_MORE : { length: 3, events: [] }; // italic: not shown
        case 0x2a: { // ESC * m nL nH: column image, skipped (the kiosk uses GS v 0)
          if (need(5)) return NEED_MORE;
          const dots = at(3)! + at(4)! * 256;
          const len = 5 + dots * (at(2)! >= 32 ? 3 : 1);
          if (len > this.maxCommandBytes) return { length: 5, events: [{ kind: 'unknown', bytes: [c, cmd] }] };
          return need(len) ? NEED_MORE : { length: len, events: [{ kind: 'unknown', bytes: [c, cmd, at(2)!] }] };
        }
        default: return { length: 2, events: [{ kind: 'unknown', bytes: [c, cmd] }] };
      }
    }

    if (c === 0x1c) {
      if (need(2)) return NEED_MORE;
      if (at(1) === 0x2e || at(1) === 0x26) return { length: 2, events: [] }; // FS . / FS &: Kanji mode off/on
      return { length: 2, events: [{ kind: 'unknown', bytes: [c, at(1)!] }] };
    }

    if (c === 0x1d) {
      if (need(2)) return NEED_MORE;
      const cmd = at(1)!;
      switch (cmd) {
        case 0x21: {
          if (need(3)) return NEED_MORE;
          const n = at(2)!;
          return { length: 3, events: [{ kind: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 }] };
        }
        case 0x42: return simple(3, { kind: 'invert', on: ((at(2) ?? 0) & 1) === 1 });
        case 0x72: return simple(3, { kind: 'transmit-status', n: at(2) ?? 0 });
        case 0x68: case 0x77: case 0x48: case 0x66: case 0x61: case 0x49: return simple(3);
        case 0x50: case 0x4c: case 0x57: return simple(4);
        case 0x56: {
          if (need(3)) return NEED_MORE;
          const m = at(2)!;
          // Function B (m = 65/66) carries a feed amount n.
          if (m === 65 || m === 66) return simple(4, { kind: 'cut', partial: m === 66 });
          return { length: 3, events: [{ kind: 'cut', partial: m === 1 || m === 0x31 }] };
        }
        case 0x76: { // GS v 0 m xL xH yL yH d1…dk
          if (need(8)) return NEED_MORE;
          if (at(2) !== 0x30) return { length: 3, events: [{ kind: 'unknown', bytes: [c, cmd, at(2)!] }] };
          const bytesPerRow = at(4)! + at(5)! * 256;
          const rows = at(6)! + at(7)! * 256;
          const len = 8 + bytesPerRow * rows;
          if (len > this.maxCommandBytes || bytesPerRow === 0 || rows === 0) {
            return { length: 8, events: [{ kind: 'unknown', bytes: [...b.subarray(p, p + 8)] }] };
          }
          if (need(len)) return NEED_MORE;
          return { length: len, events: [{ kind: 'raster', width: bytesPerRow * 8, height: rows, bits: new Uint8Array(b.subarray(p + 8, p + len)) }] };
        }
        case 0x28: { // GS ( x pL pH …
          if (need(5)) return NEED_MORE;
          const fnClass = at(2)!;
          const len = 5 + at(3)! + at(4)! * 256;
          if (len > this.maxCommandBytes) return { length: 5, events: [{ kind: 'unknown', bytes: [c, cmd, fnClass] }] };
          if (need(len)) return NEED_MORE;
          if (fnClass !== 0x6b) return { length: len, events: [{ kind: 'unknown', bytes: [c, cmd, fnClass] }] };
          return { length: len, events: [qrFunction(b.subarray(p + 5, p + len))] };
        }
        case 0x6b: { // GS k m …
          if (need(3)) return NEED_MORE;
          const m = at(2)!;
          if (m <= 6) { // NUL-terminated form
            const end = b.indexOf(0x00, p + 3);
            if (end < 0) return need(256) ? NEED_MORE : { length: 3, events: [{ kind: 'unknown', bytes: [c, cmd, m] }] };
            return { length: end - p + 1, events: [{ kind: 'barcode', symbology: m, data: b.subarray(p + 3, end).toString('latin1') }] };
          }
          if (need(4)) return NEED_MORE;
          const len = 4 + at(3)!;
          if (need(len)) return NEED_MORE;
          let data = b.subarray(p + 4, p + len).toString('latin1');
          if (m === 73) data = data.replace(/^\{[ABC]/, '').replace(/\{[ABCS1234]/g, '');
          return { length: len, events: [{ kind: 'barcode', symbology: m, data }] };
        }
        default: return { length: 2, events: [{ kind: 'unknown', bytes: [c, cmd] }] };
      }
    }

    // Other control bytes (HT, NUL, …) carry nothing to show.
    return { length: 1, events: c === 0x09 ? [{ kind: 'text', text: ' ' }] : [] };
  }
}

/** GS ( k, cn = 49 (QR code): fn 65 model, 67 size, 69 error level, 80 store, 81 print. */
function qrFunction(body: Uint8Array): EscPosEvent {
  const [cn, fn] = [body[0], body[1]];
  if (cn !== 49) return { kind: 'unknown', bytes: [0x1d, 0x28, 0x6b, cn ?? 0, fn ?? 0] };
  switch (fn) {
    case 65: return { kind: 'qr-model', model: body[2] === 49 ? 1 : 2 };
    case 67: return { kind: 'qr-size', size: Math.min(16, Math.max(1, body[2] ?? 3)) };
    case 69: return { kind: 'qr-error', level: (['L', 'M', 'Q', 'H'] as const)[(body[2] ?? 48) - 48] ?? 'L' };
    case 80: return { kind: 'qr-store', data: Buffer.from(body.subarray(3)).toString('latin1') };
    case 81: return { kind: 'qr-print' };
    default: return { kind: 'unknown', bytes: [0x1d, 0x28, 0x6b, cn, fn ?? 0] };
  }
}

/**
 * The receive-interrupt view of a stream (Epson's default: real-time commands
 * are recognised in any byte position, image data included). Feed chunks as
 * they arrive; a pattern split across chunks is still found.
 */
export class RealtimeScanner {
  private tail = new Uint8Array(0);
  private offset = 0;

  push(chunk: ArrayLike<number>): RealtimeHit[] {
    const bytes = new Uint8Array(this.tail.length + chunk.length);
    bytes.set(this.tail);
    bytes.set(chunk, this.tail.length);
    const base = this.offset - this.tail.length;
    const hits: RealtimeHit[] = [];
    // the last two bytes may start a pattern completed by the next chunk
    const complete = bytes.length - 2;
    for (let i = bytes.indexOf(0x10); i >= 0 && i < complete; i = bytes.indexOf(0x10, i + 1)) {
      const hit = realtimeAt(bytes, i);
      if (hit) hits.push({ ...hit, at: base + i });
    }
    this.tail = bytes.slice(Math.max(0, complete));
    this.offset += chunk.length;
    return hits;
  }
}

/** Real-time commands a printer would execute that are not commands the sender meant: inside other commands' data. */
export function strayRealtimeCommands(stream: Uint8Array): RealtimeHit[] {
  const parser = new EscPosParser();
  const meant = new Set(parser.push(stream).flatMap((e) => (e.kind === 'realtime-status' || e.kind === 'realtime-control' ? [e.at] : [])));
  return new RealtimeScanner().push(stream).filter((h) => !meant.has(h.at));
}
