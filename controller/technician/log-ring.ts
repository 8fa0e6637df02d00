// The last log lines, for the technician page: a pino destination that keeps
// a bounded ring. Lines are masked again here (the logger masks at source),
// because the page leaves the kiosk on a technician's laptop.
import { Writable } from 'node:stream';
import { maskMobilesInText } from '../log/mask.js';

const KEEP = 200;

export class LogRing extends Writable {
  private readonly lines: string[] = [];

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      this.lines.push(maskMobilesInText(line.length > 2000 ? `${line.slice(0, 2000)}…` : line));
    }
    while (this.lines.length > KEEP) this.lines.shift();
    done();
  }

  recent(n = 100): string[] {
    return this.lines.slice(-n).reverse();
  }
}
