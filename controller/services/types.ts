import type { ServiceId } from '../store/types.js';

export interface Bilingual {
  en: string;
  hi: string;
}

interface FieldBase {
  name: string;
  label: Bilingual;
  required: boolean;
  /** the validation rule in words, shown under the field */
  rule: Bilingual;
  /** false: personal detail central needs but paper does not (an address) */
  onReceipt?: false;
}

export interface EnumOption {
  value: string;
  label: Bilingual;
  /** key into config.timelines when this choice has its own due time */
  timeline?: string;
  /** a heading the touchscreen groups options under (a substation's circle) */
  group?: { id: string; name: Bilingual };
}

export type FieldSpec =
  | (FieldBase & { type: 'enum'; options: EnumOption[] })
  | (FieldBase & { type: 'integer'; min: number; max: number; unit?: 'kW' })
  | (FieldBase & { type: 'number'; min: number; max: number; decimals: number; unit?: 'INR' | 'kWh' })
  | (FieldBase & { type: 'text'; maxLength: number; /** a regular expression the cleaned text must match */ pattern?: string })
  | (FieldBase & { type: 'reference' });

export interface ServiceSpec {
  id: ServiceId;
  name: Bilingual;
  help: Bilingual;
  /** request: stored and forwarded; payment: stored, then paid by UPI; lookup: answered, not stored */
  kind: 'request' | 'payment' | 'lookup';
  needsAccount: boolean;
  fields: FieldSpec[];
  /** key into config.timelines for the due date (a field option may override it) */
  timeline?: string;
}
