// What the consumer API shows of a stored request: the mobile is masked,
// the due rule is spelled out in both languages.
import type { KioskConfig, Timeline } from '../../config/schema.js';
import { maskMobile } from '../log/mask.js';
import { timelineKey } from '../services/due-date.js';
import type { ServiceSpec } from '../services/types.js';
import type { StoredRequest } from '../store/types.js';
import type { RequestLookupReply } from '../../protocol/requests.js';

/** The rule in words, where the number comes from, whether the clock starts at a complete application, and the compensation a late request may earn. */
function dueRule(timeline: Timeline) {
  return {
    ...timeline.rule,
    source: timeline.source,
    countsFrom: timeline.countsFrom,
    compensation: timeline.compensation ? { perDay: timeline.compensation.perDay, currency: timeline.compensation.currency, confirmed: timeline.compensation.confirmed } : null,
  };
}

/** A request made at another kiosk, as central describes it: no receipt here, no personal fields. */
export function remoteRequestView(reply: RequestLookupReply, catalogue: readonly ServiceSpec[], config: Pick<KioskConfig, 'timelines'>) {
  const service = catalogue.find((s) => s.id === reply.service);
  const timeline = service?.timeline ? config.timelines[service.timeline] : undefined;
  return {
    reference: reply.reference,
    service: reply.service,
    serviceName: service?.name ?? { en: reply.service, hi: reply.service },
    createdAt: reply.createdAt,
    dueBy: reply.dueBy,
    ...(timeline ? { dueRule: dueRule(timeline) } : {}),
    origin: { kioskId: reply.kioskId },
    central: { state: 'synced' as const, ticket: reply.ticket, status: reply.status },
    history: reply.history,
  };
}

/**
 * A request of this kiosk with what central knows now: the help desk's
 * status and the staff's last reply to the consumer. The stored view stays
 * the answer when central cannot be asked.
 */
export function withCentralStatus(view: ReturnType<typeof requestView>, reply: RequestLookupReply) {
  const note = [...reply.history].reverse().find((h) => h.note !== undefined)?.note;
  return {
    ...view,
    central: { ...view.central, ticket: reply.ticket, status: reply.status, ...(note !== undefined ? { note } : {}) },
    history: reply.history,
  };
}

export function requestView(request: StoredRequest, catalogue: readonly ServiceSpec[], config: Pick<KioskConfig, 'timelines'>) {
  const service = catalogue.find((s) => s.id === request.service);
  const key = service ? timelineKey(service, request.fields) : undefined;
  const timeline = key ? config.timelines[key] : undefined;
  return {
    reference: request.reference,
    service: request.service,
    serviceName: service?.name ?? { en: request.service, hi: request.service },
    mobile: maskMobile(request.mobile),
    ...(request.account !== undefined ? { account: request.account } : {}),
    ...(request.legacyAccount !== undefined ? { legacyAccount: request.legacyAccount } : {}),
    fields: request.fields,
    ...(request.redactedFields?.length ? { redactedFields: request.redactedFields } : {}),
    guardAssisted: request.guardAssisted === true,
    createdAt: request.createdAt,
    dueBy: request.dueBy,
    ...(timeline ? { dueRule: dueRule(timeline) } : {}),
    receipt: request.receipt,
    central: {
      state: request.sync.state,
      ...(request.sync.ticket ? { ticket: request.sync.ticket } : {}),
      ...(request.sync.centralStatus ? { status: request.sync.centralStatus } : {}),
    },
  };
}
