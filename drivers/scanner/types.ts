// The scanner interface every backend (serial, HID wedge, HID-POS, virtual)
// implements. Drivers only deliver raw payloads and their own status; parsing,
// duplicate suppression and events live in controller/scanner.

/** Why a scanner is not reading. `disconnected` = it was open and went away. */
export type ScannerErrorCause = 'disconnected' | 'not-found' | 'permission-denied' | 'open-failed' | 'read-failed';

export type ScannerStatus =
  | { state: 'starting' }
  | { state: 'ready'; device: string }
  | { state: 'error'; cause: ScannerErrorCause; detail: string; retryInMs?: number }
  | { state: 'stopped' };

/** One complete scan as the device delivered it (before cleaning and classification). */
export interface ScannerPayload {
  /** the bytes of the code, without the line suffix / HID terminator */
  bytes: Buffer;
  /** AIM symbology identifier delivered out of band (HID-POS reports carry it separately), e.g. "]Q1" */
  symbology?: string;
  /** the framer gave up on an over-long code: bytes are truncated */
  overflow?: boolean;
}

export type ScannerBackend = 'serial' | 'hid-wedge' | 'hid-pos' | 'virtual';

export interface Scanner {
  readonly backend: ScannerBackend;
  /** Opens the device; never rejects because the device is missing (it keeps retrying). */
  start(): Promise<void>;
  /** Closes the device and cancels retries; resolves when every handle is released. */
  stop(): Promise<void>;
  status(): ScannerStatus;
  /** Returns an unsubscribe function. */
  onScan(listener: (payload: ScannerPayload) => void): () => void;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
}

/** A scanner the simulator can type into (the virtual scanner). */
export interface ScanInjector {
  /** the suffix appended to every injected code, as the real scanner would send it */
  readonly suffix: string;
  /** Writes data + suffix into the device end the real driver reads. */
  inject(data: string | Buffer): Promise<void>;
}

export interface ReconnectOptions {
  /** first retry delay; grows ×factor up to maxMs and resets when the device opens */
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

/** Small listener set used by every backend: a throwing listener cannot break the driver. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T, onError?: (err: unknown) => void): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (err) {
        onError?.(err);
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}

/** Backoff ×factor capped at maxMs (Signal K's serialport habit). */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private current: number;

  constructor(options: ReconnectOptions = {}) {
    this.initialMs = options.initialMs ?? 1000;
    this.maxMs = options.maxMs ?? 60_000;
    this.factor = options.factor ?? 1.5;
    this.current = this.initialMs;
  }

  next(): number {
    const delay = this.current;
    this.current = Math.min(this.maxMs, Math.round(this.current * this.factor));
    return delay;
  }

  reset(): void {
    this.current = this.initialMs;
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Maps an open error to a cause a technician can act on. */
export function openErrorCause(err: unknown): ScannerErrorCause {
  const code = (err as { code?: unknown } | null)?.code;
  const message = describeError(err);
  if (code === 'ENOENT' || /ENOENT|No such file|cannot open device|could not find/i.test(message)) return 'not-found';
  if (code === 'EACCES' || code === 'EPERM' || /EACCES|Permission denied/i.test(message)) return 'permission-denied';
  return 'open-failed';
}
