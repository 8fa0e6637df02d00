// Is the touchscreen alive? The consumer page posts a ping every few seconds
// (ui/consumer/liveness.ts); liveness is the last time it was seen. Past
// ui.livenessTimeoutSeconds health `ui` is a fault, and the configured
// restart command (e.g. systemctl restart ecorner-browser) runs, at most once
// per RESTART_MIN_INTERVAL, so a browser that cannot start is not restarted
// in a loop.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Logger } from './log/logger.js';

export const RESTART_MIN_INTERVAL_MS = 5 * 60 * 1000;

export type RestartResult = { ok: true } | { ok: false; reason: 'not-configured' | 'rate-limited' | 'failed'; detail?: string };

export class UiLiveness {
  private lastSeen: Date | null = null;
  /** monotonic time of the last check-in: liveness must not follow a clock jump */
  private lastSeenMono: number | null = null;
  private lastRestartAt: Date | null = null;
  private restarting: Promise<RestartResult> | null = null;

  constructor(
    private readonly now: () => Date,
    private readonly log: Logger,
    private readonly restartCommand: readonly string[] | undefined,
  ) {}

  private listener: (() => void) | null = null;

  /** The consumer page checked in. */
  seen(): void {
    this.lastSeen = this.now();
    this.lastSeenMono = performance.now();
    this.listener?.();
  }

  /** Called on every check-in, so health follows at once rather than at the next tick. */
  onSeen(listener: () => void): void {
    this.listener = listener;
  }

  /** wall time of the last check-in, for heartbeats and the page */
  lastSeenAt(): Date | null {
    return this.lastSeen;
  }

  /** how long the page has been silent (ms), null when never seen */
  silentMs(): number | null {
    return this.lastSeenMono === null ? null : performance.now() - this.lastSeenMono;
  }

  /** Runs the restart command unless one ran within the minimum interval. */
  restart(reason: string): Promise<RestartResult> {
    if (!this.restartCommand) return Promise.resolve({ ok: false, reason: 'not-configured' });
    if (this.restarting) return this.restarting;
    const at = this.now();
    if (this.lastRestartAt && at.getTime() - this.lastRestartAt.getTime() < RESTART_MIN_INTERVAL_MS) return Promise.resolve({ ok: false, reason: 'rate-limited' });
    this.lastRestartAt = at;
    const [file, ...args] = this.restartCommand;
    this.log.warn({ event: 'ui-restart-init', reason, command: this.restartCommand.join(' ') }, 'restarting the touchscreen browser');
    this.restarting = new Promise<RestartResult>((resolve) => {
      execFile(file!, args, { timeout: 30_000 }, (err) => {
        if (err) {
          this.log.error({ event: 'ui-restart-failed', err: err.message }, 'touchscreen browser restart failed');
          resolve({ ok: false, reason: 'failed', detail: err.message });
        } else {
          this.log.info({ event: 'ui-restart-complete' }, 'touchscreen browser restarted');
          resolve({ ok: true });
        }
      });
    }).finally(() => (this.restarting = null));
    return this.restarting;
  }
}
