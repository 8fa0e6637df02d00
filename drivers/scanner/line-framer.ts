// Pure stream framing: bytes in, complete codes out, split on the configured
// suffix. Chunks arrive at arbitrary boundaries (a suffix may be split across
// two reads), so state is kept between pushes.

export type ScannerSuffix = '\r\n' | '\r' | '\n' | '\t';

export interface Frame {
  bytes: Buffer;
  /** the code was longer than maxBytes; bytes holds only its start */
  overflow: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

export class LineFramer {
  private readonly terminators: ReadonlySet<number>;
  private buffer: Buffer[] = [];
  private length = 0;
  /** dropping the rest of an over-long code until its terminator */
  private discarding = false;

  constructor(suffix: ScannerSuffix, private readonly maxBytes: number) {
    // CR LF: either byte ends a code and the empty frame between them is
    // dropped, so a scanner left on CR-only or LF-only still works.
    this.terminators = new Set(suffix === '\r\n' ? [CR, LF] : suffix === '\r' ? [CR] : suffix === '\n' ? [LF] : [TAB]);
  }

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (!this.terminators.has(chunk[i]!)) continue;
      this.append(chunk.subarray(start, i), frames);
      start = i + 1;
      if (this.discarding) {
        this.discarding = false;
      } else if (this.length > 0) {
        frames.push({ bytes: Buffer.concat(this.buffer, this.length), overflow: false });
      }
      this.buffer = [];
      this.length = 0;
    }
    this.append(chunk.subarray(start), frames);
    return frames;
  }

  /** Forget a partial code (after a reconnect the rest of it will never come). */
  reset(): void {
    this.buffer = [];
    this.length = 0;
    this.discarding = false;
  }

  private append(part: Uint8Array, frames: Frame[]): void {
    if (part.length === 0 || this.discarding) return;
    const room = this.maxBytes - this.length;
    if (part.length <= room) {
      this.buffer.push(Buffer.from(part));
      this.length += part.length;
      return;
    }
    // Over-long: report it once, truncated, then drop bytes until the terminator.
    this.buffer.push(Buffer.from(part.subarray(0, room)));
    frames.push({ bytes: Buffer.concat(this.buffer, this.maxBytes), overflow: true });
    this.buffer = [];
    this.length = 0;
    this.discarding = true;
  }
}
