// Keeps the bytes of the last print jobs, so the technician page can show
// each receipt as it was sent (rendered from those bytes by the virtual
// printer's own ESC/POS parser and renderer). The driver stays untouched:
// the tap wraps the Printer's print() the queue and the routes already use.
import { EscPosParser } from '../../drivers/printer/virtual-parser.js';
import { JobBuilder, renderJob } from '../../drivers/printer/virtual-render.js';
import type { Printer } from '../../drivers/printer/types.js';

export interface TappedJob {
  jobId: string;
  at: string;
  bytes: Uint8Array;
  /** 'printed' when the printer confirmed it, 'sent' when its method cannot confirm; else the failure kind */
  result: 'printed' | 'sent' | 'not-ready' | 'unconfirmed' | 'write-failed' | 'pending';
}

const KEEP = 10;

export class JobTap {
  private readonly jobs: TappedJob[] = [];

  constructor(private readonly now: () => Date) {}

  attach(printer: Printer): () => void {
    const original = printer.print.bind(printer);
    printer.print = async (job, jobId) => {
      const entry: TappedJob = { jobId, at: this.now().toISOString(), bytes: job, result: 'pending' };
      this.jobs.push(entry);
      while (this.jobs.length > KEEP) this.jobs.shift();
      const result = await original(job, jobId);
      entry.result = result.ok ? result.value : result.error.kind;
      return result;
    };
    return () => {
      printer.print = original;
    };
  }

  list(): Array<Omit<TappedJob, 'bytes'> & { bytes: number }> {
    return this.jobs.map((j) => ({ jobId: j.jobId, at: j.at, result: j.result, bytes: j.bytes.length })).reverse();
  }

  png(jobId: string, widthDots: number): Buffer | null {
    const job = this.jobs.find((j) => j.jobId === jobId);
    return job ? renderEscPos(job.bytes, widthDots) : null;
  }
}

/** Pure: ESC/POS bytes → the PNG a thermal head would print. */
export function renderEscPos(bytes: Uint8Array, widthDots: number): Buffer {
  const builder = new JobBuilder();
  for (const event of new EscPosParser().push(bytes)) {
    if (event.kind === 'realtime-status' || event.kind === 'transmit-status') continue;
    builder.apply(event);
  }
  return renderJob(builder.take(), widthDots);
}
