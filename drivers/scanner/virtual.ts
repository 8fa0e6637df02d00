// The virtual scanner: a socat pseudo-terminal pair stands in for a USB-COM
// scanner. The real SerialScanner opens one end ("device"); inject() writes a
// code plus the suffix into the other end ("feed"), exactly the bytes a real
// scanner would send, so the simulator exercises the real serial path.
//
//   socat -d -d pty,raw,echo=0,link=<dir>/scanner-device pty,raw,echo=0,link=<dir>/scanner-feed
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { DriverLogger as Logger } from '../log.js';
import type { ScannerSuffix } from './line-framer.js';
import { ScannerBase } from './scanner-base.js';
import { SerialScanner } from './serial.js';
import {
  Listeners, describeError,
  type ReconnectOptions, type ScanInjector,
} from './types.js';

export interface SocatPtyPairOptions {
  /** directory for the two links; must not contain characters socat treats as syntax */
  dir: string;
  deviceLink?: string;
  feedLink?: string;
  socatPath?: string;
  startTimeoutMs?: number;
}

function onPath(command: string): string | null {
  const candidates = command.includes('/') ? [command] : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command));
  for (const file of candidates) {
    try {
      accessSync(file, fsConstants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * socat, made to die with the controller: a controller killed by SIGKILL
 * (or a crash) would otherwise leave socat holding its ptys. setpriv
 * (util-linux) sets the parent-death signal and then execs socat, so the pid
 * is socat's. Without setpriv, or without socat (to get spawn's own error), plain spawn.
 */
function socatCommand(socat: string, args: string[]): [string, string[]] {
  const setpriv = onPath('setpriv');
  return setpriv && onPath(socat) ? [setpriv, ['--pdeathsig', 'TERM', '--', socat, ...args]] : [socat, args];
}

/** A socat child process holding two linked pseudo-terminals. */
export class SocatPtyPair {
  readonly devicePath: string;
  readonly feedPath: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly exits = new Listeners<{ code: number | null; signal: NodeJS.Signals | null; expected: boolean }>();
  private stopping = false;
  /** set while socat is coming up: the device link can exist before the feed link */
  private starting: Promise<void> | null = null;

  constructor(private readonly options: SocatPtyPairOptions) {
    if (/[,:!;{}'"\s]/.test(options.dir)) throw new RangeError(`socat link directory must not contain , : ! ; braces quotes or spaces: ${options.dir}`);
    this.devicePath = join(options.dir, options.deviceLink ?? 'scanner-device');
    this.feedPath = join(options.dir, options.feedLink ?? 'scanner-feed');
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** socat's process id while it runs (for a technician, and tests that pull the plug) */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  onExit(listener: (info: { code: number | null; signal: NodeJS.Signals | null; expected: boolean }) => void): () => void {
    return this.exits.add(listener);
  }

  /** Spawns socat and resolves once both links exist and data flows. */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = this.spawnSocat().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async spawnSocat(): Promise<void> {
    if (this.child) return;
    this.stopping = false;
    // A socat killed with SIGKILL leaves its links behind; socat would refuse to make them.
    await Promise.all([unlink(this.devicePath).catch(() => undefined), unlink(this.feedPath).catch(() => undefined)]);
    const args = ['-d', '-d', `pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${this.feedPath}`];
    const [command, commandArgs] = socatCommand(this.options.socatPath ?? 'socat', args);
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderrTail = '';
    let onReady: (() => void) | null = null;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-2000);
      // socat -d -d logs this once both ptys (and their links) exist.
      if (onReady && /starting data transfer loop/.test(stderrTail)) onReady();
    });
    this.exited = new Promise<void>((resolve) => {
      child.once('close', (code, signal) => {
        if (this.child === child) this.child = null;
        child.stderr?.destroy();
        this.exits.emit({ code, signal, expected: this.stopping });
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => finish(new Error(`socat did not start within ${this.options.startTimeoutMs ?? 5000} ms: ${stderrTail.trim()}`)), this.options.startTimeoutMs ?? 5000);
      const onError = (err: Error): void => finish(new Error(`cannot run socat (apt-get install socat): ${err.message}`));
      const onEarlyExit = (code: number | null): void => finish(new Error(`socat exited (${code}) before the ptys were ready: ${stderrTail.trim()}`));
      const finish = (err?: Error): void => {
        clearTimeout(timeout);
        onReady = null;
        child.off('error', onError);
        child.off('exit', onEarlyExit);
        if (err) {
          child.kill('SIGKILL');
          reject(err);
        } else resolve();
      };
      onReady = () => finish();
      child.once('error', onError);
      child.once('exit', onEarlyExit);
    }).catch(async (err: unknown) => {
      await this.exited;
      throw err;
    });
    child.on('error', () => undefined); // later spawn errors are reported through 'close'
  }

  /** Terminates socat (its links disappear with it) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return this.exited;
    this.stopping = true;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(force);
  }

  /** Writes bytes into the feed end, as the scanner hardware would. */
  async write(bytes: Buffer): Promise<void> {
    // A write racing a restart waits for both links instead of failing on the feed link.
    if (this.starting) await this.starting;
    // O_NOCTTY: opening a tty must never make it our controlling terminal.
    const handle = await open(this.feedPath, fsConstants.O_WRONLY | fsConstants.O_NOCTTY);
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  }
}

export interface VirtualScannerOptions {
  /** where the pty links go; a fresh temp dir (removed on stop) when omitted */
  dir?: string;
  suffix?: ScannerSuffix;
  maxLength: number;
  log?: Logger;
  reconnect?: ReconnectOptions;
  socatPath?: string;
  /** delay before socat is restarted after it died unexpectedly */
  restartMs?: number;
}

export class VirtualScanner extends ScannerBase implements ScanInjector {
  override readonly backend = 'virtual' as const;
  readonly suffix: ScannerSuffix;
  private pty: SocatPtyPair | null = null;
  private serial: SerialScanner | null = null;
  private ownedDir: string | null = null;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: VirtualScannerOptions) {
    // No log for the base: the inner SerialScanner already logs status changes.
    super();
    this.suffix = options.suffix ?? '\r\n';
  }

  /** The pty end the driver reads (for a technician poking it with a terminal). */
  get devicePath(): string | undefined {
    return this.pty?.devicePath;
  }

  get feedPath(): string | undefined {
    return this.pty?.feedPath;
  }

  get socatPid(): number | undefined {
    return this.pty?.pid;
  }

  protected override async connect(): Promise<void> {
    let dir = this.options.dir;
    if (!dir) {
      dir = await mkdtemp(join(tmpdir(), 'ecorner-scanner-'));
      this.ownedDir = dir;
    }
    const pty = new SocatPtyPair({ dir, ...(this.options.socatPath ? { socatPath: this.options.socatPath } : {}) });
    this.pty = pty;
    pty.onExit(({ code, signal, expected }) => {
      if (expected || !this.running) return;
      // The serial driver reports the disconnect; we bring the "hardware" back.
      this.options.log?.warn({ event: 'scanner-virtual-socat-exit', code, signal }, 'virtual scanner socat exited; restarting');
      this.scheduleRestart();
    });
    const serial = new SerialScanner({
      path: pty.devicePath,
      baudRate: 9600,
      suffix: this.suffix,
      maxLength: this.options.maxLength,
      ...(this.options.log ? { log: this.options.log } : {}),
      reconnect: this.options.reconnect ?? { initialMs: 200, maxMs: 5000 },
    });
    this.serial = serial;
    serial.onScan((p) => this.emitScan(p));
    serial.onStatus((s) => this.setStatus(s));
    try {
      await pty.start();
    } catch (err) {
      // No socat: the kiosk still runs (keypad entry); the status says why scanning does not work.
      this.setStatus({ state: 'error', cause: 'open-failed', detail: describeError(err) });
      this.scheduleRestart();
      return;
    }
    await serial.start();
  }

  protected override async disconnect(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    await this.serial?.stop();
    await this.pty?.stop();
    this.serial = null;
    this.pty = null;
    if (this.ownedDir) await rm(this.ownedDir, { recursive: true, force: true });
    this.ownedDir = null;
  }

  async inject(data: string | Buffer): Promise<void> {
    if (!this.pty?.running) throw Object.assign(new Error('virtual scanner is not running'), { code: 'ESCANNERDOWN' });
    const bytes = Buffer.concat([typeof data === 'string' ? Buffer.from(data, 'utf8') : data, Buffer.from(this.suffix, 'latin1')]);
    await this.pty.write(bytes);
  }

  private scheduleRestart(): void {
    if (!this.running || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      const pty = this.pty;
      if (!this.running || !pty) return;
      pty.start().then(() => this.serial?.start()).catch((err: unknown) => {
        this.setStatus({ state: 'error', cause: 'open-failed', detail: describeError(err) });
        this.scheduleRestart();
      });
    }, this.options.restartMs ?? 1000);
  }
}
