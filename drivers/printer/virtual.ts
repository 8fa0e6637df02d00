// A stand-in printer that speaks ESC/POS over TCP, so the real driver and
// transport run against it. Real-time requests (DLE EOT) are answered on
// arrival, like a printer's receive interrupt; everything else is executed in
// order, and only while the printer could print: with paper out or cover
// open the data waits in the buffer and prints once the condition clears.
// Offline means the printer stops answering altogether.
// Profiles stand for the printers found in the field:
//   epson       answers DLE EOT and GS r, and executes real-time commands
//               wherever their bytes appear (image data included), as an
//               Epson with real-time commands enabled (the default) does;
//   generic     answers DLE EOT only (at command boundaries), never GS r;
//   write-only  answers nothing.
// Fault switches: dropLinkAfterBytes (closes the connection once, after N
// more bytes) and replyDelayMs (every reply comes late).
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { encodeGsRPaperByte, encodeStatusBytes } from './status.js';
import { DOTS_PER_MM_WIDTH, type RawPrinterStatus } from './types.js';
import { EscPosParser, RealtimeScanner, type EscPosEvent, type RealtimeHit } from './virtual-parser.js';
import { JobBuilder, renderJob, type JobItem } from './virtual-render.js';

export interface VirtualCondition {
  paper: 'ok' | 'near-end' | 'out';
  cover: 'open' | 'closed';
  online: boolean;
}

export type VirtualProfile = 'epson' | 'generic' | 'write-only';
export const VIRTUAL_PROFILES: readonly VirtualProfile[] = ['epson', 'generic', 'write-only'];

export interface VirtualFaults {
  /** closes the connection once, after this many more bytes (0 = off) */
  dropLinkAfterBytes: number;
  /** every reply is sent this much later */
  replyDelayMs: number;
}

export interface VirtualJob {
  id: string;
  receivedAt: string;
  items: JobItem[];
  /** true when the job ended with a cut (GS V); false = torn off when the link dropped */
  cut: boolean;
  png: Buffer;
  /** where the PNG was written, when a jobs directory is set */
  pngFile?: string;
}

