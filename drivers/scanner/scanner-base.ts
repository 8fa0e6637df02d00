// What every backend shares: the listener sets, the current status, the
// start/stop guards and status logging. Subclasses only open and close their
// device (connect/disconnect) and report through setStatus/emitScan.
import type { DriverLogger as Logger } from '../log.js';
import {
  Listeners, describeError,
  type Scanner, type ScannerBackend, type ScannerPayload, type ScannerStatus,
} from './types.js';

export abstract class ScannerBase implements Scanner {
  abstract readonly backend: ScannerBackend;
  /** between start() and stop(); subclasses check it before retrying */
  protected running = false;
  private current: ScannerStatus = { state: 'stopped' };
  private readonly scans = new Listeners<ScannerPayload>();
  private readonly statuses = new Listeners<ScannerStatus>();

  /** `log` receives status changes and throwing scan listeners; omit it to stay silent (a wrapper whose inner driver already logs). */
  protected constructor(private readonly log?: Logger) {}

  status(): ScannerStatus {
    return this.current;
  }

  onScan(listener: (payload: ScannerPayload) => void): () => void {
    return this.scans.add(listener);
  }

  onStatus(listener: (status: ScannerStatus) => void): () => void {
    return this.statuses.add(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.setStatus({ state: 'starting' });
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.disconnect();
    this.setStatus({ state: 'stopped' });
  }

  /** First open after start(); must not reject for a missing device (report an error status and retry instead). */
  protected abstract connect(): Promise<void>;

  /** Cancels retries and releases every handle; `running` is already false. */
  protected abstract disconnect(): Promise<void>;

  protected setStatus(next: ScannerStatus): void {
    const prev = this.current;
    this.current = next;
    // Log only on change (the retry delay alone is not a change worth a line).
    const same = JSON.stringify({ ...prev, retryInMs: 0 }) === JSON.stringify({ ...next, retryInMs: 0 });
    if (!same) this.log?.info({ event: 'scanner-status', backend: this.backend, status: next }, `scanner ${next.state}`);
    this.statuses.emit(next);
  }

  /** A throwing listener is logged and skipped, never allowed to break the driver. */
  protected emitScan(payload: ScannerPayload): void {
    this.scans.emit(payload, (err) => this.log?.error({ event: 'scanner-listener-error', err: describeError(err) }, 'scan listener threw'));
  }
}
