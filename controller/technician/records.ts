// What a technician leaves behind on the kiosk: self-test records and the
// maintenance window. Kept in <dataDir>/technician.json through the durable
// writer (fsync, previous generation) behind a small interface, so it can
// move into the SQLite store later without touching its users.
import path from 'node:path';
import { DurableJsonFile, type RecoveryReport } from '../store/durable-json-file.js';

export type SelfTestName = 'printer-test-page' | 'leds-cycle' | 'scan-test-code';
export const SELF_TEST_NAMES: readonly SelfTestName[] = ['printer-test-page', 'leds-cycle', 'scan-test-code'];

export interface SelfTestRecord {
  name: SelfTestName;
  ok: boolean;
  at: string;
  detail: string;
  /** the technician session that ran it ("technician@192.168.1.20") */
  by: string;
}

export interface TechnicianRecords {
  selfTests(): readonly SelfTestRecord[];
  /** the newest record of each self-test, for the heartbeat and the page */
  latestSelfTests(): SelfTestRecord[];
  addSelfTest(record: SelfTestRecord): Promise<void>;
  maintenanceUntil(): Date | null;
  setMaintenance(until: Date | null): Promise<void>;
}

interface RecordsFile {
  version: 1;
  selfTests: SelfTestRecord[];
  maintenanceUntil: string | null;
}

const KEEP_SELF_TESTS = 100;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export function validateRecordsFile(data: unknown): { ok: true; value: RecordsFile } | { ok: false; error: string } {
  const d = data as Partial<RecordsFile> | null;
  if (!d || typeof d !== 'object' || d.version !== 1) return { ok: false, error: 'not a technician records file (version 1)' };
  if (!Array.isArray(d.selfTests)) return { ok: false, error: 'selfTests: not a list' };
  for (const [i, t] of d.selfTests.entries()) {
    if (!t || !SELF_TEST_NAMES.includes(t.name) || typeof t.ok !== 'boolean' || typeof t.at !== 'string' || !ISO.test(t.at) || typeof t.detail !== 'string' || typeof t.by !== 'string') {
      return { ok: false, error: `selfTests[${i}]: not a self-test record` };
    }
  }
  if (d.maintenanceUntil !== null && (typeof d.maintenanceUntil !== 'string' || !ISO.test(d.maintenanceUntil))) return { ok: false, error: 'maintenanceUntil: not a time or null' };
  return { ok: true, value: d as RecordsFile };
}

export class TechnicianRecordsFile implements TechnicianRecords {
  private data: RecordsFile = { version: 1, selfTests: [], maintenanceUntil: null };
  /** set when start-up found the file unreadable (kept aside, previous generation restored) */
  recovery: RecoveryReport | null = null;

  private constructor(private readonly file: DurableJsonFile<RecordsFile>) {}

  static async open(dataDir: string, now: () => Date): Promise<TechnicianRecordsFile> {
    const file = new DurableJsonFile<RecordsFile>(path.join(dataDir, 'technician.json'), validateRecordsFile, now);
    const records = new TechnicianRecordsFile(file);
    const loaded = await file.read();
    records.recovery = file.recovery;
    if (loaded) records.data = loaded;
    return records;
  }

  selfTests(): readonly SelfTestRecord[] {
    return this.data.selfTests;
  }

  latestSelfTests(): SelfTestRecord[] {
    const latest = new Map<string, SelfTestRecord>();
    for (const t of this.data.selfTests) latest.set(t.name, t);
    return [...latest.values()];
  }

  async addSelfTest(record: SelfTestRecord): Promise<void> {
    // In memory first, so records arriving together are all kept (writes coalesce).
    this.data = { ...this.data, selfTests: [...this.data.selfTests, record].slice(-KEEP_SELF_TESTS) };
    await this.file.write(this.data);
  }

  maintenanceUntil(): Date | null {
    return this.data.maintenanceUntil ? new Date(this.data.maintenanceUntil) : null;
  }

  async setMaintenance(until: Date | null): Promise<void> {
    this.data = { ...this.data, maintenanceUntil: until ? until.toISOString() : null };
    await this.file.write(this.data);
  }
}
