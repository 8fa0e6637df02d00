// Opens the kiosk database: SQLite through Node's built-in node:sqlite (no
// native addon to build for the Pi). A file that fails PRAGMA
// integrity_check, or carries a schema version this software does not know,
// is moved aside with its WAL and a fresh database started: the kiosk keeps
// taking requests, health says `store: recovered` with the reason, and the
// reference sequence skips past every number the old file may have handed out.
//
// SD-card policy (the card's wear is what kills kiosks):
// - WAL with synchronous=FULL: a commit is one append to the WAL plus one
//   fdatasync, before the 201; no rewrite of the whole file.
// - 1 KiB pages: a commit appends every page it changed, so small pages make
//   small commits (a request's rows are a few hundred bytes).
// - wal_autocheckpoint 4096 pages (4 MiB): pages changed many times between
//   checkpoints (the table's last leaf, the counters) reach the main file once.
// - journal_size_limit 4 MiB: after a checkpoint the WAL is cut back, so an
//   outage's burst does not leave a large file behind.
// - auto_vacuum=INCREMENTAL, never a full VACUUM (it rewrites the whole file):
//   pages freed by pruning are reused by new requests; only when more than a
//   quarter of the file is free does prune() give pages back (incremental_vacuum).
import { accessSync, constants, closeSync, existsSync, openSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { highestReferenceSequence } from './salvage.js';
import { migrations, SCHEMA_VERSION } from './schema.js';

export const PAGE_SIZE = 1024;
export const WAL_AUTOCHECKPOINT_PAGES = 4096;
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** What start-up found wrong with the database file, kept for logs and health. */
export interface DatabaseRecovery {
  at: string;
  file: string;
  error: string;
  /** where the bad file (and its -wal, -shm) was moved */
  keptAs: string;
  /** the highest reference number found in the bad file's bytes (0 if none) */
  highestSequenceFound: number;
}

export interface OpenedDatabase {
  db: DatabaseSync;
  recovery: DatabaseRecovery | null;
  /** set when the data directory takes no writes (a dying SD card turns read-only): the
   *  store answers look-ups but refuses every write, so nothing is acknowledged unstored */
  readOnly: string | null;
}

export function openDatabase(file: string, now: () => Date = () => new Date()): OpenedDatabase {
  const notWritable = writeProblem(path.dirname(file));
  if (notWritable) return { db: openReadOnly(file), recovery: null, readOnly: notWritable };
  createPrivately(file);
  const checked = tryOpen(file);
  if (checked.ok) return { db: checked.db, recovery: null, readOnly: null };

  const highestSequenceFound = Math.max(0, ...[file, `${file}-wal`].map(salvageSequence));
  const keptAs = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, keptAs + suffix);
  }
  createPrivately(file);
  const fresh = tryOpen(file);
  if (!fresh.ok) throw new Error(`cannot create a new database at ${file}: ${fresh.error}`);
  return { db: fresh.db, recovery: { at: now().toISOString(), file, error: checked.error, keptAs, highestSequenceFound }, readOnly: null };
}

function writeProblem(dir: string): string | null {
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (err) {
    return `${dir} is not writable: ${(err as Error).message}`;
  }
}

/** The file as it is, for reading; or, when even that fails, an empty schema. Writes fail either way. */
function openReadOnly(file: string): DatabaseSync {
  try {
    const db = new DatabaseSync(file, { readOnly: true });
    db.prepare('SELECT count(*) FROM requests').get();
    return db;
  } catch {
    const db = new DatabaseSync(':memory:');
    migrate(db, 0);
    db.exec('PRAGMA query_only = ON');
    return db;
  }
}

type Checked = { ok: true; db: DatabaseSync } | { ok: false; error: string };

function tryOpen(file: string): Checked {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file);
    // These two only take effect before the first table exists, i.e. on a new file.
    db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    db.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.exec(`PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    if (version > SCHEMA_VERSION) throw new Error(`unknown schema version ${version} (this software knows up to ${SCHEMA_VERSION})`);
    const problems = (db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(`integrity check failed: ${problems.slice(0, 3).join('; ')}`);
    migrate(db, version);
    return { ok: true, db };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // already unusable; the file is moved aside next
    }
    return { ok: false, error: (err as Error).message };
  }
}

function migrate(db: DatabaseSync, from: number): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw new Error(`migration ${m.version} (${m.why}) failed: ${(err as Error).message}`, { cause: err });
    }
  }
}

/** SQLite gives the -wal and -shm files the database file's mode: personal data stays 0600. */
function createPrivately(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, constants.O_CREAT | constants.O_WRONLY, 0o600));
}

function salvageSequence(file: string): number {
  try {
    return highestReferenceSequence(readFileSync(file));
  } catch {
    return 0;
  }
}
