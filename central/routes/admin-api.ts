// Endpoints for people at central: help-desk status changes, maintenance
// pauses, payment and audit views. Each names the role it needs; every
// state-changing call is audited (operators/access.ts). Payments have no
// endpoint here that changes them: only the gateway's signed callback does.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BillingService } from '../billing/billing.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { TicketService } from '../intake/tickets.js';
import { registerOperatorAccess, requireRole, type OperatorDirectory } from '../operators/access.js';
import type { AuditLog } from '../operators/audit.js';
import { Payment, PaymentId } from '../../protocol/bills.js';
import { ErrorReply } from '../../protocol/errors.js';
import { KioskState } from '../../protocol/heartbeat.js';
import { Reference, RequestStatusReply, TicketStatusChange } from '../../protocol/requests.js';

export interface AdminApiOptions {
  operators: OperatorDirectory;
  audit: AuditLog;
  monitor: FleetMonitor;
  tickets: TicketService;
  billing: BillingService;
}

export const adminApi: FastifyPluginAsyncTypebox<AdminApiOptions> = async (app, o) => {
  registerOperatorAccess(app, o.operators, o.audit);
  const KioskId = Type.String({ pattern: '^[A-Z0-9-]{3,32}$' });

  app.post('/requests/:kioskId/:reference/status', {
    preHandler: requireRole('helpdesk'),
    schema: { params: Type.Object({ kioskId: KioskId, reference: Reference }), body: TicketStatusChange, response: { 200: RequestStatusReply, '4xx': ErrorReply } },
  }, async (request, reply) => {
    const r = o.tickets.setStatus(request.params.kioskId, request.params.reference, request.body.status, request.body.note);
    if (!r.ok) return reply.code(r.code === 'not-found' ? 404 : 409).send({ error: r.code === 'not-found' ? 'request-not-found' : 'bad-transition', message: r.message });
    return r.reply;
  });

  app.post('/kiosks/:kioskId/maintenance', {
    preHandler: requireRole('admin'),
    schema: {
      params: Type.Object({ kioskId: KioskId }),
      body: Type.Object({ until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) }, { additionalProperties: false }),
      response: { 200: Type.Object({ kioskId: Type.String(), state: KioskState }), '4xx': ErrorReply },
    },
  }, async (request, reply) => {
    if (!o.monitor.entry(request.params.kioskId)) return reply.code(404).send({ error: 'kiosk-not-found', message: `kiosk ${request.params.kioskId} is not registered` });
    const state = o.monitor.setMaintenance(request.params.kioskId, request.body.until ? new Date(request.body.until) : null);
    return { kioskId: request.params.kioskId, state };
  });

  app.get('/payments/:paymentId', {
    preHandler: requireRole('admin'),
    schema: { params: Type.Object({ paymentId: PaymentId }), response: { 200: Payment, '4xx': ErrorReply } },
  }, async (request, reply) => {
    const p = o.billing.findPayment(request.params.paymentId);
    if (!p) return reply.code(404).send({ error: 'payment-not-found', message: `no payment ${request.params.paymentId}` });
    return p;
  });

  app.get('/audit', { preHandler: requireRole('admin') }, async () => ({ entries: o.audit.list(500) }));
};
