// The health loop: a steady tick that re-evaluates time-based rules (the
// touchscreen's liveness, a store fault's probe) and measures how late it
// runs. Its last tick and the lag are what the systemd watchdog checks: a
// blocked event loop stops the pings, a device fault does not.
import { performance } from 'node:perf_hooks';
import { watchdogAlive } from './rules.js';

export interface HealthLoopOptions {
  tickMs: number;
  now: () => Date;
  /** rules to run each tick; an exception is logged by the caller's wrapper, never stops the loop */
  onTick: () => void | Promise<void>;
  onError?: (err: unknown) => void;
}

export class HealthLoop {
  private timer: NodeJS.Timeout | null = null;
  private expectedAt = 0;
  private running = false;
  lastTickAt: Date | null = null;
  /** monotonic time of the last tick (the wall clock may jump) */
  private lastTickMono: number | null = null;
  /** how late the last tick fired (ms): the event loop's responsiveness */
  lagMs = 0;

  constructor(private readonly o: HealthLoopOptions) {}

  get tickMs(): number {
    return this.o.tickMs;
  }

  /** For the systemd watchdog: the loop ticks and the event loop is responsive. Device and store faults play no part. */
  alive(maxLagMs: number): boolean {
    return watchdogAlive({ sinceTickMs: this.lastTickMono === null ? null : performance.now() - this.lastTickMono, tickMs: this.o.tickMs, lagMs: this.lagMs, maxLagMs });
  }

  start(): void {
    if (this.timer) return;
    this.lastTickAt = this.o.now();
    this.lastTickMono = performance.now();
    this.expectedAt = performance.now() + this.o.tickMs;
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const actual = performance.now();
    this.lagMs = Math.max(0, actual - this.expectedAt);
    this.expectedAt = actual + this.o.tickMs;
    this.lastTickAt = this.o.now();
    this.lastTickMono = actual;
    if (this.running) return; // a slow rule (a probe on a dying card) does not pile up
    this.running = true;
    try {
      await this.o.onTick();
    } catch (err) {
      this.o.onError?.(err);
    } finally {
      this.running = false;
    }
  }
}
