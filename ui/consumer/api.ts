// The kiosk API, as the touchscreen uses it. Never throws: a network failure
// becomes a bilingual error like any refusal from the controller.
import type { ApiErrorBody, Catalogue, RequestView } from '../shared/types.js';
import { S } from './i18n.js';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody };

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      cache: 'no-store',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, status: res.status, data: json as T };
    const error = json && typeof json === 'object' && 'message' in json ? (json as ApiErrorBody) : { code: 'http-' + res.status, message: S.networkError };
    return { ok: false, status: res.status, error };
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: S.networkError } };
  }
}

export interface SubmitInput {
  service: string;
  mobile: string;
  account?: string;
  legacyAccount?: string;
  guardAssisted?: boolean;
  fields: Record<string, string | number>;
}

export interface Bill {
  billId: string;
  period: string;
  unitsKwh: number;
  amountPaise: number;
  dueDate: string;
  status: 'unpaid' | 'paid';
}

export interface BillReply {
  account: string;
  consumerName: string;
  category: string;
  outstandingPaise: number;
  bills: Bill[];
}

export interface PaymentView {
  paymentId: string;
  reference: string;
  purpose: 'bill' | 'prepaid-recharge';
  status: 'pending' | 'confirmed' | 'failed' | 'expired' | 'refunded';
  amountPaise: number;
  expiresAt: string;
  confirmedAt: string | null;
  upi: string;
}

export const api = {
  bills: (account: string) => call<BillReply>('GET', `/api/bills/${encodeURIComponent(account)}`),
  createPayment: (reference: string, mobile: string) => call<PaymentView>('POST', '/api/payments', { reference, mobile }),
  payment: (paymentId: string, reference: string, mobile: string) =>
    call<PaymentView>('GET', `/api/payments/${encodeURIComponent(paymentId)}?reference=${encodeURIComponent(reference)}&mobile=${encodeURIComponent(mobile)}`),
  legacyAccount: (legacy: string) => call<{ legacyAccount: string; account: string }>('GET', `/api/legacy-accounts/${encodeURIComponent(legacy)}`),
  /** Prints the payment receipt once central has confirmed the payment; refused before. */
  paymentReceipt: (paymentId: string, reference: string, mobile: string) => call<{ printed: true; jobId: string; already?: boolean }>('POST', `/api/payments/${encodeURIComponent(paymentId)}/receipt`, { reference, mobile }),
  duplicateBill: (account: string, billId: string) => call<{ printed: true; jobId: string }>('POST', `/api/bills/${encodeURIComponent(account)}/duplicate`, { billId }),
  services: () => call<Catalogue>('GET', '/api/services'),
  submit: (input: SubmitInput) => call<RequestView>('POST', '/api/requests', input),
  request: (reference: string, mobile: string) => call<RequestView>('GET', `/api/requests/${encodeURIComponent(reference)}?mobile=${encodeURIComponent(mobile)}`),
};
