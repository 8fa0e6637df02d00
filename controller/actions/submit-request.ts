// The one path by which a consumer's request becomes an accepted request:
// validate → due date from config → durable write → announce.
import type { KioskConfig } from '../../config/schema.js';
import type { EventBus } from '../events/bus.js';
import { dueBy, timelineKey } from '../services/due-date.js';
import type { FieldError } from '../services/errors.js';
import type { ServiceSpec } from '../services/types.js';
import { validateRequest, type RequestInput } from '../services/validation.js';
import type { RequestStore } from '../store/request-store.js';
import { redactAadhaar } from '../services/redact.js';
import type { FieldValue, RequestExtras, StoredRequest } from '../store/types.js';

export type SubmitResult = { ok: true; request: StoredRequest } | { ok: false; errors: FieldError[] };

export interface SubmitDeps {
  catalogue: readonly ServiceSpec[];
  config: Pick<KioskConfig, 'timelines'>;
  store: RequestStore;
  bus: EventBus;
  now: () => Date;
}

export async function submitRequest(deps: SubmitDeps, input: RequestInput): Promise<SubmitResult> {
  const checked = validateRequest(deps.catalogue, input);
  if (!checked.ok) return checked;
  const { service, mobile, account, legacyAccount, guardAssisted } = checked.value;
  // Aadhaar-like numbers never reach the disk or the help desk.
  const fields: Record<string, FieldValue> = {};
  const redactedFields: string[] = [];
  for (const [name, value] of Object.entries(checked.value.fields)) {
    const spec = service.fields.find((f) => f.name === name);
    if (spec?.type === 'text' && typeof value === 'string') {
      const r = redactAadhaar(value);
      if (r.redacted) redactedFields.push(name);
      fields[name] = r.text;
    } else fields[name] = value;
  }
  const extra: RequestExtras = {
    ...(legacyAccount !== undefined ? { legacyAccount } : {}),
    ...(redactedFields.length ? { redactedFields } : {}),
    ...(guardAssisted ? { guardAssisted } : {}),
  };
  const key = timelineKey(service, fields);
  // Config load checks every key the catalogue uses, so this is always found.
  const timeline = key ? deps.config.timelines[key] : undefined;
  if (!timeline) throw new Error(`no timeline "${String(key)}" configured for ${service.id}`);
  const request = await deps.store.create({
    service: service.id,
    mobile,
    ...(account !== undefined ? { account } : {}),
    fields,
    dueBy: dueBy(deps.now(), timeline),
    extra,
  });
  deps.bus.emit('request-created', { reference: request.reference, service: request.service });
  return { ok: true, request };
}
