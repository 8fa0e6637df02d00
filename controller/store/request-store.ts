// The kiosk's durable request store (lowdb over DurableJsonFile). A request
// is on disk, fsync'd, before create() resolves, so the 201 the consumer sees
// always describes a request that survives a power cut.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, type RecoveryReport, type Validator } from './durable-json-file.js';
import { formatReference } from './reference.js';
import type { FieldValue, OutboxStore, ReceiptState, ReceiptStore, RequestExtras, ServiceId, StoredRequest } from './types.js';

export interface StoreFile {
  version: 1;
  sequence: number;
  requests: StoredRequest[];
}

/** Sequence numbers skipped after restoring an older generation: the lost
 *  write may have handed out references that must never be reused. */
export const SEQUENCE_GAP_AFTER_RESTORE = 1000;

export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
}

export const validateStoreFile: Validator<StoreFile> = (data) => {
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'not an object' };
  const d = data as Partial<StoreFile>;
  if (d.version !== 1) return { ok: false, error: `unknown version ${String(d.version)}` };
  if (!Number.isSafeInteger(d.sequence) || (d.sequence as number) < 0) return { ok: false, error: 'sequence is not a non-negative integer' };
  if (!Array.isArray(d.requests)) return { ok: false, error: 'requests is not an array' };
  for (const [i, r] of d.requests.entries()) {
    if (typeof r !== 'object' || r === null || typeof r.reference !== 'string' || typeof r.service !== 'string' || typeof r.createdAt !== 'string' || typeof r.sync !== 'object' || r.sync === null) {
      return { ok: false, error: `requests[${i}] is malformed` };
    }
  }
  return { ok: true, value: d as StoreFile };
};

export interface NewRequest {
  service: ServiceId;
  mobile: string;
  account?: string;
  fields: Record<string, FieldValue>;
  dueBy: Date;
  extra?: RequestExtras;
}

export interface RequestStoreOptions {
  dataDir: string;
  kioskId: string;
  siteCode: string;
  now?: () => Date;
}

export class RequestStore implements OutboxStore, ReceiptStore {
  private readonly byReference = new Map<string, StoredRequest>();

  private constructor(
    private readonly db: Low<StoreFile>,
    private readonly adapter: DurableJsonFile<StoreFile>,
    private readonly options: Required<RequestStoreOptions>,
  ) {
    for (const r of db.data.requests) this.byReference.set(r.reference, r);
  }

  static async open(options: RequestStoreOptions): Promise<RequestStore> {
    const opts = { now: () => new Date(), ...options };
    await mkdir(opts.dataDir, { recursive: true });
    const adapter = new DurableJsonFile<StoreFile>(path.join(opts.dataDir, 'requests.json'), validateStoreFile, opts.now);
    const db = new Low<StoreFile>(adapter, { version: 1, sequence: 0, requests: [] });
    await db.read();
    if (adapter.recovery) {
      db.data.sequence += SEQUENCE_GAP_AFTER_RESTORE;
      await db.write();
    }
    return new RequestStore(db, adapter, opts);
  }

  /** Set when start-up found the store corrupt; reported in logs and health. */
  get recovery(): RecoveryReport | null {
    return this.adapter.recovery;
  }

  get size(): number {
    return this.db.data.requests.length;
  }

  get filePath(): string {
    return this.adapter.filePath;
  }

  async create(input: NewRequest): Promise<StoredRequest> {
    const createdAt = this.options.now();
    const sequence = ++this.db.data.sequence; // never rolled back: a gap is harmless, reuse is not
    const request: StoredRequest = {
      reference: formatReference(this.options.siteCode, createdAt, sequence),
      service: input.service,
      mobile: input.mobile,
      ...(input.account !== undefined ? { account: input.account } : {}),
      fields: input.fields,
      ...input.extra,
      createdAt: createdAt.toISOString(),
      dueBy: input.dueBy.toISOString(),
      kioskId: this.options.kioskId,
      sync: { state: 'pending', attempts: 0 },
      receipt: { state: 'pending' },
    };
    this.db.data.requests.push(request);
    this.byReference.set(request.reference, request);
    try {
      await this.db.write();
    } catch (err) {
      // Not on disk, so not accepted: take it back out of memory too.
      const i = this.db.data.requests.indexOf(request);
      if (i >= 0) this.db.data.requests.splice(i, 1);
      this.byReference.delete(request.reference);
      throw new StoreWriteError(`request store write failed: ${(err as Error).message}`, { cause: err });
    }
    return request;
  }

  get(reference: string): StoredRequest | undefined {
    return this.byReference.get(reference);
  }

  /** Lookup for consumers: the mobile must match, so references cannot be enumerated. */
  findForConsumer(reference: string, mobile: string): StoredRequest | undefined {
    const r = this.byReference.get(reference);
    return r && r.mobile === mobile ? r : undefined;
  }

  all(): readonly StoredRequest[] {
    return this.db.data.requests;
  }

  async setReceipt(reference: string, receipt: ReceiptState): Promise<void> {
    const r = this.byReference.get(reference);
    if (!r) return;
    r.receipt = receipt;
    await this.db.write();
  }

  pendingSync(limit: number): StoredRequest[] {
    const out: StoredRequest[] = [];
    for (const r of this.db.data.requests) {
      if (r.sync.state === 'pending') out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  async markSynced(reference: string, ticket: string, centralStatus: string): Promise<void> {
    const r = this.byReference.get(reference);
    if (!r) return;
    r.sync = { ...r.sync, state: 'synced', ticket, centralStatus, syncedAt: this.options.now().toISOString() };
    delete r.sync.lastError;
    await this.db.write();
  }

  markSyncFailed(reference: string, error: string): void {
    const r = this.byReference.get(reference);
    if (!r) return;
    r.sync.attempts += 1;
    r.sync.lastError = error;
    r.sync.lastAttemptAt = this.options.now().toISOString();
  }

  async updateCentralStatus(reference: string, centralStatus: string): Promise<void> {
    const r = this.byReference.get(reference);
    if (!r || r.sync.centralStatus === centralStatus) return;
    r.sync.centralStatus = centralStatus;
    await this.db.write();
  }

  async requeueAll(): Promise<number> {
    let n = 0;
    for (const r of this.db.data.requests) {
      if (r.sync.state !== 'synced') continue;
      r.sync = { ...r.sync, state: 'pending' };
      n += 1;
    }
    if (n > 0) await this.db.write();
    return n;
  }

  backlog(now: Date): { depth: number; oldestAgeSeconds: number | null } {
    let depth = 0;
    let oldest: string | null = null;
    for (const r of this.db.data.requests) {
      if (r.sync.state !== 'pending') continue;
      depth += 1;
      if (oldest === null || r.createdAt < oldest) oldest = r.createdAt;
    }
    return { depth, oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) };
  }

  /** Drops requests central already holds that are older than the cut-off; keeps the file small. */
  async prune(olderThanDays: number): Promise<number> {
    const cutoff = this.options.now().getTime() - olderThanDays * 86400 * 1000;
    const keep: StoredRequest[] = [];
    let removed = 0;
    for (const r of this.db.data.requests) {
      if (r.sync.state === 'synced' && Date.parse(r.createdAt) < cutoff) {
        this.byReference.delete(r.reference);
        removed += 1;
      } else keep.push(r);
    }
    if (removed > 0) {
      this.db.data.requests = keep;
      await this.db.write();
    }
    return removed;
  }
}
