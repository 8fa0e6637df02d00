// The kiosk's link to central: one object main.ts starts and stops. Inert
// until start(); the constructor only stores dependencies.
import path from 'node:path';
import type { SelfTest } from '../../central/protocol/heartbeat.js';
import type { KioskContext } from '../context.js';
import type { OutboxStore } from '../store/types.js';
import { ChangeLog } from './changes.js';
import { CentralClient } from './client.js';
import { HeartbeatSender } from './heartbeat.js';
import { Outbox } from './outbox.js';
import { LinkStateFile, type LinkState } from './state-file.js';
import { collectSystemInfo, type SystemInfoOptions } from './system-info.js';
import { realTimers, type Timers } from './timers.js';

export { CentralClient, describeError, isRetryable, type CentralError, type CentralResult } from './client.js';

export interface CentralLinkOptions {
  /** central's address when it is not config.central.url (the simulator's local central); config stays as loaded */
  baseUrl?: string;
  /** defaults to global fetch */
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
  /** where the link keeps its cursor and undelivered changes (default <dataDir>/central-link.json) */
  stateFile?: string;
  /** fake /sys, /proc and vcgencmd for tests */
  systemInfo?: Partial<SystemInfoOptions>;
  uiLastSeenAt?: () => Date | null;
  selfTests?: () => SelfTest[];
  retryBaseMs?: number;
  statusPollSeconds?: number;
}

export class CentralLink {
  readonly client: CentralClient;
  private outboxImpl: Outbox | null = null;
  private heartbeatImpl: HeartbeatSender | null = null;
  private readonly stateFile: LinkStateFile;
  private state: LinkState | null = null;

  constructor(private readonly ctx: KioskContext, private readonly store: OutboxStore, private readonly options: CentralLinkOptions = {}) {
    const c = ctx.config.central;
    this.client = new CentralClient({ baseUrl: options.baseUrl ?? c.url, kioskId: ctx.config.kiosk.id, secret: c.kioskSecret, timeoutMs: c.requestTimeoutMs, now: ctx.now, ...(options.fetch ? { fetch: options.fetch } : {}) });
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
      ...(this.options.selfTests ? { selfTests: this.options.selfTests } : {}),
      persist,
    });
    // New requests go out at once instead of waiting for the next pass.
    bus.on(this, 'request-created', () => this.outboxImpl?.kick());
    this.heartbeatImpl.start();
    this.outboxImpl.start();
    log.info({ event: 'central-link-started', url: this.options.baseUrl ?? config.central.url, heartbeatSeconds: config.central.heartbeatSeconds }, 'central link started');
  }

  async stop(): Promise<void> {
    this.ctx.bus.removeListeners(this);
    await this.outboxImpl?.stop();
    await this.heartbeatImpl?.stop();
    if (this.state) await this.stateFile.save(this.state).catch(() => undefined);
    this.outboxImpl = null;
    this.heartbeatImpl = null;
  }

  /** Technician set (or ended, with null) a maintenance window at the kiosk. */
  setMaintenance(until: Date | null): Promise<boolean> {
    return this.heartbeat.setMaintenance(until);
  }
}
