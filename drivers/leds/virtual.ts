// Virtual LEDs: record every transition with its time, for the simulator's
// status page and for tests.
import type { LedName, LedOutput } from './types.js';

export interface LedTransition {
  at: string;
  led: LedName;
  on: boolean;
}

export class VirtualLeds implements LedOutput {
  readonly name = 'virtual';
  readonly transitions: LedTransition[] = [];
  readonly lit: Record<LedName, boolean> = { green: false, amber: false, red: false };

  constructor(private readonly now: () => Date = () => new Date(), private readonly keep = 1000) {}

  async open(): Promise<void> {}

  async write(led: LedName, on: boolean): Promise<void> {
    if (this.lit[led] === on) return;
    this.lit[led] = on;
    this.transitions.push({ at: this.now().toISOString(), led, on });
    if (this.transitions.length > this.keep) this.transitions.splice(0, this.transitions.length - this.keep);
  }

  async close(): Promise<void> {}
}
