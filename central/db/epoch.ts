// The epoch names one incarnation of central's database. It is created with
// the database, so a wiped database has a new one; a database restored from
// an older backup is recognised by the high-water marks central keeps beside
// it (<db>.epoch.json) and gets a new one too, as does a database with
// tickets found without those marks (restored onto another machine). Kiosks that see a new epoch
// re-offer what they hold and restart their status cursor, and ticket numbers
// carry the epoch, so a number handed out before a restore is never reused.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Db } from './database.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const EPOCH_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** 40 random bits as 8 Crockford base32 characters: short enough for a ticket number. */
export function newEpoch(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 8; i++) out = CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)] + out;
  return out;
}

interface HighWater {
  epoch: string;
  tickets: number;
  history: number;
}

export type EpochOpening = { epoch: string; reason: 'created' | 'kept' | 'restored-older-copy' | 'no-high-water-mark' };

export class EpochKeeper {
  private readonly sidecar: string | null;
  private readonly maxes;
  readonly epoch: string;
  readonly opening: EpochOpening;

  constructor(private readonly db: Db, dbPath: string) {
    this.sidecar = dbPath === ':memory:' ? null : `${dbPath}.epoch.json`;
    this.maxes = db.prepare(`SELECT (SELECT IFNULL(MAX(id), 0) FROM tickets) AS tickets, (SELECT IFNULL(MAX(id), 0) FROM ticket_history) AS history`);
    const stored = (db.prepare(`SELECT value FROM meta WHERE key = 'epoch'`).get() as { value: string } | undefined)?.value;
    const mark = this.readSidecar();
    const now = this.maxes.get() as { tickets: number; history: number };
    let reason: EpochOpening['reason'] = 'kept';
    let epoch = stored;
    if (!epoch) {
      reason = 'created';
      epoch = newEpoch();
    } else if (mark && mark.epoch === epoch && (mark.tickets > now.tickets || mark.history > now.history)) {
      // Central once held more than this file does: it is an older copy.
      reason = 'restored-older-copy';
      epoch = newEpoch();
    } else if (!mark && this.sidecar && now.tickets > 0) {
      // A database with tickets but no marks beside it (restored onto a new
      // machine, or the marks lost): its age is unknown, so assume it is old.
      // Costs one re-offer from each kiosk; reusing a number would cost more.
      reason = 'no-high-water-mark';
      epoch = newEpoch();
    }
    if (epoch !== stored) db.prepare(`INSERT INTO meta (key, value) VALUES ('epoch', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(epoch);
    this.epoch = epoch;
    this.opening = { epoch, reason };
    this.noteWrite();
  }

  /** Call after a ticket or status change is committed: moves the high-water marks forward. */
  noteWrite(): void {
    if (!this.sidecar) return;
    const m = this.maxes.get() as { tickets: number; history: number };
    const tmp = `${this.sidecar}.tmp`;
    writeFileSync(tmp, JSON.stringify({ epoch: this.epoch, tickets: m.tickets, history: m.history } satisfies HighWater));
    renameSync(tmp, this.sidecar);
  }

  private readSidecar(): HighWater | null {
    if (!this.sidecar) return null;
    try {
      const d = JSON.parse(readFileSync(this.sidecar, 'utf8')) as Partial<HighWater>;
      return typeof d.epoch === 'string' && Number.isSafeInteger(d.tickets) && Number.isSafeInteger(d.history) ? (d as HighWater) : null;
    } catch {
      return null;
    }
  }
}
