// A stored request as a row of table `requests`, and back. Kept in one place
// so the store and the legacy import write rows the same way.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FieldValue, ReceiptState, RequestExtras, ServiceId, StoredRequest } from './types.js';

export interface RequestRow {
  seq: number;
  reference: string;
  service: string;
  mobile: string;
  account: string | null;
  fields: string;
  created_at: string;
  due_by: string;
  kiosk_id: string;
  receipt: string;
  sync_state: string;
  sync_attempts: number;
  sync_last_error: string | null;
  sync_last_attempt_at: string | null;
  synced_at: string | null;
  ticket: string | null;
  central_status: string | null;
  /** JSON RequestExtras (migration 2); NULL when the request has none */
  extra: string | null;
}

/** The extras of a request, or null when it has none (most requests). */
function extrasOf(r: StoredRequest): string | null {
  const extra: RequestExtras = {
    ...(r.legacyAccount !== undefined ? { legacyAccount: r.legacyAccount } : {}),
    ...(r.redactedFields !== undefined ? { redactedFields: r.redactedFields } : {}),
    ...(r.guardAssisted !== undefined ? { guardAssisted: r.guardAssisted } : {}),
  };
  return Object.keys(extra).length ? JSON.stringify(extra) : null;
}

export function fromRow(row: RequestRow): StoredRequest {
  return {
    reference: row.reference,
    service: row.service as ServiceId,
    mobile: row.mobile,
    ...(row.account !== null ? { account: row.account } : {}),
    fields: JSON.parse(row.fields) as Record<string, FieldValue>,
    ...(row.extra ? (JSON.parse(row.extra) as RequestExtras) : {}),
    createdAt: row.created_at,
    dueBy: row.due_by,
    kioskId: row.kiosk_id,
    sync: {
      state: row.sync_state as 'pending' | 'synced',
      attempts: Number(row.sync_attempts),
      ...(row.sync_last_error !== null ? { lastError: row.sync_last_error } : {}),
      ...(row.sync_last_attempt_at !== null ? { lastAttemptAt: row.sync_last_attempt_at } : {}),
      ...(row.synced_at !== null ? { syncedAt: row.synced_at } : {}),
      ...(row.ticket !== null ? { ticket: row.ticket } : {}),
      ...(row.central_status !== null ? { centralStatus: row.central_status } : {}),
    },
    receipt: JSON.parse(row.receipt) as ReceiptState,
  };
}

export function insertRequestStatement(db: DatabaseSync): (seq: number, r: StoredRequest) => void {
  const insert: StatementSync = db.prepare(`
    INSERT INTO requests (seq, reference, service, mobile, account, fields, created_at, due_by, kiosk_id, receipt,
      sync_state, sync_attempts, sync_last_error, sync_last_attempt_at, synced_at, ticket, central_status, extra)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (seq, r) => {
    insert.run(seq, r.reference, r.service, r.mobile, r.account ?? null, JSON.stringify(r.fields), r.createdAt, r.dueBy, r.kioskId,
      JSON.stringify(r.receipt), r.sync.state, r.sync.attempts, r.sync.lastError ?? null, r.sync.lastAttemptAt ?? null,
      r.sync.syncedAt ?? null, r.sync.ticket ?? null, r.sync.centralStatus ?? null, extrasOf(r));
  };
}
