// Named integers in the kiosk database (table `counters`): the reference
// sequence, the print-job sequence, the legacy-import mark.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type CounterName = 'reference-sequence' | 'print-job-sequence' | 'legacy-imported';

export class Counters {
  private readonly read: StatementSync;
  private readonly write: StatementSync;

  constructor(db: DatabaseSync) {
    this.read = db.prepare('SELECT value FROM counters WHERE name = ?');
    this.write = db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  }

  get(name: CounterName): number {
    const row = this.read.get(name) as { value: number } | undefined;
    return row ? Number(row.value) : 0;
  }

  set(name: CounterName, value: number): void {
    this.write.run(name, value);
  }

  /** Adds one and returns the new value; call inside the transaction that uses it. */
  next(name: CounterName): number {
    const value = this.get(name) + 1;
    this.set(name, value);
    return value;
  }
}
