// LEDs on Raspberry Pi GPIO through the sysfs interface. Output only, so no
// edge/epoll support (what onoff adds, with a native build) is needed. On
// kernels >= 6.6 sysfs numbers are the chip base + the BCM line offset:
// `chipBase` comes from config (see /sys/class/gpio/gpiochip*/base).
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LedName, LedOutput } from './types.js';

export interface SysfsGpioOptions {
  root: string;
  chipBase: number;
  pins: Record<LedName, number>;
  activeLow: boolean;
  /** sysfs needs a moment after export before udev fixes permissions */
  exportSettleMs?: number;
}

export class SysfsGpioLeds implements LedOutput {
  readonly name: string;

  constructor(private readonly opts: SysfsGpioOptions) {
    this.name = `gpio-sysfs:${opts.root}`;
  }

  lineNumber(led: LedName): number {
    return this.opts.chipBase + this.opts.pins[led];
  }

  private lineDir(led: LedName): string {
    return path.join(this.opts.root, `gpio${this.lineNumber(led)}`);
  }

  async open(): Promise<void> {
    for (const led of Object.keys(this.opts.pins) as LedName[]) {
      const dir = this.lineDir(led);
      if (!(await exists(dir))) {
        await writeFile(path.join(this.opts.root, 'export'), String(this.lineNumber(led))).catch((err: NodeJS.ErrnoException) => {
          // EBUSY: exported already (by an earlier run that was killed)
          if (err.code !== 'EBUSY') throw new Error(`cannot export GPIO ${this.lineNumber(led)} (${led}) under ${this.opts.root}: ${err.message}`);
        });
        await new Promise((r) => setTimeout(r, this.opts.exportSettleMs ?? 100));
      }
      // "low"/"high" set direction and initial level at once, with no glitch.
      await writeFile(path.join(dir, 'direction'), this.opts.activeLow ? 'high' : 'low');
    }
  }

  async write(led: LedName, on: boolean): Promise<void> {
    const level = on !== this.opts.activeLow ? '1' : '0';
    await writeFile(path.join(this.lineDir(led), 'value'), level);
  }

  async close(): Promise<void> {
    for (const led of Object.keys(this.opts.pins) as LedName[]) await this.write(led, false).catch(() => undefined);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
