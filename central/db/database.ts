// SQLite store for central: migrations in code (PRAGMA user_version), WAL.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/** Append only: each entry upgrades user_version n to n+1. */
const migrations: string[] = [
  `
  CREATE TABLE kiosks (
    id TEXT PRIMARY KEY,
    registered_at TEXT NOT NULL,
    last_seen_at TEXT,
    last_heartbeat TEXT,
    state TEXT NOT NULL DEFAULT 'new',
    state_since TEXT NOT NULL,
    maintenance_until TEXT,
    maintenance_by TEXT,
    version TEXT
  );
  CREATE TABLE nonces (
    kiosk_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, nonce)
  ) WITHOUT ROWID;
  CREATE INDEX nonces_seen ON nonces (seen_at);
  CREATE TABLE heartbeats (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    level TEXT NOT NULL,
    outbox_depth INTEGER NOT NULL,
    changes TEXT
  );
  CREATE INDEX heartbeats_received ON heartbeats (received_at);
  CREATE INDEX heartbeats_kiosk ON heartbeats (kiosk_id, received_at);
  CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    at TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX transitions_kiosk ON transitions (kiosk_id, at);
  CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    service TEXT NOT NULL,
    body TEXT NOT NULL,
    substation TEXT,
    status TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (kiosk_id, reference)
  );
  CREATE TABLE ticket_history (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT
  );
  CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id);
  CREATE TABLE consumers (
    account TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    circle TEXT NOT NULL
  );
  CREATE TABLE bills (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES consumers (account),
    period TEXT NOT NULL,
    units_kwh INTEGER NOT NULL,
    amount_paise INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL
  );
  CREATE INDEX bills_account ON bills (account, period);
  CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    account TEXT NOT NULL,
    bill_id TEXT NOT NULL,
    amount_paise INTEGER NOT NULL,
    upi_ref TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT,
    bank_ref TEXT,
    UNIQUE (kiosk_id, reference)
  );
  `,
  // 2: a payment is for a bill or for a smart prepaid recharge (no bill).
  // SQLite cannot drop NOT NULL from bill_id, so the table is rebuilt; this
  // runs inside migrate()'s transaction, so a failure leaves version 1 intact.
  `
  CREATE TABLE payments_v2 (
    id INTEGER PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT 'bill' CHECK (purpose IN ('bill', 'prepaid-recharge')),
    account TEXT NOT NULL,
    bill_id TEXT,
    amount_paise INTEGER NOT NULL,
    upi_ref TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT,
    bank_ref TEXT,
    UNIQUE (kiosk_id, reference),
    CHECK ((purpose = 'bill') = (bill_id IS NOT NULL))
  );
  INSERT INTO payments_v2 (id, kiosk_id, reference, body_hash, purpose, account, bill_id, amount_paise, upi_ref, status, created_at, expires_at, confirmed_at, bank_ref)
    SELECT id, kiosk_id, reference, body_hash, 'bill', account, bill_id, amount_paise, upi_ref, status, created_at, expires_at, confirmed_at, bank_ref FROM payments;
  DROP TABLE payments;
  ALTER TABLE payments_v2 RENAME TO payments;
  CREATE INDEX payments_bill ON payments (bill_id, status) WHERE bill_id IS NOT NULL;
  `,
  // 3: trust on a real network. meta holds the database's epoch; payments get
  // unguessable public ids (128 random bits) and the gateway's own id; every
  // gateway event is kept once by its event id; every state-changing call by
  // a person is audited.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  ALTER TABLE tickets ADD COLUMN epoch TEXT;
  ALTER TABLE payments ADD COLUMN public_id TEXT;
  UPDATE payments SET public_id = 'P-' || lower(hex(randomblob(16)));
  CREATE UNIQUE INDEX payments_public_id ON payments (public_id);
  ALTER TABLE payments ADD COLUMN gateway_payment_id TEXT;
  ALTER TABLE payments ADD COLUMN refunded_at TEXT;
  CREATE TABLE gateway_events (
    event_id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    event TEXT NOT NULL,
    payment_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT,
    received_at TEXT NOT NULL
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    role TEXT,
    action TEXT NOT NULL,
    outcome INTEGER NOT NULL,
    source TEXT NOT NULL,
    detail TEXT
  );
  CREATE INDEX audit_at ON audit (at);
  `,
  // 4: hand-over of tickets to an outside help desk (helpdesk/sync.ts).
  // 'attempted' is written before the help desk is called: after a crash or
  // timeout it means "search the help desk before creating again".
  `
  CREATE TABLE helpdesk_handovers (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'attempted', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    external_id TEXT,
    external_url TEXT,
    last_error TEXT,
    queued_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX helpdesk_handovers_open ON helpdesk_handovers (state) WHERE state <> 'done';
  CREATE INDEX helpdesk_handovers_external ON helpdesk_handovers (external_id);
  CREATE TABLE helpdesk_cursor (
    helpdesk TEXT PRIMARY KEY,
    cursor TEXT NOT NULL
  );
  `,
  // 5: old 8-digit connection numbers and the 10-digit numbers that replaced them.
  `
  CREATE TABLE legacy_accounts (
    legacy TEXT PRIMARY KEY CHECK (length(legacy) = 8),
    account TEXT NOT NULL REFERENCES consumers (account)
  );
  `,
];

export const SCHEMA_VERSION = migrations.length;

export function openDatabase(dbPath: string): Db {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  // FULL: a ticket number central has answered with must survive a power cut,
  // because the kiosk stops resending once it has it.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Upgrades the schema to `target` (default: the latest). Tests pass a lower
 * target to build a database file as an older central left it.
 */
export function migrate(db: Db, target: number = migrations.length): void {
  if (!Number.isInteger(target) || target < 0 || target > migrations.length) {
    throw new RangeError(`schema version ${target} does not exist (this central knows 0 to ${migrations.length})`);
  }
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this central (${migrations.length}); refusing to run`);
  }
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
