// Keeps each kiosk's heartbeat state in the database, records every
// transition with its time, and fires the optional webhook on up↔down.
import type { Logger } from 'pino';
import type { KioskEntry } from '../config/schema.js';
import type { Db } from '../db/database.js';
import type { HealthChange, HeartbeatPayload, KioskState } from '../../protocol/heartbeat.js';
import { computeState, historyStrip, isAlertTransition, type Transition } from './state.js';

export interface KioskView {
  id: string;
  site: string;
  name: string;
  circle: string | null;
  substation: string | null;
  state: KioskState;
  stateSince: string;
  lastSeenAt: string | null;
  lastSeenAgeSeconds: number | null;
  periodSeconds: number;
  graceSeconds: number;
  maintenanceUntil: string | null;
  version: string | null;
  healthLevel: 'ok' | 'warning' | 'fault' | null;
  faults: Array<{ part: string; level: string; state: string; detail?: string }>;
  paper: string | null;
  outbox: { depth: number; oldestAgeSeconds: number | null; failures: number } | null;
  system: HeartbeatPayload['system'] | null;
  clockSkewSeconds: number | null;
  transitions: Array<{ at: string; from: KioskState; to: KioskState; reason: string }>;
  recentChanges: HealthChange[];
  /** the last of each self-test the kiosk reported (test page, LED cycle, scan test) */
  selfTests: HeartbeatPayload['selfTests'];
  /** up, but a device is in fault: consumers cannot be served properly */
  cannotServe: boolean;
}

interface KioskRow {
  id: string;
  registered_at: string;
  last_seen_at: string | null;
  last_heartbeat: string | null;
  state: KioskState;
  state_since: string;
  maintenance_until: string | null;
  maintenance_by: 'kiosk' | 'central' | null;
  version: string | null;
}

export interface WebhookEvent {
  kioskId: string;
  site: string;
  name: string;
  from: KioskState;
  to: KioskState;
  at: string;
  lastSeenAt: string | null;
}

export interface MonitorOptions {
  db: Db;
  kiosks: KioskEntry[];
  defaults: { periodSeconds: number; graceSeconds: number };
  now: () => Date;
  log: Logger;
  onAlert?: (event: WebhookEvent) => void;
}

/** A kiosk that asks for maintenance without an end time gets this long. */
export const DEFAULT_MAINTENANCE_MINUTES = 60;

export class FleetMonitor {
  private readonly registry = new Map<string, KioskEntry>();
  private readonly stmts;

  constructor(private readonly o: MonitorOptions) {
    for (const k of o.kiosks) this.registry.set(k.id, k);
    const db = o.db;
    this.stmts = {
      insertKiosk: db.prepare(`INSERT INTO kiosks (id, registered_at, state, state_since) VALUES (?, ?, 'new', ?) ON CONFLICT (id) DO NOTHING`),
      get: db.prepare(`SELECT * FROM kiosks WHERE id = ?`),
      seen: db.prepare(`UPDATE kiosks SET last_seen_at = ?, last_heartbeat = ?, version = ? WHERE id = ?`),
      setMaintenance: db.prepare(`UPDATE kiosks SET maintenance_until = ?, maintenance_by = ? WHERE id = ?`),
      setState: db.prepare(`UPDATE kiosks SET state = ?, state_since = ? WHERE id = ?`),
      insertTransition: db.prepare(`INSERT INTO transitions (kiosk_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)`),
      insertHeartbeat: db.prepare(`INSERT INTO heartbeats (kiosk_id, received_at, sequence, level, outbox_depth, changes) VALUES (?, ?, ?, ?, ?, ?)`),
      transitions: db.prepare(`SELECT at, from_state, to_state, reason FROM transitions WHERE kiosk_id = ? ORDER BY id DESC LIMIT ?`),
      transitionsSince: db.prepare(`SELECT at, from_state, to_state FROM transitions WHERE kiosk_id = ? AND at > ? ORDER BY id`),
      stateAt: db.prepare(`SELECT to_state FROM transitions WHERE kiosk_id = ? AND at <= ? ORDER BY id DESC LIMIT 1`),
      recentChanges: db.prepare(`SELECT changes FROM heartbeats WHERE kiosk_id = ? AND changes IS NOT NULL ORDER BY id DESC LIMIT 5`),
      pruneHeartbeats: db.prepare(`DELETE FROM heartbeats WHERE received_at < ?`),
    };
    const now = o.now().toISOString();
    for (const k of o.kiosks) this.stmts.insertKiosk.run(k.id, now, now);
  }

  entry(id: string): KioskEntry | undefined {
    return this.registry.get(id);
  }

  private timing(k: KioskEntry): { periodSeconds: number; graceSeconds: number } {
    return { periodSeconds: k.periodSeconds ?? this.o.defaults.periodSeconds, graceSeconds: k.graceSeconds ?? this.o.defaults.graceSeconds };
  }

  private row(id: string): KioskRow {
    return this.stmts.get.get(id) as KioskRow;
  }

