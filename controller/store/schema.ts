// The kiosk database's tables, as numbered migrations applied in order inside
// one transaction each; PRAGMA user_version records the last one applied. A
// file with a higher number was written by newer software: start-up moves it
// aside rather than guess (see open-database.ts).
//
// One database holds everything whose parts must agree after a power cut:
// - requests: the consumer's request with its receipt state (JSON, so new
//   receipt states need no migration) and its outbox state (the sync_*
//   columns: a request with sync_state 'pending' is an outbox entry);
// - print_jobs: the print queue, in order of their number `n` (the `#n` of
//   the job id); the fields a later issue adds to a job go to `extra` (JSON)
//   without a migration;
// - counters: the reference sequence and the print-job sequence. A new
//   small state (e.g. the central link's epoch) gets its own row here.
//
// Few indexes on purpose: every index is another page written per commit.
// A reference is found through its sequence number (the primary key); the
// outbox's pending set is kept in memory, loaded at start; print_jobs holds
// only unfinished jobs, so it is scanned.

export interface Migration {
  version: number;
  why: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    why: 'requests with receipt and outbox state, print jobs, counters',
    sql: `
      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO counters (name, value) VALUES ('reference-sequence', 0), ('print-job-sequence', 0);

      CREATE TABLE requests (
        seq INTEGER PRIMARY KEY,            -- the reference's sequence number
        reference TEXT NOT NULL,
        service TEXT NOT NULL,
        mobile TEXT NOT NULL,
        account TEXT,
        fields TEXT NOT NULL,               -- JSON object
        created_at TEXT NOT NULL,
        due_by TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        receipt TEXT NOT NULL,              -- JSON ReceiptState
        sync_state TEXT NOT NULL CHECK (sync_state IN ('pending', 'synced')),
        sync_attempts INTEGER NOT NULL DEFAULT 0,
        sync_last_error TEXT,
        sync_last_attempt_at TEXT,
        synced_at TEXT,
        ticket TEXT,
        central_status TEXT
      );

      CREATE TABLE print_jobs (
        n INTEGER PRIMARY KEY,              -- from counter print-job-sequence
        id TEXT NOT NULL,                   -- <reference>#<n>, what the printer is told
        request_seq INTEGER NOT NULL REFERENCES requests (seq) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        kind TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        extra TEXT                          -- JSON: job fields without a column
      );
    `,
  },
  {
    version: 2,
    why: 'what a request carries besides its form (old account number, redacted fields, guard assisted)',
    sql: `
      ALTER TABLE requests ADD COLUMN extra TEXT;  -- JSON RequestExtras, NULL when none
    `,
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
