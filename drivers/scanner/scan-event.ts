// A classified scan as the rest of the kiosk sees it. It lives with the
// scanner driver (whose parser produces the kinds) and has no Node imports,
// so the browser code can import it too.

export interface ScanEvent {
  type: 'scan';
  kind: 'account' | 'legacy-account' | 'bill' | 'upi' | 'receipt' | 'unknown';
  value: string;
  at: string;
  /** extra parsed parts (UPI payee/reference, bilingual message for unknown codes) */
  detail?: Record<string, unknown>;
}
