// The kiosk's link to central: one object main.ts starts and stops. Inert
// until start(); the constructor only stores dependencies.
import path from 'node:path';
import type { SelfTest } from '../../protocol/heartbeat.js';
import type { KioskContext } from '../context.js';
import type { OutboxStore } from '../store/types.js';
import { ChangeLog } from './changes.js';
import { CentralClient } from './client.js';
import { HeartbeatSender } from './heartbeat.js';
import { Outbox } from './outbox.js';
import { LinkStateFile, type LinkState } from './state-file.js';
import { collectSystemInfo, type SystemInfoOptions } from './system-info.js';
import { realTimers, type Timers } from './timers.js';
import { SKEW_WARNING_SECONDS, type CentralClock } from './clock.js';

export const CLOCK_HEALTH_PART = 'clock';

export { CentralClient, describeError, isRetryable, type CentralError, type CentralResult } from './client.js';

export interface CentralLinkOptions {
  /** defaults to global fetch */
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
  /** where the link keeps its cursor and undelivered changes (default <dataDir>/central-link.json) */
  stateFile?: string;
  /** fake /sys, /proc and vcgencmd for tests */
  systemInfo?: Partial<SystemInfoOptions>;
  uiLastSeenAt?: () => Date | null;
  /** the printer's confirmation method and marked copies, for heartbeats */
  printerInfo?: () => { confirm: 'gs-r' | 'status' | 'none' | 'unknown'; copies: number };
  selfTests?: () => SelfTest[];
  retryBaseMs?: number;
  statusPollSeconds?: number;
  /** the kiosk's clock corrected by central's time; its `local` must be the kiosk's own clock */
  clock?: CentralClock;
}

export class CentralLink {
  readonly client: CentralClient;
  private outboxImpl: Outbox | null = null;
  private heartbeatImpl: HeartbeatSender | null = null;
  private readonly stateFile: LinkStateFile;
  private state: LinkState | null = null;

