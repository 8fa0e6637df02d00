// "Scan this test code": the page shows a code; the self-test passes when
// the scanner delivers exactly that code within a minute.
import { randomInt } from 'node:crypto';
import type { EventBus } from '../events/bus.js';
import type { SelfTestRecord } from './records.js';

export const SCAN_TEST_WINDOW_MS = 60_000;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

interface Pending {
  code: string;
  who: string;
  startedAt: Date;
  timer: NodeJS.Timeout;
}

export class ScanTest {
  private pending: Pending | null = null;
  private readonly owner = {};

  constructor(
    private readonly bus: EventBus,
    private readonly now: () => Date,
    private readonly record: (r: SelfTestRecord) => Promise<void>,
    private readonly windowMs = SCAN_TEST_WINDOW_MS,
  ) {}

  start(who: string): { code: string; expiresAt: string } {
    if (this.pending) this.finish(false, 'replaced by a new scan test before a scan arrived');
    const code = `ECT-${Array.from({ length: 6 }, () => LETTERS[randomInt(LETTERS.length)]).join('')}`;
    const startedAt = this.now();
    const timer = setTimeout(() => this.finish(false, `no scan of ${code} within ${this.windowMs / 1000} s`), this.windowMs);
    timer.unref();
    this.pending = { code, who, startedAt, timer };
    this.bus.removeListeners(this.owner);
    this.bus.on(this.owner, 'scan', (scan) => {
      if (this.pending && scan.value.trim() === this.pending.code) {
        const seconds = ((this.now().getTime() - this.pending.startedAt.getTime()) / 1000).toFixed(1);
        this.finish(true, `test code scanned after ${seconds} s`);
      }
    });
    return { code, expiresAt: new Date(startedAt.getTime() + this.windowMs).toISOString() };
  }

  get current(): { code: string; startedAt: string } | null {
    return this.pending ? { code: this.pending.code, startedAt: this.pending.startedAt.toISOString() } : null;
  }

  stop(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.bus.removeListeners(this.owner);
  }

  private finish(ok: boolean, detail: string): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    this.bus.removeListeners(this.owner);
    void this.record({ name: 'scan-test-code', ok, at: this.now().toISOString(), detail, by: p.who });
  }
}
