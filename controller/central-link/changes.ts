// Pure record of health state changes not yet delivered to central. After an
// outage the next heartbeat carries this list once, instead of every missed
// heartbeat being replayed. Bounded: when full, the oldest change of a part
// that has a newer one is dropped first, so each part's latest state survives.
import type { HealthChange } from '../../protocol/heartbeat.js';

export const MAX_CHANGES = 100;

export interface ChangeLogState {
  changes: HealthChange[];
  dropped: number;
}

export class ChangeLog {
  private changes: HealthChange[];
  private dropped: number;

  constructor(initial: ChangeLogState = { changes: [], dropped: 0 }, private readonly max = MAX_CHANGES) {
    this.changes = [...initial.changes];
    this.dropped = initial.dropped;
  }

  record(change: HealthChange): void {
    const last = [...this.changes].reverse().find((c) => c.part === change.part);
    if (last && last.level === change.level && last.state === change.state && last.detail === change.detail) return;
    this.changes.push(change);
    while (this.changes.length > this.max) {
      const i = this.changes.findIndex((c, idx) => this.changes.slice(idx + 1).some((later) => later.part === c.part));
      this.changes.splice(i >= 0 ? i : 0, 1);
      this.dropped += 1;
    }
  }

  /** What the next heartbeat carries. */
  pending(): ChangeLogState {
    return { changes: [...this.changes], dropped: this.dropped };
  }

  /**
   * Central has the heartbeat built from `sent`: forget exactly those changes.
   * Changes recorded while it was in flight stay for the next one.
   */
  acknowledge(sent: ChangeLogState): void {
    const delivered = new Set(sent.changes);
    this.changes = this.changes.filter((c) => !delivered.has(c));
    this.dropped = Math.max(0, this.dropped - sent.dropped);
  }

  get size(): number {
    return this.changes.length;
  }
}
