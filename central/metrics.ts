// Prometheus metrics for Alertmanager: per-kiosk state, last-seen age and
// backlog, computed from the monitor at scrape time. One registry per central
// instance, so tests can run several side by side.
import { Counter, Gauge, Registry } from 'prom-client';
import type { FleetMonitor } from './fleet/monitor.js';
import type { HelpDeskHealth } from './helpdesk/sync.js';
import type { TicketService } from './intake/tickets.js';
import type { KioskState } from '../protocol/heartbeat.js';

const STATES: KioskState[] = ['new', 'up', 'late', 'down', 'maintenance'];

export interface CentralMetrics {
  registry: Registry;
  authFailures: Counter<'reason'>;
  heartbeats: Counter<'kiosk'>;
  requestsReceived: Counter<'kiosk' | 'outcome'>;
}

export function createMetrics(monitor: FleetMonitor, tickets: TicketService, helpdesk?: { health: () => HelpDeskHealth; now: () => Date }): CentralMetrics {
  const registry = new Registry();
  const labels = ['kiosk', 'site'] as const;

  new Gauge({
    name: 'ecorner_kiosk_state',
    help: 'Heartbeat state of each kiosk: 1 for the current state, 0 for the others.',
    labelNames: [...labels, 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) for (const s of STATES) this.set({ kiosk: k.id, site: k.site, state: s }, k.state === s ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ecorner_kiosk_last_seen_age_seconds',
    help: 'Seconds since the last accepted heartbeat; absent for a kiosk never seen.',
    labelNames: labels,
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) if (k.lastSeenAgeSeconds !== null) this.set({ kiosk: k.id, site: k.site }, k.lastSeenAgeSeconds);
    },
  });
  new Gauge({
    name: 'ecorner_kiosk_heartbeat_period_seconds',
    help: 'Expected heartbeat period of each kiosk.',
    labelNames: labels,
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) this.set({ kiosk: k.id, site: k.site }, k.periodSeconds);
    },
  });
  new Gauge({
    name: 'ecorner_kiosk_outbox_depth',
    help: 'Requests stored at the kiosk and not yet handed to central, as last reported.',
    labelNames: labels,
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) if (k.outbox) this.set({ kiosk: k.id, site: k.site }, k.outbox.depth);
    },
  });
  new Gauge({
    name: 'ecorner_kiosk_outbox_oldest_age_seconds',
    help: 'Age of the oldest request not yet handed to central, as last reported.',
    labelNames: labels,
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) if (k.outbox?.oldestAgeSeconds != null) this.set({ kiosk: k.id, site: k.site }, k.outbox.oldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'ecorner_kiosk_device_faults',
    help: 'Kiosk parts reporting warning or fault in the last heartbeat.',
    labelNames: labels,
    registers: [registry],
    collect() {
      this.reset();
      for (const k of monitor.list()) if (k.healthLevel !== null) this.set({ kiosk: k.id, site: k.site }, k.faults.length);
    },
  });
  new Gauge({
    name: 'ecorner_central_tickets',
    help: 'Help-desk tickets held by central, per kiosk.',
    labelNames: ['kiosk'],
    registers: [registry],
    collect() {
      this.reset();
      const counts = tickets.counts().byKiosk;
      for (const k of monitor.list()) this.set({ kiosk: k.id }, counts.get(k.id) ?? 0);
    },
  });

  if (helpdesk) {
    new Gauge({
      name: 'ecorner_central_helpdesk_up',
      help: 'Whether the last round reached the help desk (1) or not (0: unreachable or not set up).',
      labelNames: ['helpdesk'],
      registers: [registry],
      collect() {
        const h = helpdesk.health();
        this.reset();
        this.set({ helpdesk: h.kind }, h.state === 'ok' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ecorner_central_helpdesk_pending',
      help: 'Requests central holds that the help desk does not have yet.',
      registers: [registry],
      collect() {
        this.set(helpdesk.health().pending);
      },
    });
    new Gauge({
      name: 'ecorner_central_helpdesk_oldest_pending_age_seconds',
      help: 'Age of the oldest request waiting to be handed to the help desk; 0 when none waits.',
      registers: [registry],
      collect() {
        const oldest = helpdesk.health().oldestPendingAt;
        this.set(oldest ? Math.max(0, (helpdesk.now().getTime() - Date.parse(oldest)) / 1000) : 0);
      },
    });
  }

  return {
    registry,
    authFailures: new Counter({ name: 'ecorner_central_auth_failures_total', help: 'Kiosk requests refused with 401, by reason.', labelNames: ['reason'], registers: [registry] }),
    heartbeats: new Counter({ name: 'ecorner_central_heartbeats_received_total', help: 'Heartbeats accepted, per kiosk.', labelNames: ['kiosk'], registers: [registry] }),
    requestsReceived: new Counter({ name: 'ecorner_central_requests_received_total', help: 'Request hand-overs answered, per kiosk and outcome (created, repeat, conflict).', labelNames: ['kiosk', 'outcome'], registers: [registry] }),
  };
}
