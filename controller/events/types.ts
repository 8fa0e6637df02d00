// Event payloads shared by the controller and the browser code (no Node imports here).

export interface ScanEvent {
  type: 'scan';
  kind: 'account' | 'legacy-account' | 'bill' | 'upi' | 'receipt' | 'unknown';
  value: string;
  at: string;
  /** extra parsed parts (UPI payee/reference, bilingual message for unknown codes) */
  detail?: Record<string, unknown>;
}
