// Shared by the transports: one live link at a time, reopened after loss
// with a delay growing ×1.5 up to a cap and reset once a link opens
// (Signal K's serialport habit). Subclasses only know how to open a link.
import { EventEmitter } from 'node:events';
import type { PrinterPort } from './types.js';

/** One open connection to the device. */
export interface Link {
  write(bytes: Uint8Array): Promise<void>;
  /** Ends the link; must not call `closed` again if it already fired. */
  destroy(): void;
}

export interface LinkHandlers {
  data(bytes: Buffer): void;
  /** The link is gone (unplugged, reset, EOF, error). */
  closed(reason: string): void;
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

export interface PortLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export class Backoff {
  private current: number;
  constructor(private readonly options: Required<BackoffOptions>) {
    this.current = options.initialMs;
  }
  next(): number {
    const delay = this.current;
    this.current = Math.min(this.options.maxMs, Math.round(this.current * this.options.factor));
    return delay;
  }
  reset(): void {
    this.current = this.options.initialMs;
  }
}

export abstract class ReconnectingPort extends EventEmitter implements PrinterPort {
  private link: Link | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wanted = false;
  private opening = false;
  private readonly backoff: Backoff;
  /** Last failure reason, logged only when it changes. */
  private lastFailure: string | null = null;

  constructor(readonly name: string, backoff: BackoffOptions = {}, protected readonly log?: PortLog) {
    super();
    this.backoff = new Backoff({ initialMs: backoff.initialMs ?? 500, maxMs: backoff.maxMs ?? 60_000, factor: backoff.factor ?? 1.5 });
  }

  protected abstract openLink(handlers: LinkHandlers): Promise<Link>;

  get connected(): boolean {
    return this.link !== null;
  }

  open(): void {
    if (this.wanted) return;
    this.wanted = true;
    void this.attempt();
  }

  async close(): Promise<void> {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.link;
    this.link = null;
    if (link) {
      link.destroy();
      this.emit('disconnect');
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.link;
    if (!link) throw new Error(`${this.name}: not connected`);
    await link.write(bytes);
  }

  private async attempt(): Promise<void> {
    if (!this.wanted || this.link || this.opening) return;
    this.opening = true;
    let link: Link | null = null;
    // A link that dies before openLink resolves must still be noticed.
    let closedEarly: string | null = null;
    try {
      link = await this.openLink({
        data: (bytes) => this.emit('data', bytes),
        closed: (reason) => {
          if (link && this.link === link) this.lost(reason);
          else closedEarly = reason;
        },
      });
    } catch (err) {
      this.failed((err as Error).message);
      return;
    } finally {
      this.opening = false;
    }
    if (!this.wanted || closedEarly !== null) {
      link.destroy();
      if (closedEarly !== null) this.failed(closedEarly);
      return;
    }
    this.link = link;
    this.backoff.reset();
    this.lastFailure = null;
    this.log?.info({ event: 'printer-port-connected', port: this.name }, 'printer link open');
    this.emit('connect');
  }

  private lost(reason: string): void {
    this.link = null;
    this.log?.warn({ event: 'printer-port-lost', port: this.name, reason }, 'printer link lost');
    this.emit('disconnect');
    this.schedule();
  }

  private failed(reason: string): void {
    if (reason !== this.lastFailure) this.log?.warn({ event: 'printer-port-open-failed', port: this.name, reason }, 'cannot open printer link');
    this.lastFailure = reason;
    this.schedule();
  }

  private schedule(): void {
    if (!this.wanted || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, this.backoff.next());
    this.timer.unref?.();
  }
}