  constructor(private readonly ctx: KioskContext, private readonly store: OutboxStore, private readonly options: CentralLinkOptions = {}) {
    const c = ctx.config.central;
    this.client = new CentralClient({
      baseUrl: c.url, kioskId: ctx.config.kiosk.id, secret: c.kioskSecret, timeoutMs: c.requestTimeoutMs, now: ctx.now,
      onEpoch: (epoch) => this.onVerifiedReply(epoch),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.stateFile = new LinkStateFile(options.stateFile ?? path.join(path.resolve(ctx.config.dataDir), 'central-link.json'));
  }

  get outbox(): Outbox {
    if (!this.outboxImpl) throw new Error('CentralLink not started');
    return this.outboxImpl;
  }

  get heartbeat(): HeartbeatSender {
    if (!this.heartbeatImpl) throw new Error('CentralLink not started');
    return this.heartbeatImpl;
  }

  async start(): Promise<void> {
    if (this.outboxImpl) return;
    const { config, log, health, bus, now, version } = this.ctx;
    const loaded = await this.stateFile.load();
    if (loaded.problem) log.warn({ event: 'central-link-state-reset', problem: loaded.problem }, 'central link state reset');
    const state = (this.state = loaded.state);
    const changeLog = new ChangeLog({ changes: state.changes, dropped: state.droppedChanges });
    const timers = this.options.timers ?? realTimers;
    const persist = () => {
      const pending = changeLog.pending();
      state.changes = pending.changes;
      state.droppedChanges = pending.dropped;
      state.lastDeliveredAt = this.heartbeatImpl?.lastDeliveredAt?.toISOString() ?? state.lastDeliveredAt;
      this.stateFile.save(state).catch((err: Error) => log.warn({ event: 'central-link-state-write-failed', err }, 'could not save central link state'));
    };

    this.outboxImpl = new Outbox({
      store: this.store,
      client: this.client,
      health,
      log,
      now,
      timers,
      random: this.options.random ?? Math.random,
      retryMaxSeconds: config.central.retryMaxSeconds,
      ...(this.options.retryBaseMs !== undefined ? { retryBaseMs: this.options.retryBaseMs } : {}),
      ...(this.options.statusPollSeconds !== undefined ? { statusPollSeconds: this.options.statusPollSeconds } : {}),
      cursor: {
        get: () => state.statusCursor,
        set: (next) => {
          state.statusCursor = next;
          return this.stateFile.save(state);
        },
      },
    });
    const sys: SystemInfoOptions = { diskPath: path.resolve(config.dataDir), ...this.options.systemInfo };
    this.heartbeatImpl = new HeartbeatSender({
      kioskId: config.kiosk.id,
      version,
      periodSeconds: config.central.heartbeatSeconds,
      bus,
      health,
      log,
      now,
      timers,
      client: this.client,
      changeLog,
      backlog: () => this.store.backlog(now()),
      outboxFailures: () => this.outboxImpl?.failures ?? 0,
      systemInfo: () => collectSystemInfo(sys),
      ...(this.options.uiLastSeenAt ? { uiLastSeenAt: this.options.uiLastSeenAt } : {}),
      ...(this.options.printerInfo ? { printerInfo: this.options.printerInfo } : {}),
      ...(this.options.selfTests ? { selfTests: this.options.selfTests } : {}),
      clockSkewSeconds: () => this.client.clock.skewSeconds,
      persist,
    });
    // New requests go out at once instead of waiting for the next pass.
    bus.on(this, 'request-created', () => this.outboxImpl?.kick());
    this.heartbeatImpl.start();
    this.outboxImpl.start();
    log.info({ event: 'central-link-started', url: config.central.url, heartbeatSeconds: config.central.heartbeatSeconds }, 'central link started');
  }

  async stop(): Promise<void> {
    this.ctx.bus.removeListeners(this);
    await this.outboxImpl?.stop();
    await this.heartbeatImpl?.stop();
    if (this.state) await this.stateFile.save(this.state).catch(() => undefined);
    this.outboxImpl = null;
    this.heartbeatImpl = null;
  }

  /**
   * The kiosk's clock against central's, as measured from signed replies:
   * for health, heartbeats and the technician page.
   */
  get clock(): { skewSeconds: number | null; measuredAt: string | null; epoch: string | null } {
    return { skewSeconds: this.client.clock.skewSeconds, measuredAt: this.client.clock.measuredAt?.toISOString() ?? null, epoch: this.state?.epoch ?? null };
  }

  // Every verified reply: clock health, and a new epoch means central lost
  // (wiped or restored) what it held.
  private onVerifiedReply(epoch: string): void {
    const skew = this.client.clock.skewSeconds;
    if (skew !== null) {
      const minutes = Math.round(Math.abs(skew) / 60);
      this.ctx.health.set(CLOCK_HEALTH_PART, Math.abs(skew) > SKEW_WARNING_SECONDS
        ? { level: 'warning', state: 'skewed', detail: `kiosk clock is about ${minutes} min ${skew > 0 ? 'behind' : 'ahead of'} central; signing with central's time (check NTP)` }
        : { level: 'ok', state: 'in-sync', detail: 'within a minute of central' });
    }
    const state = this.state;
    if (!state || state.epoch === epoch) return;
    const previous = state.epoch ?? null;
    state.epoch = epoch;
    if (previous === null) {
      // First signed contact (or a kiosk from before epochs): nothing to redo.
      this.stateFile.save(state).catch(() => undefined);
      return;
    }
    state.statusCursor = 0;
    this.stateFile.save(state).catch((err: Error) => this.ctx.log.warn({ event: 'central-link-state-write-failed', err }, 'could not save central link state'));
    void this.store.requeueAll().then((n) => {
      this.ctx.log.warn({ event: 'central-epoch-changed', from: previous, to: epoch, reoffered: n }, `central's database changed (epoch ${previous} → ${epoch}); re-offering ${n} request(s) and re-reading statuses`);
      this.outboxImpl?.kick();
    }, (err: Error) => this.ctx.log.error({ event: 'central-epoch-requeue-failed', err }, 'could not re-queue requests after central changed'));
  }

  /** Technician set (or ended, with null) a maintenance window at the kiosk. */
  setMaintenance(until: Date | null): Promise<boolean> {
    return this.heartbeat.setMaintenance(until);
  }
}
