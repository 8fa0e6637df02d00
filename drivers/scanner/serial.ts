// Serial (USB-COM / CDC-ACM) scanner: reads lines from a serial port. The port
// is reopened with backoff whenever it errors or closes (unplugged, socat
// restarted) and whenever it is missing at start, so a replugged scanner comes
// back by itself. One port object at a time: the old one is closed and dropped
// before a new one is made, so no file descriptor leaks across reconnects.
import { stat } from 'node:fs/promises';
import type { DriverLogger as Logger } from '../log.js';
import { LineFramer, type ScannerSuffix } from './line-framer.js';
import { ScannerBase } from './scanner-base.js';
import {
  Backoff, describeError, openErrorCause,
  type ReconnectOptions, type ScannerErrorCause, type ScannerPayload,
} from './types.js';

/** The part of serialport's SerialPort the driver uses (fakeable in tests). */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'close', listener: (err?: Error | null) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  removeAllListeners(): this;
}

export type SerialPortFactory = (options: { path: string; baudRate: number }) => Promise<SerialPortLike>;

/** Loads serialport only when a serial scanner is really used (native module). */
export const defaultSerialPortFactory: SerialPortFactory = async ({ path, baudRate }) => {
  const { SerialPort } = await import('serialport');
  return new SerialPort({ path, baudRate, autoOpen: false }) as unknown as SerialPortLike;
};

export interface SerialScannerOptions {
  path: string;
  baudRate: number;
  suffix: ScannerSuffix;
  /** longest code in bytes; longer ones are delivered truncated with overflow set */
  maxLength: number;
  log?: Logger;
  reconnect?: ReconnectOptions;
  openPort?: SerialPortFactory;
  /**
   * While open, how often to check that the device node still exists and is
   * the same device (default 1000 ms; 0 disables). Needed because a hung-up
   * tty can read 0 bytes forever instead of failing: @serialport/bindings-cpp
   * 13 then retries the read endlessly and never reports the disconnect.
   */
  presenceCheckMs?: number;
  /** stat used by the presence check (fakeable in tests) */
  statDevice?: (path: string) => Promise<{ rdev: number; ino: number }>;
}

export class SerialScanner extends ScannerBase {
  override readonly backend = 'serial' as const;
  private readonly framer: LineFramer;
  private readonly backoff: Backoff;
  private readonly openPort: SerialPortFactory;
  private port: SerialPortLike | null = null;
  private timer: NodeJS.Timeout | null = null;
  private presence: NodeJS.Timeout | null = null;
  /** bumped on every open attempt and on stop, so late callbacks of an old port are ignored */
  private generation = 0;

  constructor(private readonly options: SerialScannerOptions) {
    super(options.log);
    this.framer = new LineFramer(options.suffix, options.maxLength);
    this.backoff = new Backoff(options.reconnect);
    this.openPort = options.openPort ?? defaultSerialPortFactory;
  }

  protected override async disconnect(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopPresenceCheck();
    await this.dropPort();
    this.framer.reset();
  }

  protected override async connect(): Promise<void> {
    if (!this.running) return;
    const generation = ++this.generation;
    await this.dropPort();
    let port: SerialPortLike;
    try {
      port = await this.openPort({ path: this.options.path, baudRate: this.options.baudRate });
    } catch (err) {
      this.fail(openErrorCause(err), err);
      return;
    }
    if (generation !== this.generation) return;
    this.port = port;
    // An 'error' listener must exist before open, or a stream error would be thrown.
    port.on('error', (err) => {
      if (generation !== this.generation) return;
      this.options.log?.warn({ event: 'scanner-serial-error', path: this.options.path, err: describeError(err) }, 'scanner serial error');
      // The port may still look open after a read error: close it so 'close' drives the reconnect.
      if (port.isOpen) port.close(() => undefined);
      else this.fail('read-failed', err);
    });
    port.on('close', (err) => {
      if (generation !== this.generation) return;
      this.fail('disconnected', err ?? new Error('port closed'));
    });
    port.on('data', (chunk) => {
      if (generation !== this.generation) return;
      let frames;
      try {
        frames = this.framer.push(chunk);
      } catch (err) {
        // Framing is pure and should not throw; if it does, the bytes are dropped, never the driver.
        this.options.log?.error({ event: 'scanner-frame-error', err: describeError(err) }, 'scanner framing failed');
        this.framer.reset();
        return;
      }
      for (const frame of frames) {
        const payload: ScannerPayload = { bytes: frame.bytes };
        if (frame.overflow) payload.overflow = true;
        this.emitScan(payload);
      }
    });
    await new Promise<void>((resolve) => {
      port.open((err) => {
        if (generation !== this.generation) {
          // stop() or a newer attempt raced us; release whatever we got.
          if (!err && port.isOpen) port.close(() => undefined);
          resolve();
          return;
        }
        if (err) {
          this.port = null;
          port.removeAllListeners();
          this.fail(openErrorCause(err), err);
        } else {
          this.backoff.reset();
          this.framer.reset();
          this.setStatus({ state: 'ready', device: this.options.path });
          this.startPresenceCheck(generation);
        }
        resolve();
      });
    });
  }

  private fail(cause: ScannerErrorCause, err: unknown): void {
    if (!this.running) return;
    this.generation++; // ignore anything the failed port still says
    this.stopPresenceCheck();
    const old = this.port;
    this.port = null;
    if (old) {
      old.removeAllListeners();
      old.on('error', () => undefined); // a late error from a dead port must not crash the process
      if (old.isOpen) old.close(() => undefined);
    }
    this.framer.reset();
    if (this.timer) return;
    const delay = this.backoff.next();
    this.setStatus({ state: 'error', cause, detail: `${this.options.path}: ${describeError(err)}`, retryInMs: delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private startPresenceCheck(generation: number): void {
    const every = this.options.presenceCheckMs ?? 1000;
    if (every <= 0) return;
    const statDevice = this.options.statDevice ?? stat;
    let opened: { rdev: number; ino: number } | null = null;
    const check = async (): Promise<void> => {
      let now: { rdev: number; ino: number };
      try {
        now = await statDevice(this.options.path);
      } catch (err) {
        if (generation === this.generation) this.fail('disconnected', err);
        return;
      }
      if (generation !== this.generation) return;
      opened ??= { rdev: now.rdev, ino: now.ino };
      // Same path, different device (replugged, or a new pty behind the link): reopen.
      if (now.rdev !== opened.rdev) this.fail('disconnected', new Error('device node was replaced'));
    };
    void check();
    this.presence = setInterval(() => void check(), every);
    this.presence.unref();
  }

  private stopPresenceCheck(): void {
    if (this.presence) clearInterval(this.presence);
    this.presence = null;
  }

  private async dropPort(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    port.removeAllListeners();
    port.on('error', () => undefined);
    if (!port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