  /** Stores a verified heartbeat and re-evaluates that kiosk. Returns its state and the clock skew. */
  recordHeartbeat(kioskId: string, hb: HeartbeatPayload): { state: KioskState; clockSkewSeconds: number } {
    const now = this.o.now();
    const at = now.toISOString();
    this.o.db.transaction(() => {
      const row = this.row(kioskId);
      this.stmts.seen.run(at, JSON.stringify(hb), hb.version, kioskId);
      this.stmts.insertHeartbeat.run(kioskId, at, hb.sequence, hb.health.level, hb.outbox.depth, hb.changes.length > 0 ? JSON.stringify(hb.changes) : null);
      if (hb.maintenance.active) {
        const until = hb.maintenance.until ?? new Date(now.getTime() + DEFAULT_MAINTENANCE_MINUTES * 60_000).toISOString();
        this.stmts.setMaintenance.run(until, 'kiosk', kioskId);
      } else if (row.maintenance_by === 'kiosk') {
        // The technician ended it at the kiosk; a pause set from central stays.
        this.stmts.setMaintenance.run(null, null, kioskId);
      }
      this.evaluateOne(kioskId, now, 'heartbeat');
    })();
    return { state: this.row(kioskId).state, clockSkewSeconds: Math.round((now.getTime() - Date.parse(hb.clock)) / 1000) };
  }

  /** Pause (until a time) or resume alerts for a kiosk from central. */
  setMaintenance(kioskId: string, until: Date | null): KioskState {
    const now = this.o.now();
    this.o.db.transaction(() => {
      this.stmts.setMaintenance.run(until ? until.toISOString() : null, until ? 'central' : null, kioskId);
      this.evaluateOne(kioskId, now, until ? 'maintenance-set' : 'maintenance-cleared');
    })();
    return this.row(kioskId).state;
  }

  /** Re-evaluates every kiosk against the clock; called on a timer and by tests. */
  evaluateAll(): void {
    const now = this.o.now();
    this.o.db.transaction(() => {
      for (const id of this.registry.keys()) this.evaluateOne(id, now, 'clock');
    })();
  }

  prune(keepDays: number): void {
    this.stmts.pruneHeartbeats.run(new Date(this.o.now().getTime() - keepDays * 86400_000).toISOString());
  }

  private evaluateOne(id: string, now: Date, cause: string): void {
    const entry = this.registry.get(id);
    if (!entry) return;
    const row = this.row(id);
    const next = computeState({
      lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at) : null,
      maintenanceUntil: row.maintenance_until ? new Date(row.maintenance_until) : null,
      ...this.timing(entry),
    }, now);
    if (next === row.state) return;
    const at = now.toISOString();
    this.stmts.setState.run(next, at, id);
    this.stmts.insertTransition.run(id, at, row.state, next, cause);
    this.o.log.info({ event: 'kiosk-state-change', kioskId: id, from: row.state, to: next, cause }, `kiosk ${id} ${row.state} → ${next}`);
    if (this.o.onAlert && isAlertTransition(row.state, next)) {
      this.o.onAlert({ kioskId: id, site: entry.site, name: entry.name, from: row.state, to: next, at, lastSeenAt: row.last_seen_at });
    }
  }

  /** The state strip for the fleet page: `slots` slices ending now. */
  history(id: string, slots: number, slotMs: number): KioskState[] {
    const now = this.o.now();
    const start = new Date(now.getTime() - slots * slotMs).toISOString();
    const before = this.stmts.stateAt.get(id, start) as { to_state: KioskState } | undefined;
    const rows = this.stmts.transitionsSince.all(id, start) as Array<{ at: string; from_state: KioskState; to_state: KioskState }>;
    const transitions: Transition[] = rows.map((r) => ({ at: new Date(r.at), from: r.from_state, to: r.to_state }));
    return historyStrip(transitions, before?.to_state ?? 'new', now, slots, slotMs);
  }

  list(): KioskView[] {
    return [...this.registry.keys()].map((id) => this.view(id)!);
  }

  view(id: string): KioskView | undefined {
    const entry = this.registry.get(id);
    if (!entry) return undefined;
    const row = this.row(id);
    const now = this.o.now();
    const hb = row.last_heartbeat ? (JSON.parse(row.last_heartbeat) as HeartbeatPayload) : null;
    const faults = hb
      ? Object.entries(hb.health.parts).filter(([, p]) => p.level !== 'ok').map(([part, p]) => ({ part, level: p.level, state: p.state, ...(p.detail ? { detail: p.detail } : {}) }))
      : [];
    const transitions = (this.stmts.transitions.all(id, 10) as Array<{ at: string; from_state: KioskState; to_state: KioskState; reason: string }>)
      .map((t) => ({ at: t.at, from: t.from_state, to: t.to_state, reason: t.reason }));
    const recentChanges = (this.stmts.recentChanges.all(id) as Array<{ changes: string }>)
      .flatMap((r) => JSON.parse(r.changes) as HealthChange[])
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, 10);
    return {
      id,
      site: entry.site,
      name: entry.name,
      circle: entry.circle ?? null,
      substation: entry.substation ?? null,
      state: row.state,
      stateSince: row.state_since,
      lastSeenAt: row.last_seen_at,
      lastSeenAgeSeconds: row.last_seen_at ? Math.max(0, Math.round((now.getTime() - Date.parse(row.last_seen_at)) / 1000)) : null,
      ...this.timing(entry),
      maintenanceUntil: row.maintenance_until,
      version: row.version,
      healthLevel: hb?.health.level ?? null,
      faults,
      paper: hb?.printer.paper ?? null,
      outbox: hb ? hb.outbox : null,
      system: hb?.system ?? null,
      // A kiosk that corrects its time by central's reports how far its own clock is off; older kiosks are measured here.
      clockSkewSeconds: hb && typeof hb.measuredSkewSeconds === 'number' ? hb.measuredSkewSeconds
        : hb && row.last_seen_at ? Math.round((Date.parse(row.last_seen_at) - Date.parse(hb.clock)) / 1000) : null,
      transitions,
      recentChanges,
      selfTests: hb?.selfTests ?? [],
      // not up (down, late, new, maintenance), or up with a device in fault
      cannotServe: row.state !== 'up' || hb?.health.level === 'fault',
    };
  }
}
