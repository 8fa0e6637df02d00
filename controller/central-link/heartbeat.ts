// Signed heartbeat every central.heartbeatSeconds with the kiosk's health.
// Failures are counted and shown in health. Missed heartbeats are never
// replayed: the next delivered one carries the state changes since the last
// delivered one (ChangeLog), so central learns what happened, once.
import type { HeartbeatPayload, HeartbeatReply, PaperState, SelfTest, SystemInfo } from '../../protocol/heartbeat.js';
import type { EventBus } from '../events/bus.js';
import type { DeviceHealth } from '../health/model.js';
import type { HealthRegistry } from '../health/registry.js';
import type { Logger } from '../log/logger.js';
import { maskMobilesInText } from '../log/mask.js';
import type { ChangeLog, ChangeLogState } from './changes.js';
import { describeError, type CentralClient, type CentralResult } from './client.js';
import type { Timers } from './timers.js';

export const CENTRAL_HEALTH_PART = 'central';
const PART_NAME = /^[a-z0-9-]{1,48}$/;
/** Skew beyond this is logged: a Pi without RTC and without NTP drifts or restarts in 1970. */
const SKEW_WARN_SECONDS = 120;

export interface HeartbeatInputs {
  kioskId: string;
  sequence: number;
  version: string;
  uptimeSeconds: number;
  now: Date;
  periodSeconds: number;
  health: { level: DeviceHealth['level']; parts: Record<string, DeviceHealth> };
  lastScanAt: Date | null;
  uiLastSeenAt: Date | null;
  printerInfo?: { confirm: 'gs-r' | 'status' | 'none' | 'unknown'; copies: number };
  outbox: { depth: number; oldestAgeSeconds: number | null; failures: number };
  selfTests: SelfTest[];
  maintenanceUntil: Date | null;
  system: SystemInfo;
  changes: ChangeLogState;
  failedSince: number;
  /** central's clock minus the kiosk's, measured from signed replies; null before the first */
  clockSkewSeconds?: number | null;
}

/** UI counts as alive when the touchscreen app checked in within three periods. */
export function uiAlive(lastSeen: Date | null, now: Date, periodSeconds: number): boolean {
  return lastSeen !== null && now.getTime() - lastSeen.getTime() <= 3 * periodSeconds * 1000;
}

