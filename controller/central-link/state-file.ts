// The link's small persistent state (status cursor, undelivered changes), so
// a restart neither re-reads every status change nor forgets what happened
// during an outage. Written atomically: temp file, fsync, rename.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { HealthChange } from '../../protocol/heartbeat.js';

export interface LinkState {
  version: 1;
  statusCursor: number;
  changes: HealthChange[];
  droppedChanges: number;
  lastDeliveredAt: string | null;
  /** epoch of central's database the status cursor belongs to; absent in files written before epochs */
  epoch?: string | null;
}

export const emptyLinkState = (): LinkState => ({ version: 1, statusCursor: 0, changes: [], droppedChanges: 0, lastDeliveredAt: null, epoch: null });

function valid(d: unknown): d is LinkState {
  const s = d as Partial<LinkState>;
  return typeof s === 'object' && s !== null && s.version === 1 && Number.isSafeInteger(s.statusCursor) && (s.statusCursor as number) >= 0
    && Array.isArray(s.changes) && s.changes.every((c) => typeof c?.part === 'string' && typeof c?.state === 'string' && typeof c?.at === 'string')
    && Number.isSafeInteger(s.droppedChanges) && (s.lastDeliveredAt === null || typeof s.lastDeliveredAt === 'string')
    && (s.epoch === undefined || s.epoch === null || (typeof s.epoch === 'string' && s.epoch.length <= 40));
}

export class LinkStateFile {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** A missing or damaged file starts fresh: the worst case is re-reading status changes. */
  async load(): Promise<{ state: LinkState; problem: string | null }> {
    try {
      const data = JSON.parse(await readFile(this.file, 'utf8'));
      if (valid(data)) return { state: data, problem: null };
      return { state: emptyLinkState(), problem: `${this.file} has an unexpected shape; starting fresh` };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyLinkState(), problem: null };
      return { state: emptyLinkState(), problem: `${this.file}: ${(err as Error).message}; starting fresh` };
    }
  }

  /** Writes are serialised so an older state never lands after a newer one. */
  save(state: LinkState): Promise<void> {
    const snapshot = JSON.stringify(state);
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(snapshot);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.file);
    });
    return this.writing;
  }
}
