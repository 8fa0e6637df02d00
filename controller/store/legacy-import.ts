// Upgrade from the JSON files of earlier versions (requests.json,
// print-queue.json, each with a `.prev` generation). Imported once, at
// start-up, in one transaction; afterwards the files are moved aside
// (`*.imported-<time>`), never deleted. Every entry is checked on its own:
// a malformed one is left out, written to `legacy-rejected-<time>.json` and
// counted, and the rest are imported. A damaged file also makes the
// reference sequence skip ahead past every reference number in its bytes.
import { Type, type Static } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Counters } from './counters.js';
import { jobNumber, SqlitePrintJobStore } from './print-job-store.js';
import { referencePattern } from './reference.js';
import { insertRequestStatement } from './request-rows.js';
import { highestReferenceSequence } from './salvage.js';
import { transaction } from './transaction.js';
import type { StoredRequest } from './types.js';

export const LEGACY_SEQUENCE_GAP = 1000;

const serviceIds = ['bill-payment', 'prepaid-recharge', 'new-connection', 'load-change', 'billing-complaint', 'meter-complaint', 'name-change', 'category-change', 'supply-complaint', 'request-status'] as const;
const iso = Type.String({ minLength: 10 });

/** A request as the JSON store wrote it. */
const LegacyRequest = Type.Object({
  reference: Type.String({ pattern: referencePattern.source }),
  service: Type.Union(serviceIds.map((s) => Type.Literal(s))),
  mobile: Type.String({ pattern: '^[6-9]\\d{9}$' }),
  account: Type.Optional(Type.String({ pattern: '^\\d{8,10}$' })),
  fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  createdAt: iso,
  dueBy: iso,
  kioskId: Type.String({ minLength: 1 }),
  sync: Type.Object({
    state: Type.Union([Type.Literal('pending'), Type.Literal('synced')]),
    attempts: Type.Integer({ minimum: 0 }),
    lastError: Type.Optional(Type.String()),
    lastAttemptAt: Type.Optional(iso),
    syncedAt: Type.Optional(iso),
    ticket: Type.Optional(Type.String()),
    centralStatus: Type.Optional(Type.String()),
  }),
  receipt: Type.Union([
    Type.Object({ state: Type.Literal('pending') }),
    Type.Object({ state: Type.Literal('printed'), at: iso, copies: Type.Optional(Type.Integer({ minimum: 0 })) }),
    Type.Object({ state: Type.Literal('sent'), at: iso, copies: Type.Optional(Type.Integer({ minimum: 0 })) }),
    Type.Object({ state: Type.Literal('waiting'), reason: Type.String() }),
    Type.Object({ state: Type.Literal('failed'), reason: Type.String() }),
  ]),
});

/** A print job as the JSON print queue wrote it (marked-copy fields since the at-least-once queue). */
const LegacyJob = Type.Object({
  id: Type.String({ pattern: '#[1-9]\\d{0,14}$' }),
  reference: Type.String({ pattern: referencePattern.source }),
  kind: Type.Union([Type.Literal('receipt'), Type.Literal('reprint')]),
  queuedAt: iso,
  state: Type.Union([Type.Literal('queued'), Type.Literal('sending'), Type.Literal('sent-unconfirmed')]),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Optional(Type.String()),
  sentAt: Type.Optional(Type.String({ maxLength: 64 })),
  copyOf: Type.Optional(Type.String({ maxLength: 64 })),
  copies: Type.Optional(Type.Integer({ minimum: 0 })),
}, { additionalProperties: false });

const ajv = new Ajv({ allErrors: false, strict: false });
const checkRequest = ajv.compile<Static<typeof LegacyRequest>>(LegacyRequest);
const checkJob = ajv.compile<Static<typeof LegacyJob>>(LegacyJob);

export interface LegacyImport {
  imported: { requests: number; jobs: number };
  rejected: { requests: number; jobs: number };
  /** where the rejected entries were written, with the reason for each */
  rejectedKeptAs: string | null;
  /** the original files, moved aside */
  keptAs: string[];
  /** what was wrong with the files as a whole (unreadable, low sequence, rejected entries) */
  problems: string[];
  /** the reference sequence after the import */
  sequence: number;
}

