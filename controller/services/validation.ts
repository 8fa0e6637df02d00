// Pure validation of a consumer's request against the service catalogue.
// Returns the normalised request or every error found; never throws.
import type { FieldValue } from '../store/types.js';
import { referencePattern } from '../store/reference.js';
import { fieldError, type FieldError } from './errors.js';
import type { FieldSpec, ServiceSpec } from './types.js';

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** +91 98765 43210 / 09876543210 / 98765-43210 → 9876543210, or an error. */
export function normaliseMobile(raw: string | undefined): Result<string> {
  if (raw === undefined || raw.trim() === '') return { ok: false, errors: [fieldError('missing-mobile', 'mobile')] };
  let s = raw.replace(/[\s-]/g, '');
  if (s.startsWith('+91')) s = s.slice(3);
  else if (s.length === 12 && s.startsWith('91')) s = s.slice(2);
  else if (s.length === 11 && s.startsWith('0')) s = s.slice(1);
  return /^[6-9]\d{9}$/.test(s) ? { ok: true, value: s } : { ok: false, errors: [fieldError('invalid-mobile', 'mobile')] };
}

export function normaliseAccount(raw: string | undefined): Result<string> {
  if (raw === undefined || raw.trim() === '') return { ok: false, errors: [fieldError('missing-account', 'account')] };
  const s = raw.replace(/[\s-]/g, '');
  if (/^\d{10}$/.test(s)) return { ok: true, value: s };
  if (/^\d{8}$/.test(s)) return { ok: false, errors: [fieldError('legacy-account', 'account')] };
  return { ok: false, errors: [fieldError('invalid-account', 'account')] };
}

/** Removes control characters (keeps ordinary spaces), collapses whitespace. */
export function cleanText(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
}

function range(spec: { min: number; max: number }, unit = ''): { en: string; hi: string } {
  return { en: `(${spec.min}–${spec.max}${unit})`, hi: `(${spec.min}–${spec.max}${unit})` };
}

export function validateField(spec: FieldSpec, raw: FieldValue | undefined): Result<FieldValue | undefined> {
  const empty = raw === undefined || (typeof raw === 'string' && cleanText(raw) === '');
  if (empty) return spec.required ? { ok: false, errors: [fieldError('missing-field', spec.name)] } : { ok: true, value: undefined };
  switch (spec.type) {
    case 'enum': {
      const v = String(raw);
      return spec.options.some((o) => o.value === v) ? { ok: true, value: v } : { ok: false, errors: [fieldError('invalid-choice', spec.name)] };
    }
    case 'integer': {
      const text = String(raw).trim();
      if (!/^\d+$/.test(text)) return { ok: false, errors: [fieldError('not-whole-number', spec.name)] };
      const n = Number(text);
      if (n < spec.min || n > spec.max) return { ok: false, errors: [fieldError('out-of-range', spec.name, range(spec, spec.unit ? ` ${spec.unit}` : ''))] };
      return { ok: true, value: n };
    }
    case 'number': {
      const text = String(raw).trim();
      const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
      if (!match) return { ok: false, errors: [fieldError('not-a-number', spec.name)] };
      if ((match[2]?.length ?? 0) > spec.decimals) return { ok: false, errors: [fieldError('too-many-decimals', spec.name)] };
      const n = Number(text);
      if (n < spec.min || n > spec.max) return { ok: false, errors: [fieldError('out-of-range', spec.name, range(spec))] };
      return { ok: true, value: n };
    }
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, errors: [fieldError('invalid-request', spec.name)] };
      const text = cleanText(raw);
      if ([...text].length > spec.maxLength) {
        return { ok: false, errors: [fieldError('text-too-long', spec.name, { en: `(at most ${spec.maxLength})`, hi: `(अधिकतम ${spec.maxLength})` })] };
      }
      if (spec.pattern && !new RegExp(spec.pattern).test(text)) return { ok: false, errors: [fieldError('invalid-format', spec.name, spec.rule)] };
      return { ok: true, value: text };
    }
    case 'reference': {
      const text = String(raw).trim().toUpperCase();
      return referencePattern.test(text) ? { ok: true, value: text } : { ok: false, errors: [fieldError('invalid-reference', spec.name)] };
    }
  }
}

export interface RequestInput {
  service: string;
  mobile?: string;
  account?: string;
  /** the old 8-digit number the consumer typed, when central mapped it to `account` */
  legacyAccount?: string;
  fields?: Record<string, FieldValue>;
  /** "a guard helped me", ticked on the last step */
  guardAssisted?: boolean;
}

export interface ValidRequest {
  service: ServiceSpec;
  mobile: string;
  account?: string;
  legacyAccount?: string;
  fields: Record<string, FieldValue>;
  guardAssisted: boolean;
}

export function validateRequest(catalogue: readonly ServiceSpec[], input: RequestInput): Result<ValidRequest> {
  const service = catalogue.find((s) => s.id === input.service);
  if (!service) return { ok: false, errors: [fieldError('unknown-service', 'service')] };
  if (service.kind === 'lookup') return { ok: false, errors: [fieldError('service-is-lookup', 'service')] };

  const errors: FieldError[] = [];
  const mobile = normaliseMobile(input.mobile);
  if (!mobile.ok) errors.push(...mobile.errors);

  let account: string | undefined;
  if (service.needsAccount || (input.account !== undefined && input.account.trim() !== '')) {
    const checked = normaliseAccount(input.account);
    if (checked.ok) account = checked.value;
    else errors.push(...checked.errors);
  }

  let legacyAccount: string | undefined;
  if (input.legacyAccount !== undefined) {
    const old = input.legacyAccount.replace(/[\s-]/g, '');
    if (!/^\d{8}$/.test(old) || account === undefined) errors.push(fieldError('invalid-legacy-account', 'legacyAccount'));
    else legacyAccount = old;
  }

  const given = input.fields ?? {};
  for (const name of Object.keys(given)) {
    if (!service.fields.some((f) => f.name === name)) errors.push(fieldError('unknown-field', `fields.${name}`));
  }
  const fields: Record<string, FieldValue> = {};
  for (const spec of service.fields) {
    const checked = validateField(spec, given[spec.name]);
    if (!checked.ok) errors.push(...checked.errors.map((e) => ({ ...e, field: `fields.${e.field}` })));
    else if (checked.value !== undefined) fields[spec.name] = checked.value;
  }

  if (errors.length > 0 || !mobile.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { service, mobile: mobile.value, ...(account !== undefined ? { account } : {}), ...(legacyAccount !== undefined ? { legacyAccount } : {}), fields, guardAssisted: input.guardAssisted === true },
  };
}
