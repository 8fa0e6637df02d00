// Hands stored requests to central, oldest first, until central holds them
// all. At-least-once delivery with the kiosk reference as idempotency key
// makes the effect exactly once. While central is unreachable the outbox
// backs off (exponential, jittered, capped); the kiosk keeps accepting.
import type { RequestIntake } from '../../protocol/requests.js';
import type { HealthRegistry } from '../health/registry.js';
import type { Logger } from '../log/logger.js';
import type { OutboxStore, StoredRequest } from '../store/types.js';
import { backoffDelayMs } from './backoff.js';
import { describeError, isRetryable, type CentralClient, type CentralError } from './client.js';
import type { Timers } from './timers.js';

export const OUTBOX_HEALTH_PART = 'outbox';

export interface OutboxOptions {
  store: OutboxStore;
  client: Pick<CentralClient, 'submitRequest' | 'requestUpdates'>;
  health: HealthRegistry;
  log: Logger;
  now: () => Date;
  timers: Timers;
  random: () => number;
  retryBaseMs?: number;
  retryMaxSeconds: number;
  /** how often to ask central for status changes when nothing else happens */
  statusPollSeconds?: number;
  batchSize?: number;
  /** persisted position in central's status-change feed */
  cursor: { get(): number; set(next: number): void | Promise<void> };
}

export interface DrainReport {
  delivered: number;
  rejected: number;
  /** set when central could not be reached or refused all of us; the pass stopped there */
  blockedBy?: CentralError;
}

/** The wire form of a stored request; receipt and sync state stay on the kiosk. */
export function toIntake(r: StoredRequest): RequestIntake {
  return {
    reference: r.reference,
    service: r.service,
    mobile: r.mobile,
    ...(r.account !== undefined ? { account: r.account } : {}),
    ...(r.legacyAccount !== undefined ? { legacyAccount: r.legacyAccount } : {}),
    fields: r.fields,
    ...(r.guardAssisted ? { guardAssisted: true } : {}),
    createdAt: r.createdAt,
    dueBy: r.dueBy,
  };
}

export class Outbox {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
  /** set by stop(): a pass in progress ends after the request in flight */
  private halting = false;
  private lastStatusPull = 0;
  /** consecutive passes blocked by an unreachable central */
  failures = 0;
  private readonly baseMs: number;
  private readonly batch: number;
  private readonly pollMs: number;

  constructor(private readonly o: OutboxOptions) {
    this.baseMs = o.retryBaseMs ?? 1000;
    this.batch = o.batchSize ?? 50;
    this.pollMs = (o.statusPollSeconds ?? 120) * 1000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A new request was stored: send it now unless central is known to be down (then the backoff decides). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.failures === 0) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      this.running = this.cycle().finally(() => (this.running = null));
    }, ms);
  }

  private async cycle(): Promise<void> {
    let report: DrainReport;
    try {
      report = await this.drain();
      if (!report.blockedBy && (report.delivered > 0 || this.o.now().getTime() - this.lastStatusPull >= this.pollMs)) await this.pullStatus();
    } catch (err) {
      // A store write failing (full disk) must not kill the loop; retry later.
      this.o.log.error({ event: 'outbox-cycle-failed', err }, 'outbox pass failed');
      report = { delivered: 0, rejected: 0, blockedBy: { kind: 'network', message: `local error: ${(err as Error).message}` } };
    }
    this.reportHealth(report);
    if (this.stopped) return;
    if (report.blockedBy) {
      // Progress in this pass means central is reachable: a lost reply then
      // earns a short retry, not the long wait of an outage.
      this.failures = report.delivered > 0 ? 1 : this.failures + 1;
      this.schedule(backoffDelayMs(this.failures, { baseMs: this.baseMs, maxMs: this.o.retryMaxSeconds * 1000 }, this.o.random));
    } else {
      this.failures = 0;
      const rejectedWait = report.rejected > 0 ? this.o.retryMaxSeconds * 1000 : this.pollMs;
      this.schedule(this.again ? 0 : rejectedWait);
    }
    this.again = false;
  }

  /** One pass: everything pending, oldest first; stops at the first sign central is unreachable. */
  async drain(): Promise<DrainReport> {
    const rejected = new Set<string>();
    let delivered = 0;
    for (;;) {
      const batch = this.o.store.pendingSync(this.batch + rejected.size).filter((r) => !rejected.has(r.reference));
      if (batch.length === 0) return { delivered, rejected: rejected.size };
      for (const r of batch) {
        if (this.halting) return { delivered, rejected: rejected.size };
        const res = await this.o.client.submitRequest(toIntake(r));
        if (res.ok) {
          await this.o.store.markSynced(r.reference, res.value.ticket, res.value.status);
          delivered += 1;
          continue;
        }
        this.o.store.markSyncFailed(r.reference, describeError(res.error));
        if (isRetryable(res.error)) {
          if (this.failures === 0) this.o.log.warn({ event: 'outbox-central-unreachable', reference: r.reference, error: describeError(res.error) }, 'central unreachable; requests stay queued');
          return { delivered, rejected: rejected.size, blockedBy: res.error };
        }
        // Central refuses this one request (409 conflict, 400 shape): keep it, keep
        // the others moving, and make it loud. It is retried at the capped delay.
        rejected.add(r.reference);
        this.o.log.error({ event: 'outbox-request-rejected', reference: r.reference, error: describeError(res.error) }, 'central rejected a request');
      }
    }
  }

  /** Pulls status changes after the cursor and writes them to the store. */
  async pullStatus(): Promise<void> {
    for (let page = 0; page < 20; page++) {
      const after = this.o.cursor.get();
      const res = await this.o.client.requestUpdates(after, 200);
      if (!res.ok) {
        this.o.log.warn({ event: 'outbox-status-pull-failed', error: describeError(res.error) }, 'could not fetch status changes');
        return;
      }
      // Central's epoch changed while this page was on its way: the cursor was reset; start again from it.
      if (this.o.cursor.get() !== after) continue;
      for (const u of res.value.updates) await this.o.store.updateCentralStatus(u.reference, u.status);
      if (res.value.nextCursor > after) await this.o.cursor.set(res.value.nextCursor);
      this.lastStatusPull = this.o.now().getTime();
      if (res.value.updates.length < 200) return;
    }
  }

  // Details stay stable across retries (no counts): every change is an event
  // and a heartbeat "change", and the backlog numbers travel in the heartbeat.
  private reportHealth(report: DrainReport): void {
    const { depth } = this.o.store.backlog(this.o.now());
    if (report.blockedBy) {
      this.o.health.set(OUTBOX_HEALTH_PART, { level: 'warning', state: 'central-unreachable', detail: `requests stay queued; ${describeError(report.blockedBy)}` });
    } else if (report.rejected > 0) {
      this.o.health.set(OUTBOX_HEALTH_PART, { level: 'fault', state: 'rejected-by-central', detail: 'central refused request(s); see log event outbox-request-rejected' });
    } else {
      this.o.health.set(OUTBOX_HEALTH_PART, depth === 0 ? { level: 'ok', state: 'synced', detail: 'all requests handed to central' } : { level: 'ok', state: 'sending', detail: 'handing requests to central' });
    }
  }
}