interface Rejected {
  file: string;
  index: number;
  error: string;
  entry: unknown;
}

const FILES = ['requests.json', 'print-queue.json'] as const;

export function importLegacyFiles(db: DatabaseSync, dataDir: string, now: () => Date): LegacyImport | null {
  const at = (name: string) => path.join(dataDir, name);
  // Temp files were never committed (the rename was the commit point).
  for (const f of FILES) if (existsSync(at(`${f}.tmp`))) unlinkSync(at(`${f}.tmp`));
  const present = FILES.flatMap((f) => [f, `${f}.prev`]).filter((f) => existsSync(at(f)));
  if (present.length === 0) return null;

  const counters = new Counters(db);
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const moveAside = () => present.map((f) => {
    const keptAs = at(`${f}.imported-${stamp}`);
    renameSync(at(f), keptAs);
    return keptAs;
  });
  if (counters.get('legacy-imported') === 1) {
    // Imported before a crash that came ahead of the renames: only move them now.
    return { imported: { requests: 0, jobs: 0 }, rejected: { requests: 0, jobs: 0 }, rejectedKeptAs: null, keptAs: moveAside(), problems: [], sequence: counters.get('reference-sequence') };
  }

  const problems: string[] = [];
  const rejected: Rejected[] = [];
  const texts: string[] = present.map((f) => readFileSync(at(f), 'latin1'));
  const requestsDoc = readDocument(dataDir, 'requests.json', problems);
  const queueDoc = readDocument(dataDir, 'print-queue.json', problems);

  const requests: StoredRequest[] = [];
  const references = new Set<string>();
  const seqs = new Set<number>();
  entries(requestsDoc, 'requests', problems).forEach((entry, index) => {
    const error = firstError(checkRequest, entry) ?? duplicate(entry as StoredRequest);
    if (error) rejected.push({ file: 'requests.json', index, error, entry });
    else {
      const r = entry as StoredRequest;
      requests.push(r);
      references.add(r.reference);
      seqs.add(sequenceOf(r.reference));
    }
  });
  function duplicate(r: StoredRequest): string | null {
    if (references.has(r.reference)) return `reference ${r.reference} appears twice`;
    if (seqs.has(sequenceOf(r.reference))) return `sequence number of ${r.reference} is used by another request`;
    return null;
  }
  const jobs: Static<typeof LegacyJob>[] = [];
  const jobIds = new Set<number>();
  let highestJobNumber = 0;
  entries(queueDoc, 'jobs', problems).forEach((entry, index) => {
    // Rejected jobs' numbers too: the printer may have seen them.
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && /#\d{1,15}$/.test(id)) highestJobNumber = Math.max(highestJobNumber, Number(id.slice(id.lastIndexOf('#') + 1)));
    let error = firstError(checkJob, entry);
    const job = entry as Static<typeof LegacyJob>;
    if (!error && !references.has(job.reference)) error = `request ${job.reference} is not among the imported requests`;
    if (!error && jobIds.has(jobNumber(job.id))) error = `job number of ${job.id} appears twice`;
    if (error) rejected.push({ file: 'print-queue.json', index, error, entry });
    else {
      jobs.push(job);
      jobIds.add(jobNumber(job.id));
    }
  });

  const rejectedRequests = rejected.filter((r) => r.file === 'requests.json').length;
  const rejectedJobs = rejected.length - rejectedRequests;
  if (rejectedRequests) problems.push(`${rejectedRequests} malformed request(s) in requests.json left out`);
  if (rejectedJobs) problems.push(`${rejectedJobs} malformed print job(s) in print-queue.json left out`);

  const declared = requestsDoc && Number.isSafeInteger((requestsDoc as { sequence?: unknown }).sequence) ? Number((requestsDoc as { sequence: number }).sequence) : 0;
  const highestStored = Math.max(0, ...seqs);
  if (requestsDoc && declared < highestStored) problems.push(`requests.json sequence ${declared} is below its highest reference number ${highestStored}`);
  // Anything odd: numbers in the damaged parts may have been handed out too.
  const highestInBytes = Math.max(0, ...texts.map((t) => highestReferenceSequence(t)));
  const sequence = problems.length > 0 ? Math.max(declared, highestStored, highestInBytes) + LEGACY_SEQUENCE_GAP : Math.max(declared, highestStored);

  let rejectedKeptAs: string | null = null;
  if (rejected.length > 0) {
    rejectedKeptAs = at(`legacy-rejected-${stamp}.json`);
    writeDurably(rejectedKeptAs, JSON.stringify({ at: now().toISOString(), rejected }, null, 2));
  }

  const queueSeq = queueDoc && Number.isSafeInteger((queueDoc as { seq?: unknown }).seq) ? Number((queueDoc as { seq: number }).seq) : 0;
  transaction(db, () => {
    const insert = insertRequestStatement(db);
    for (const r of requests) insert(sequenceOf(r.reference), r);
    const jobStore = new SqlitePrintJobStore(db);
    for (const j of jobs) jobStore.addAsIs(j);
    counters.set('reference-sequence', Math.max(counters.get('reference-sequence'), sequence));
    counters.set('print-job-sequence', Math.max(counters.get('print-job-sequence'), queueSeq, highestJobNumber));
    counters.set('legacy-imported', 1);
  });
  let keptAs: string[] = [];
  try {
    keptAs = moveAside();
    fsyncDir(dataDir);
  } catch (err) {
    problems.push(`imported, but the files could not be moved aside (${(err as Error).message}); they are moved at the next start`);
  }
  return { imported: { requests: requests.length, jobs: jobs.length }, rejected: { requests: rejectedRequests, jobs: rejectedJobs }, rejectedKeptAs, keptAs, problems, sequence: counters.get('reference-sequence') };
}

