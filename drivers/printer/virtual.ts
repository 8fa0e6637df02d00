// A stand-in printer that speaks ESC/POS over TCP, so the real driver and
// transport run against it. Real-time requests (DLE EOT) are answered on
// arrival, like a printer's receive interrupt; everything else is executed in
// order, and only while the printer could print: with paper out or cover
// open the data waits in the buffer and prints once the condition clears.
// Offline means the printer stops answering altogether.
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { encodeGsRPaperByte, encodeStatusBytes } from './status.js';
import { DOTS_PER_MM_WIDTH, type RawPrinterStatus } from './types.js';
import { EscPosParser, type EscPosEvent } from './virtual-parser.js';
import { JobBuilder, renderJob, type JobItem } from './virtual-render.js';

export interface VirtualCondition {
  paper: 'ok' | 'near-end' | 'out';
  cover: 'open' | 'closed';
  online: boolean;
}

export interface VirtualJob {
  id: string;
  receivedAt: string;
  items: JobItem[];
  /** true when the job ended with a cut (GS V) */
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
  private seq = 0;
  private boundPort = 0;
  private readonly widthDots: number;
  private readonly now: () => Date;
  private readonly stamp: string;

  constructor(private readonly options: VirtualPrinterOptions = {}) {
    this.widthDots = DOTS_PER_MM_WIDTH[options.paperWidthMm ?? 58];
    this.now = options.now ?? (() => new Date());
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
    socket.on('data', (chunk) => {
      for (const event of parser.push(chunk)) {
        if (event.kind === 'realtime-status') this.answerRealtime(socket, event.n);
        else this.pending.push({ socket, event });
      }
      this.process();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private answerRealtime(socket: net.Socket, n: number): void {
    if (!this.state.online || n < 1 || n > 4) return;
    socket.write(Uint8Array.of(encodeStatusBytes(this.rawStatus())[n - 1]!));
  }

  private process(): void {
    while (this.canPrint && this.pending.length > 0) {
      const { socket, event } = this.pending.shift()!;
      if (event.kind === 'transmit-status') {
        // GS r 1 and 49: paper sensor; GS r 2/50 (drawer) answers 0.
        const byte = event.n === 1 || event.n === 49 ? encodeGsRPaperByte(this.rawStatus().paper) : 0;
        if (!socket.destroyed) socket.write(Uint8Array.of(byte));
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

/** Job summary for the API: the parsed content without the raster bytes. */
export function describeJob(job: VirtualJob): Record<string, unknown> {
  return {
    id: job.id,
    receivedAt: job.receivedAt,
    cut: job.cut,
    items: job.items.map((i) => (i.type === 'raster' ? { type: 'raster', width: i.width, height: i.height, align: i.align } : i.type === 'text' ? { type: 'text', text: i.text, align: i.align, bold: i.segments.some((s) => s.bold), size: Math.max(...i.segments.map((s) => s.height)) } : i)),
  };
}
