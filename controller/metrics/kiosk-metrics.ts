// The kiosk's Prometheus metrics (prom-client), served on the technician
// listener at /metrics. Gauges are computed at scrape time from the health
// registry and the outbox; counters follow the event bus. No label ever
// carries a mobile number or a scanned value: labels are part names,
// service ids from the catalogue, scan kinds and receipt states only.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { EventBus } from '../events/bus.js';
import type { HealthRegistry } from '../health/registry.js';

const LEVEL_VALUE = { ok: 0, warning: 1, fault: 2 } as const;

export interface KioskMetricsSources {
  bus: EventBus;
  health: HealthRegistry;
  serviceIds: readonly string[];
  backlog: () => { depth: number; oldestAgeSeconds: number | null };
  heartbeatFailuresTotal: () => number;
  eventLoopLagMs: () => number;
  uiLastSeenAt: () => Date | null;
  maintenanceActive: () => boolean;
  now: () => Date;
}

export class KioskMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'service' | 'outcome'>;
  private readonly owner = {};

  constructor(private readonly s: KioskMetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'ecorner_kiosk_' });
    // prom-client names these gauges *_total, which promtool's lint rejects; the handle and
    // resource counts say little on a kiosk, so they are left out rather than renamed.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(`ecorner_kiosk_${name}`);
    new Gauge({
      name: 'ecorner_part_level',
      help: 'Health level of each part of the kiosk: 0 ok, 1 warning, 2 fault.',
      labelNames: ['part'],
      registers,
      collect() {
        this.reset();
        for (const [part, h] of Object.entries(s.health.snapshot().parts)) this.set({ part }, LEVEL_VALUE[h.level]);
      },
    });
    new Gauge({
      name: 'ecorner_outbox_depth',
      help: 'Requests stored on the kiosk and not yet handed to central.',
      registers,
      collect() {
        this.set(s.backlog().depth);
      },
    });
    new Gauge({
      name: 'ecorner_outbox_oldest_age_seconds',
      help: 'Age of the oldest request not yet handed to central (0 when none waits).',
      registers,
      collect() {
        this.set(s.backlog().oldestAgeSeconds ?? 0);
      },
    });
    let failuresSeen = 0;
    new Counter({
      name: 'ecorner_heartbeat_failures_total',
      help: 'Heartbeats that did not reach central since the controller started.',
      registers,
      collect() {
        const total = s.heartbeatFailuresTotal();
        if (total > failuresSeen) this.inc(total - failuresSeen);
        failuresSeen = Math.max(failuresSeen, total);
      },
    });
    new Gauge({
      name: 'ecorner_health_loop_lag_seconds',
      help: 'How late the health loop last ran: the event loop responsiveness the watchdog checks.',
      registers,
      collect() {
        this.set(s.eventLoopLagMs() / 1000);
      },
    });
    new Gauge({
      name: 'ecorner_ui_last_seen_age_seconds',
      help: 'Seconds since the touchscreen page last checked in (-1 when never seen since start).',
      registers,
      collect() {
        const at = s.uiLastSeenAt();
        this.set(at ? Math.max(0, (s.now().getTime() - at.getTime()) / 1000) : -1);
      },
    });
    new Gauge({
      name: 'ecorner_maintenance',
      help: '1 while a technician maintenance window is open.',
      registers,
      collect() {
        this.set(s.maintenanceActive() ? 1 : 0);
      },
    });
    this.requests = new Counter({ name: 'ecorner_requests_total', help: 'Consumer submissions by service and outcome (accepted, rejected, failed).', labelNames: ['service', 'outcome'], registers });
    const scans = new Counter({ name: 'ecorner_scans_total', help: 'Scans by kind of code.', labelNames: ['kind'], registers });
    const receipts = new Counter({ name: 'ecorner_receipt_states_total', help: 'Receipt state changes by new state (printed, waiting, failed, …).', labelNames: ['state'], registers });
    const jobs = new Counter({ name: 'ecorner_print_jobs_total', help: 'Receipts that reached a final print outcome (printed or failed).', labelNames: ['outcome'], registers });
    s.bus.on(this.owner, 'scan', (scan) => scans.inc({ kind: scan.kind }));
    s.bus.on(this.owner, 'receipt-state', (r) => {
      const state = /^[a-z-]{1,24}$/.test(r.state) ? r.state : 'other';
      receipts.inc({ state });
      if (state === 'printed' || state === 'failed') jobs.inc({ outcome: state });
    });
  }

  /** Counts POST /api/requests outcomes on the consumer app (service from the catalogue only). */
  observeConsumerApp(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      if (req.method !== 'POST' || req.routeOptions.url !== '/api/requests') return;
      const body = req.body as { service?: unknown } | undefined;
      const service = typeof body?.service === 'string' && this.s.serviceIds.includes(body.service) ? body.service : 'unknown';
      const outcome = reply.statusCode < 300 ? 'accepted' : reply.statusCode < 500 ? 'rejected' : 'failed';
      this.requests.inc({ service, outcome });
    });
  }

  stop(): void {
    this.s.bus.removeListeners(this.owner);
  }
}
