// Pure: a kiosk request → what the help desk ticket says. Subject and body
// are bilingual plain text; the machine-readable parts go into custom fields
// so staff can search and sort by them (RT's own queries, dashboards).
//
// The mobile number: staff must be able to call the consumer (a field visit,
// a document missing, "waiting on consumer"), but a ticket's subject and body
// travel far — notification mails, search result lists, quoted replies, and
// replies are shown back on the kiosk screen. So subject and body carry only
// the masked number, and the full number goes into the `Mobile` custom field
// alone: RT shows a custom field only to those granted SeeCustomField on it,
// so an RT admin grants it to the staff who call consumers and no one else.
import type { NetworkConfig } from '../../config/schema.js';
import { buildCatalogue } from '../../controller/services/catalogue.js';
import { maskMobile } from '../../controller/log/mask.js';
import type { ServiceSpec } from '../../controller/services/types.js';
import type { KioskEntry } from '../config/schema.js';
import type { RequestIntake } from '../../protocol/requests.js';
import type { HelpDeskTicket } from './types.js';

/** The custom fields `helpdesk:setup` creates, in the order staff see them. */
export const CUSTOM_FIELDS = ['Reference', 'Service', 'Account', 'Kiosk', 'Substation', 'Mobile'] as const;
export type CustomFieldName = (typeof CUSTOM_FIELDS)[number];

const IST_OFFSET_MS = 330 * 60 * 1000;
export function formatIst(iso: string): string {
  const d = new Date(Date.parse(iso) + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} IST`;
}

/** Where a request belongs: a supply complaint goes to its substation's circle, anything else to the kiosk's. */
export function circleOf(body: RequestIntake, kiosk: Pick<KioskEntry, 'circle'> | undefined, network: NetworkConfig | null): string | null {
  const substation = typeof body.fields.substation === 'string' ? body.fields.substation : undefined;
  if (substation && network) {
    const circle = network.circles.find((c) => c.substations.some((s) => s.id === substation));
    if (circle) return circle.id;
  }
  return kiosk?.circle ?? null;
}

export interface TicketContentInput {
  body: RequestIntake;
  centralTicket: string;
  kiosk: Pick<KioskEntry, 'id' | 'name' | 'circle' | 'substation'>;
  network: NetworkConfig | null;
}

export class TicketContent {
  private readonly catalogue: ServiceSpec[];

  constructor(private readonly network: NetworkConfig | null) {
    this.catalogue = network ? buildCatalogue(network) : [];
  }

  build(input: Omit<TicketContentInput, 'network'>): HelpDeskTicket {
    const { body, kiosk } = input;
    const service = this.catalogue.find((s) => s.id === body.service);
    const serviceName = service?.name ?? { en: body.service, hi: body.service };
    const substation = (typeof body.fields.substation === 'string' ? body.fields.substation : undefined) ?? kiosk.substation;
    const substationName = substation ? this.substationName(substation) : undefined;

    const lines = [
      `Kiosk request / कियोस्क आवेदन: ${body.reference} (central ${input.centralTicket})`,
      `Service / सेवा: ${serviceName.en} / ${serviceName.hi}`,
      `Kiosk / कियोस्क: ${kiosk.id} ${kiosk.name}`,
      ...(body.account ? [`Account / खाता संख्या: ${body.account}`] : []),
      `Mobile / मोबाइल: ${maskMobile(body.mobile)} (full number in the Mobile field)`,
      ...(substationName ? [`Substation / सबस्टेशन: ${substationName}`] : []),
      `Submitted / जमा: ${formatIst(body.createdAt)}`,
      `Due / नियत समय: ${formatIst(body.dueBy)} (Rights of Consumers timeline)`,
      '',
      ...Object.entries(body.fields)
        .filter(([name]) => name !== 'substation')
        .map(([name, value]) => this.fieldLine(service, name, value)),
      '',
      'Replies on this ticket are shown to the consumer at the kiosk status screen; comments are not.',
      'इस टिकट के जवाब (reply) उपभोक्ता को कियोस्क पर दिखाए जाते हैं; टिप्पणियाँ (comment) नहीं।',
    ];

    return {
      reference: body.reference,
      centralTicket: input.centralTicket,
      kioskId: kiosk.id,
      circle: circleOf(body, kiosk, this.network),
      subject: `${serviceName.hi} / ${serviceName.en} — ${body.reference}`,
      body: lines.join('\n'),
      customFields: {
        Reference: body.reference,
        Service: body.service,
        ...(body.account ? { Account: body.account } : {}),
        Kiosk: kiosk.id,
        ...(substation ? { Substation: substation } : {}),
        Mobile: body.mobile,
      } satisfies Partial<Record<CustomFieldName, string>>,
      dueBy: body.dueBy,
    };
  }

  private substationName(id: string): string {
    for (const c of this.network?.circles ?? []) {
      const s = c.substations.find((x) => x.id === id);
      if (s) return `${s.name.en} / ${s.name.hi} (${c.name.en})`;
    }
    return id;
  }

  private fieldLine(service: ServiceSpec | undefined, name: string, value: string | number): string {
    const spec = service?.fields.find((f) => f.name === name);
    if (!spec) return `${name}: ${String(value)}`;
    const label = `${spec.label.en} / ${spec.label.hi}`;
    if (spec.type === 'enum') {
      const option = spec.options.find((o) => o.value === value);
      if (option) return `${label}: ${option.label.en} / ${option.label.hi}`;
    }
    const unit = 'unit' in spec && spec.unit ? ` ${spec.unit}` : '';
    return `${label}: ${String(value)}${unit}`;
  }
}
