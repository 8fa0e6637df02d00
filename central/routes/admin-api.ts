// Endpoints for people and systems at central: help-desk status changes,
// the payment gateway's confirmation, maintenance pauses. Bearer token.
import { timingSafeEqual, createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BillingService } from '../billing/billing.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { TicketService } from '../intake/tickets.js';
import { Payment, PaymentConfirmation } from '../../protocol/bills.js';
import { ErrorReply } from '../../protocol/errors.js';
import { KioskState } from '../../protocol/heartbeat.js';
import { Reference, RequestStatusReply, TicketStatusChange } from '../../protocol/requests.js';

export interface AdminApiOptions {
  adminToken: string;
  monitor: FleetMonitor;
  tickets: TicketService;
  billing: BillingService;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export const adminApi: FastifyPluginAsyncTypebox<AdminApiOptions> = async (app, o) => {
  const expected = digest(`Bearer ${o.adminToken}`);
  app.addHook('onRequest', async (request, reply) => {
    // Hash both sides so the compare is constant-time whatever the lengths.
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      return reply.code(401).send({ error: 'unauthorized', message: 'admin endpoints need Authorization: Bearer <adminToken>' });
    }
  });

  const KioskId = Type.String({ pattern: '^[A-Z0-9-]{3,32}$' });

  app.post('/requests/:kioskId/:reference/status', {
    schema: { params: Type.Object({ kioskId: KioskId, reference: Reference }), body: TicketStatusChange, response: { 200: RequestStatusReply, '4xx': ErrorReply } },
  }, async (request, reply) => {
    const r = o.tickets.setStatus(request.params.kioskId, request.params.reference, request.body.status, request.body.note);
    if (!r.ok) return reply.code(r.code === 'not-found' ? 404 : 409).send({ error: r.code === 'not-found' ? 'request-not-found' : 'bad-transition', message: r.message });
    return r.reply;
  });

  app.post('/payments/:paymentId/confirmation', {
    schema: { params: Type.Object({ paymentId: Type.String({ pattern: '^P-\\d{8,}$' }) }), body: PaymentConfirmation, response: { 200: Payment, '4xx': ErrorReply } },
  }, async (request, reply) => {
    const r = o.billing.confirm(request.params.paymentId, request.body);
    if (!r.ok) return reply.code(r.status).send({ error: r.code, message: r.message });
    return r.payment;
  });

  app.post('/kiosks/:kioskId/maintenance', {
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
};
