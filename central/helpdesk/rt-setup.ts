// Creates what central needs in a fresh Request Tracker, through REST2: one
// queue per circle and the ticket custom fields. Idempotent: whatever exists
// is left as it is and reported as such.
import type { NetworkConfig } from '../../config/schema.js';
import { RtHttp, type RtHttpOptions } from './rt-http.js';
import { CUSTOM_FIELDS, type CustomFieldName } from './ticket-content.js';
import { HelpDeskError } from './types.js';

const FIELD_DESCRIPTIONS: Record<CustomFieldName, string> = {
  Reference: 'e-corner kiosk reference (KE-…); central finds its tickets by it',
  Service: 'e-corner service id (billing-complaint, supply-complaint, …)',
  Account: '10-digit connection number',
  Kiosk: 'e-corner kiosk id',
  Substation: 'substation id from the e-corner network list',
  Mobile: "consumer's mobile number: grant SeeCustomField only to staff who call consumers",
};

export interface SetupStep {
  kind: 'queue' | 'custom-field';
  name: string;
  outcome: 'created' | 'exists';
  id: string;
}

export async function setUpRt(o: RtHttpOptions & { queues: Record<string, string>; defaultQueue?: string; network?: NetworkConfig | null }): Promise<SetupStep[]> {
  const http = new RtHttp(o);
  const steps: SetupStep[] = [];
  const circleName = (id: string) => o.network?.circles.find((c) => c.id === id)?.name;

  const queues = new Map<string, string>();
  for (const [circle, queue] of Object.entries(o.queues)) {
    const name = circleName(circle);
    queues.set(queue, `e-corner kiosk requests, ${name ? `${name.en} / ${name.hi}` : circle}`);
  }
  if (o.defaultQueue && !queues.has(o.defaultQueue)) queues.set(o.defaultQueue, 'e-corner kiosk requests without a circle');

  for (const [name, description] of queues) {
    try {
      const found = await http.get<{ id: string | number }>(`/queue/${encodeURIComponent(name)}`);
      steps.push({ kind: 'queue', name, outcome: 'exists', id: String(found.id) });
    } catch (err) {
      if (!(err instanceof HelpDeskError && err.status === 404)) throw err;
      const created = await http.post<{ id: string | number }>('/queue', { Name: name, Description: description });
      steps.push({ kind: 'queue', name, outcome: 'created', id: String(created.id) });
    }
  }

  for (const name of CUSTOM_FIELDS) {
    const found = await http.post<{ items: Array<{ id: string | number }> }>('/customfields', [{ field: 'Name', value: name }, { field: 'LookupType', value: 'RT::Queue-RT::Ticket' }]);
    const first = found.items[0];
    if (first) {
      steps.push({ kind: 'custom-field', name, outcome: 'exists', id: String(first.id) });
      continue;
    }
    // Queue 0: applied to tickets in every queue, so a ticket moved to
    // another queue by staff keeps its Reference (and central keeps finding it).
    const created = await http.post<{ id: string | number }>('/customfield', { Name: name, Type: 'Freeform', MaxValues: 1, Queue: 0, Description: FIELD_DESCRIPTIONS[name] });
    steps.push({ kind: 'custom-field', name, outcome: 'created', id: String(created.id) });
  }
  return steps;
}