/**
 * The import itself failed (an unreadable directory, a full card): the files
 * stay where they are for the next start, and the kiosk runs on with the
 * sequence above every reference number in them.
 */
export function failedImport(dataDir: string, err: Error): LegacyImport {
  let highest = 0;
  for (const f of FILES.flatMap((f) => [f, `${f}.prev`])) {
    try {
      highest = Math.max(highest, highestReferenceSequence(readFileSync(path.join(dataDir, f))));
    } catch {
      // missing or unreadable: nothing to learn from it
    }
  }
  return {
    imported: { requests: 0, jobs: 0 },
    rejected: { requests: 0, jobs: 0 },
    rejectedKeptAs: null,
    keptAs: [],
    problems: [`could not import the JSON store (${err.message}); its files are left in place and tried again at the next start`],
    sequence: highest + LEGACY_SEQUENCE_GAP,
  };
}

/** The file, or its previous generation when the file itself cannot be parsed. */
function readDocument(dataDir: string, name: string, problems: string[]): object | null {
  for (const candidate of [name, `${name}.prev`]) {
    const file = path.join(dataDir, candidate);
    if (!existsSync(file)) continue;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        if (candidate !== name) problems.push(`${name} unreadable: imported its previous generation`);
        return parsed;
      }
      problems.push(`${candidate} is not a JSON object`);
    } catch (err) {
      problems.push(`${candidate} is not valid JSON: ${(err as Error).message}`);
    }
  }
  return null;
}

function entries(doc: object | null, key: string, problems: string[]): unknown[] {
  if (!doc) return [];
  const list = (doc as Record<string, unknown>)[key];
  if (Array.isArray(list)) return list;
  problems.push(`"${key}" is not a list`);
  return [];
}

function firstError(check: ValidateFunction, entry: unknown): string | null {
  if (check(entry)) return null;
  const e = check.errors?.[0];
  return e ? `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` : 'is invalid';
}

function sequenceOf(reference: string): number {
  return Number(reference.slice(reference.lastIndexOf('-') + 1));
}

function writeDurably(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