export function paperState(printer: DeviceHealth | undefined): PaperState {
  if (!printer) return 'unknown';
  if (printer.state === 'paper-end') return 'out';
  if (printer.state === 'paper-near-end') return 'near-end';
  if (printer.state === 'ready') return 'ok';
  return 'unknown';
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
// A device detail may quote a number typed by a consumer: it must not leave the kiosk.
const safeDetail = (d: string | undefined) => (d === undefined ? {} : { detail: clip(maskMobilesInText(d), 300) });

/** Pure: the payload central receives. Mobiles in any detail text are masked here, whatever the source. */
export function buildHeartbeat(i: HeartbeatInputs): HeartbeatPayload {
  const parts: HeartbeatPayload['health']['parts'] = {};
  for (const [name, p] of Object.entries(i.health.parts)) {
    if (!PART_NAME.test(name) || !PART_NAME.test(p.state)) continue;
    parts[name] = { level: p.level, state: p.state, since: p.since, ...safeDetail(p.detail) };
  }
  return {
    kioskId: i.kioskId,
    sequence: i.sequence,
    version: clip(i.version, 40),
    uptimeSeconds: Math.max(0, Math.floor(i.uptimeSeconds)),
    clock: i.now.toISOString(),
    periodSeconds: i.periodSeconds,
    health: { level: i.health.level, parts },
    printer: { paper: paperState(i.health.parts.printer), ...(i.printerInfo ? { confirm: i.printerInfo.confirm, copies: i.printerInfo.copies } : {}) },
    lastScanAt: i.lastScanAt ? i.lastScanAt.toISOString() : null,
    // The kiosk's own liveness rule (health part `ui`, ui.livenessTimeoutSeconds) decides when present.
    ui: { alive: i.health.parts.ui ? i.health.parts.ui.state === 'running' : uiAlive(i.uiLastSeenAt, i.now, i.periodSeconds), lastSeenAt: i.uiLastSeenAt ? i.uiLastSeenAt.toISOString() : null },
    outbox: i.outbox,
    selfTests: i.selfTests.slice(-16).map((t) => ({ name: t.name, ok: t.ok, at: t.at, ...safeDetail(t.detail) })),
    maintenance: { active: i.maintenanceUntil !== null && i.maintenanceUntil.getTime() > i.now.getTime(), until: i.maintenanceUntil ? i.maintenanceUntil.toISOString() : null },
    system: i.system,
    changes: i.changes.changes.map((c) => ({ part: c.part, level: c.level, state: c.state, at: c.at, ...safeDetail(c.detail) })),
    droppedChanges: i.changes.dropped,
    failedSince: i.failedSince,
    measuredSkewSeconds: i.clockSkewSeconds ?? null,
  };
}

export interface HeartbeatSenderOptions {
  kioskId: string;
  version: string;
  periodSeconds: number;
  bus: EventBus;
  health: HealthRegistry;
  log: Logger;
  now: () => Date;
  timers: Timers;
  client: Pick<CentralClient, 'sendHeartbeat'>;
  changeLog: ChangeLog;
  backlog: () => { depth: number; oldestAgeSeconds: number | null };
  outboxFailures: () => number;
  systemInfo: () => Promise<SystemInfo>;
  uiLastSeenAt?: () => Date | null;
  printerInfo?: () => { confirm: 'gs-r' | 'status' | 'none' | 'unknown'; copies: number };
  selfTests?: () => SelfTest[];
  /** delay of the prompt heartbeat after a part's change (default 2000 ms) */
  promptDelayMs?: number;
  clockSkewSeconds?: () => number | null;
  /** called after the change log or delivery time changed, to persist them */
  persist?: () => void;
  startedAt?: Date;
}

export class HeartbeatSender {
  private timer: unknown = null;
  private promptTimer: unknown = null;
  /** part levels and states in the last heartbeat built: a change against these is sent promptly */
  private readonly reported = new Map<string, { level: string; state: string }>();
  private inFlight: Promise<boolean> | null = null;
  private stopped = true;
  private sequence = 0;
  private lastScan: Date | null = null;
  private maintenanceUntil: Date | null = null;
  private readonly startedAt: Date;
  /** heartbeats that failed since the last delivered one */
  failedSince = 0;
  /** all failed heartbeats since start */
  failuresTotal = 0;
  lastDeliveredAt: Date | null = null;
  lastReply: HeartbeatReply | null = null;

  constructor(private readonly o: HeartbeatSenderOptions) {
    this.startedAt = o.startedAt ?? o.now();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.o.bus.on(this, 'device-status', ({ device, health }) => {
      if (!PART_NAME.test(device) || !PART_NAME.test(health.state)) return;
      this.o.changeLog.record({ part: device, level: health.level, state: health.state, at: health.since, ...(health.detail ? { detail: health.detail } : {}) });
      this.o.persist?.();
      // A level or state change reaches central within seconds, not at the next period.
      const before = this.reported.get(device);
      if (!before || before.level !== health.level || before.state !== health.state) this.soon();
    });
    this.o.bus.on(this, 'scan', (scan) => {
      const at = new Date(scan.at);
      if (!Number.isNaN(at.getTime())) this.lastScan = at;
    });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.o.bus.removeListeners(this);
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    if (this.promptTimer !== null) this.o.timers.clearTimeout(this.promptTimer);
    this.timer = null;
    this.promptTimer = null;
    await this.inFlight;
  }

  /** Technician's maintenance window: sent at once so central pauses alerts now. */
  setMaintenance(until: Date | null): Promise<boolean> {
    this.maintenanceUntil = until;
    return this.sendNow();
  }

  get maintenance(): Date | null {
    return this.maintenanceUntil;
  }

  /**
   * Debounced prompt heartbeat: within `promptDelayMs` (default 2 s) of the
   * first change, carrying every change made meanwhile; a burst is one beat.
   */
  soon(): void {
    if (this.stopped || this.promptTimer !== null) return;
    this.promptTimer = this.o.timers.setTimeout(() => {
      this.promptTimer = null;
      void this.sendNow();
    }, this.o.promptDelayMs ?? 2000);
  }

  /** Sends one heartbeat now (joins one already in flight). True when central accepted it. */
  sendNow(): Promise<boolean> {
    if (!this.inFlight) this.inFlight = this.beat().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      void this.sendNow().finally(() => this.schedule(this.o.periodSeconds * 1000));
    }, ms);
  }

  private async beat(): Promise<boolean> {
    const now = this.o.now();
    const sent = this.o.changeLog.pending();
    let system: SystemInfo;
    try {
      system = await this.o.systemInfo();
    } catch (err) {
      this.o.log.warn({ event: 'heartbeat-system-info-failed', err }, 'system info unavailable');
      system = { diskFreeBytes: null, diskTotalBytes: null, memAvailableBytes: 0, memTotalBytes: 0, cpuTempC: null, throttle: null };
    }
    const snapshot = this.o.health.snapshot();
    for (const [part, p] of Object.entries(snapshot.parts)) this.reported.set(part, { level: p.level, state: p.state });
    const payload = buildHeartbeat({
      kioskId: this.o.kioskId,
      sequence: ++this.sequence,
      version: this.o.version,
      uptimeSeconds: (now.getTime() - this.startedAt.getTime()) / 1000,
      now,
      periodSeconds: this.o.periodSeconds,
      health: snapshot,
      lastScanAt: this.lastScan,
      uiLastSeenAt: this.o.uiLastSeenAt?.() ?? null,
      ...(this.o.printerInfo ? { printerInfo: this.o.printerInfo() } : {}),
      outbox: { ...this.o.backlog(), failures: this.o.outboxFailures() },
      selfTests: this.o.selfTests?.() ?? [],
      maintenanceUntil: this.maintenanceUntil,
      system,
      changes: sent,
      failedSince: this.failedSince,
      clockSkewSeconds: this.o.clockSkewSeconds?.() ?? null,
    });
    const res: CentralResult<HeartbeatReply> = await this.o.client.sendHeartbeat(payload);
    if (!res.ok) {
      this.failedSince += 1;
      this.failuresTotal += 1;
      if (this.failedSince === 1) this.o.log.warn({ event: 'heartbeat-failed', error: describeError(res.error) }, 'heartbeat not delivered');
      this.o.health.set(CENTRAL_HEALTH_PART, { level: 'warning', state: 'unreachable', detail: describeError(res.error) });
      return false;
    }
    if (this.failedSince > 0) {
      this.o.log.info({ event: 'heartbeat-restored', missed: this.failedSince, changes: sent.changes.length }, 'central reachable again');
    }
    this.failedSince = 0;
    this.lastDeliveredAt = now;
    this.lastReply = res.value;
    this.o.changeLog.acknowledge(sent);
    if (Math.abs(res.value.clockSkewSeconds) > SKEW_WARN_SECONDS) {
      this.o.log.warn({ event: 'heartbeat-clock-skew', skewSeconds: res.value.clockSkewSeconds }, 'kiosk clock differs from central');
    }
    this.o.health.set(CENTRAL_HEALTH_PART, { level: 'ok', state: 'connected', detail: 'heartbeats delivered' });
    this.o.persist?.();
    return true;
  }
}