export interface VirtualPrinterOptions {
  port?: number;
  host?: string;
  paperWidthMm?: 58 | 80;
  /** PNGs of the jobs are written here (created if missing) */
  jobsDir?: string;
  /** jobs kept in memory, oldest dropped first */
  maxJobs?: number;
  profile?: VirtualProfile;
  now?: () => Date;
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export class VirtualPrinter {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly pending: Array<{ socket: net.Socket; event: EscPosEvent }> = [];
  private readonly builder = new JobBuilder();
  private readonly kept: VirtualJob[] = [];
  private readonly listeners = new Set<(job: VirtualJob) => void>();
  private state: VirtualCondition = { paper: 'ok', cover: 'closed', online: true };
  private profileName: VirtualProfile;
  private faults: VirtualFaults = { dropLinkAfterBytes: 0, replyDelayMs: 0 };
  /** real-time commands executed from inside other commands' data (epson profile) */
  private readonly stray: RealtimeHit[] = [];
  private seq = 0;
  private boundPort = 0;
  private readonly widthDots: number;
  private readonly now: () => Date;
  private readonly stamp: string;

  constructor(private readonly options: VirtualPrinterOptions = {}) {
    this.widthDots = DOTS_PER_MM_WIDTH[options.paperWidthMm ?? 58];
    this.now = options.now ?? (() => new Date());
    this.profileName = options.profile ?? 'epson';
    this.stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  }

  async start(): Promise<number> {
    if (this.options.jobsDir) await mkdir(this.options.jobsDir, { recursive: true });
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 9100, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.options.log?.info({ event: 'virtual-printer-listening', port: this.boundPort }, 'virtual printer listening');
    return this.boundPort;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get port(): number {
    return this.boundPort;
  }

  get paperWidthDots(): number {
    return this.widthDots;
  }

  get condition(): VirtualCondition {
    return { ...this.state };
  }

  setCondition(patch: Partial<VirtualCondition>): VirtualCondition {
    this.state = { ...this.state, ...patch };
    this.options.log?.info({ event: 'virtual-printer-condition', condition: this.state }, 'virtual printer condition changed');
    this.process();
    return this.condition;
  }

  get profile(): VirtualProfile {
    return this.profileName;
  }

  get faultSwitches(): VirtualFaults {
    return { ...this.faults };
  }

  /** Switches profile and fault switches at run time (simulator route, tests). */
  configure(patch: Partial<VirtualFaults> & { profile?: VirtualProfile }): { profile: VirtualProfile; faults: VirtualFaults } {
    const { profile, ...faults } = patch;
    if (profile && profile !== this.profileName) {
      this.profileName = profile;
      // Another printer is another connection: the driver reconnects and probes it.
      for (const s of this.sockets) s.destroy();
    }
    this.faults = { ...this.faults, ...faults };
    this.options.log?.info({ event: 'virtual-printer-configured', profile: this.profileName, faults: this.faults }, 'virtual printer profile or faults changed');
    return { profile: this.profileName, faults: this.faultSwitches };
  }

  /** Real-time commands the epson profile found inside image or other command data (must stay empty). */
  get strayRealtime(): readonly RealtimeHit[] {
    return this.stray;
  }

  get jobs(): readonly VirtualJob[] {
    return this.kept;
  }

  job(id: string): VirtualJob | undefined {
    return this.kept.find((j) => j.id === id);
  }

  onJob(listener: (job: VirtualJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the kept jobs (tests, technician "clear"). */
  clearJobs(): void {
    this.kept.length = 0;
  }

  /** The sensor state, as DLE EOT 1–4 report it. */
  rawStatus(): RawPrinterStatus {
    const out = this.state.paper === 'out';
    const open = this.state.cover === 'open';
    return {
      printer: { drawerPin3High: false, offline: out || open, waitingOnlineRecovery: false, feedButtonPressed: false },
      offlineCause: { coverOpen: open, feedingByButton: false, stoppedByPaperEnd: out, errorOccurred: false },
      error: { mechanical: false, autoCutter: false, unrecoverable: false, autoRecoverable: false },
      paper: { nearEnd: out || this.state.paper === 'near-end', end: out },
    };
  }

  private get canPrint(): boolean {
    return this.state.online && this.state.paper !== 'out' && this.state.cover === 'closed';
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const parser = new EscPosParser();
    const scanner = new RealtimeScanner();
    const meant = new Set<number>();
    const hits: RealtimeHit[] = [];
    socket.on('data', (chunk: Buffer) => {
      const drop = this.faults.dropLinkAfterBytes;
      if (drop > 0 && chunk.length >= drop) {
        // Once: the link dies mid-stream, after exactly N more bytes arrived.
        this.faults.dropLinkAfterBytes = 0;
        this.receive(socket, parser, scanner, meant, hits, chunk.subarray(0, drop));
        this.options.log?.info({ event: 'virtual-printer-link-dropped' }, 'virtual printer dropped the link');
        socket.destroy();
        return;
      }
      if (drop > 0) this.faults.dropLinkAfterBytes -= chunk.length;
      this.receive(socket, parser, scanner, meant, hits, chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      // What arrived still prints; a job without its cut is torn off.
      this.pending.push({ socket, event: { kind: 'link-closed' } as unknown as EscPosEvent });
      this.process();
    });
  }

  private receive(socket: net.Socket, parser: EscPosParser, scanner: RealtimeScanner, meant: Set<number>, hits: RealtimeHit[], chunk: Uint8Array): void {
    const epson = this.profileName === 'epson';
    const events = parser.push(chunk);
    for (const event of events) {
      if (event.kind === 'realtime-status' || event.kind === 'realtime-control') {
        if (event.at !== undefined) meant.add(event.at);
        // The epson profile answers from the byte scan below, like a receive interrupt.
        if (!epson && event.kind === 'realtime-status') this.answerRealtime(socket, event.n);
      } else this.pending.push({ socket, event });
    }
    if (epson) {
      for (const hit of scanner.push(chunk)) {
        hits.push(hit);
        if (hit.code === 'DLE EOT') this.answerRealtime(socket, hit.n);
      }
      // A hit the parser saw as a command of its own was meant; any other was inside data.
      for (let i = hits.length - 1; i >= 0; i--) {
        const hit = hits[i]!;
        if (meant.has(hit.at)) {
          meant.delete(hit.at);
          hits.splice(i, 1);
        } else if (hit.at < parser.offset) {
          this.stray.push(hit);
          hits.splice(i, 1);
          this.options.log?.warn({ event: 'virtual-printer-stray-realtime', hit }, 'real-time command inside data executed');
        }
      }
    }
    this.process();
  }

  private reply(socket: net.Socket, byte: number): void {
    const send = () => {
      if (!socket.destroyed) socket.write(Uint8Array.of(byte));
    };
    if (this.faults.replyDelayMs > 0) setTimeout(send, this.faults.replyDelayMs).unref?.();
    else send();
  }

  private answerRealtime(socket: net.Socket, n: number): void {
    if (!this.state.online || this.profileName === 'write-only' || n < 1 || n > 4) return;
    this.reply(socket, encodeStatusBytes(this.rawStatus())[n - 1]!);
  }

  private process(): void {
    while (this.canPrint && this.pending.length > 0) {
      const { socket, event } = this.pending.shift()!;
      if ((event.kind as string) === 'link-closed') {
        this.finish(false);
        continue;
      }
      if (event.kind === 'transmit-status') {
        // Only the epson profile implements GS r. GS r 1 and 49: paper sensor; GS r 2/50 (drawer) answers 0.
        if (this.profileName !== 'epson') continue;
        this.reply(socket, event.n === 1 || event.n === 49 ? encodeGsRPaperByte(this.rawStatus().paper) : 0);
        continue;
      }
      this.builder.apply(event);
      if (event.kind === 'cut') this.finish(true);
    }
  }

  private finish(cut: boolean): void {
    const items = this.builder.take();
    if (!items.some((i) => i.type !== 'feed' && i.type !== 'cut')) return;
    this.seq += 1;
    const id = `${this.stamp}-${String(this.seq).padStart(4, '0')}`;
    const job: VirtualJob = { id, receivedAt: this.now().toISOString(), items, cut, png: renderJob(items, this.widthDots) };
    this.kept.push(job);
    while (this.kept.length > (this.options.maxJobs ?? 100)) this.kept.shift();
    if (this.options.jobsDir) {
      const file = path.join(this.options.jobsDir, `${id}.png`);
      job.pngFile = file;
      writeFile(file, job.png).catch((err: Error) => this.options.log?.warn({ event: 'virtual-printer-png-failed', file, err: err.message }, 'cannot write job PNG'));
    }
    this.options.log?.info({ event: 'virtual-printer-job', id, items: items.length }, 'virtual printer printed a job');
    for (const l of this.listeners) l(job);
  }
}

const REFERENCE_IN_TEXT = /\b[A-Z]{2}-[A-Z0-9]{2,5}-\d{6}-\d{5}\b/;

/** What a job is, as a reader of the paper sees it: whose receipt, and whether it says COPY or REPRINT. */
export function jobMarks(job: VirtualJob): { reference: string | null; copy: boolean; reprint: boolean } {
  const texts = job.items.flatMap((i) => (i.type === 'text' ? [i.text] : []));
  const qr = job.items.find((i) => i.type === 'qr');
  const reference = texts.map((t) => REFERENCE_IN_TEXT.exec(t)?.[0]).find(Boolean) ?? (qr?.type === 'qr' ? qr.data : null);
  return { reference: reference ?? null, copy: texts.some((t) => /\bCOPY\b/.test(t)), reprint: texts.some((t) => /\bREPRINT\b/.test(t)) };
}

/** Job summary for the API: the parsed content without the raster bytes. */
export function describeJob(job: VirtualJob): Record<string, unknown> {
  return {
    id: job.id,
    receivedAt: job.receivedAt,
    cut: job.cut,
    ...jobMarks(job),
    items: job.items.map((i) => (i.type === 'raster' ? { type: 'raster', width: i.width, height: i.height, align: i.align } : i.type === 'text' ? { type: 'text', text: i.text, align: i.align, bold: i.segments.some((s) => s.bold), size: Math.max(...i.segments.map((s) => s.height)) } : i)),
  };
}
