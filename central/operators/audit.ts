// Every state-changing call at central, by whom, from where, with what
// outcome: people through the admin API, the gateway through its callback,
// and the refusals too (a guessed token is worth knowing about).
import type { Db } from '../db/database.js';

export interface AuditEntry {
  id: number;
  at: string;
  /** operator name, `gateway:razorpay`, or `(no valid token)` */
  who: string;
  role: string | null;
  /** method and route with its parameters, e.g. POST /api/v1/admin/kiosks/KE-DLS-01/maintenance */
  action: string;
  /** the HTTP status answered */
  outcome: number;
  /** the caller's address */
  source: string;
  detail: string | null;
}

export class AuditLog {
  private readonly insert;
  private readonly recent;
  private readonly pruneBefore;

  constructor(db: Db, private readonly now: () => Date) {
    this.insert = db.prepare(`INSERT INTO audit (at, who, role, action, outcome, source, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.recent = db.prepare(`SELECT * FROM audit ORDER BY id DESC LIMIT ?`);
    this.pruneBefore = db.prepare(`DELETE FROM audit WHERE at < ?`);
  }

  /** Refused calls are recorded too, so the table is kept to `days`: what an auditor asks about, not what a spammer sends. */
  prune(days: number): number {
    return this.pruneBefore.run(new Date(this.now().getTime() - days * 86400_000).toISOString()).changes;
  }

  record(e: Omit<AuditEntry, 'id' | 'at'>): void {
    this.insert.run(this.now().toISOString(), e.who, e.role, e.action.slice(0, 300), e.outcome, e.source, e.detail?.slice(0, 500) ?? null);
  }

  list(limit = 200): AuditEntry[] {
    return this.recent.all(limit) as AuditEntry[];
  }
}
