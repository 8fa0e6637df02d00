// Shapes of the kiosk API as the browser sees them. Catalogue, store and
// health types come from the controller's own (pure) modules, so a contract
// change is a type error here.
import type { Bilingual, FieldSpec, ServiceSpec } from '../../controller/services/types.js';
import type { ReceiptState } from '../../controller/store/types.js';
import type { DeviceHealth, HealthLevel } from '../../controller/health/model.js';
import type { ScanEvent } from '../../controller/events/types.js';

export type { Bilingual, FieldSpec, ServiceSpec, ReceiptState, DeviceHealth, HealthLevel, ScanEvent };

export interface Compensation {
  perDay: number;
  currency: 'INR';
  confirmed: boolean;
}

export interface Timeline {
  hours: number;
  rule: Bilingual;
  source: string;
  countsFrom: 'submission' | 'complete-application';
  compensation: (Compensation & { source: string }) | null;
}

export interface EscalationStep {
  id: string;
  name: Bilingual;
  contact: string | null;
  detail: Bilingual;
}

export type CatalogueService = Omit<ServiceSpec, 'timeline'> & { timeline: Timeline | null };

export interface Catalogue {
  /** circle and substation: the kiosk's own, preselected in the supply complaint */
  kiosk: { id: string; name: Bilingual; circle?: string; substation?: string };
  escalation: { helpline: string; tollFree: string; steps: EscalationStep[]; parallel: EscalationStep[] };
  freeNotice: Bilingual;
  services: CatalogueService[];
  /** not (yet) in GET /api/services; read if a later version adds it */
}

export interface RequestView {
  reference: string;
  service: string;
  serviceName: Bilingual;
  mobile: string;
  account?: string;
  legacyAccount?: string;
  fields: Record<string, string | number>;
  redactedFields?: string[];
  guardAssisted?: boolean;
  createdAt: string;
  dueBy: string;
  dueRule?: Bilingual & { source: string; countsFrom?: 'submission' | 'complete-application'; compensation?: Compensation | null };
  /** absent for a request made at another kiosk (its receipt was printed there) */
  receipt?: ReceiptState;
  /** set when the request was made at another kiosk and central answered */
  origin?: { kioskId: string };
  /** note: the help desk's last reply to the consumer */
  central: { state: 'pending' | 'synced' | string; ticket?: string; status?: string; note?: string };
}

export interface ApiErrorBody {
  statusCode?: number;
  code: string;
  field?: string;
  message: Bilingual;
  errors?: Array<{ code: string; field: string; message: Bilingual }>;
}


export interface HealthSnapshot {
  level: HealthLevel;
  parts: Record<string, DeviceHealth>;
}

export type KioskEvent =
  | ScanEvent
  | { type: 'snapshot'; at: string; health: HealthSnapshot }
  | { type: 'device-status'; device: string; health: DeviceHealth }
  | { type: 'receipt-state'; reference: string; state: string; reason?: string };

export interface HealthBody {
  kiosk: string;
  version: string;
  mode: 'simulator' | 'hardware';
  uptimeSeconds: number;
  startedAt: string;
  status: HealthLevel;
  parts: Record<string, DeviceHealth>;
}
