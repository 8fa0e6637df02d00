// How fast the request store acknowledges a request as it grows, and what
// durability (fsync + previous generation) costs against lowdb's own writer.
// Prints ratios against a baseline measured in the same run.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { RequestStore, type StoreFile } from '../controller/store/request-store.js';
import type { StoredRequest } from '../controller/store/types.js';

const WRITES = 15;

function synthetic(n: number): StoreFile {
  const requests: StoredRequest[] = [];
  for (let i = 1; i <= n; i++) {
    requests.push({
      reference: `KE-DLS-261126-${String(i).padStart(5, '0')}`,
      service: 'billing-complaint',
      mobile: '9876543210',
      account: '1234567890',
      fields: { type: 'excess-bill', description: 'Bill for October is three times the usual amount, meter reading not taken.' },
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString(),
      dueBy: new Date(Date.UTC(2026, 0, 8) + i * 60000).toISOString(),
      kioskId: 'KE-DLS-01',
      sync: { state: 'synced', attempts: 1, ticket: `T-${i}`, centralStatus: 'closed', syncedAt: '2026-01-02T00:00:00Z' },
      receipt: { state: 'printed', at: '2026-01-01T00:00:00Z' },
    });
  }
  return { version: 1, sequence: n, requests };
}

const input = { service: 'meter-complaint' as const, mobile: '9876543210', account: '1234567890', fields: { type: 'burnt' }, dueBy: new Date() };

async function durable(n: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-bench-'));
  writeFileSync(path.join(dir, 'requests.json'), JSON.stringify(synthetic(n)));
  const store = await RequestStore.open({ dataDir: dir, kioskId: 'KE-DLS-01', siteCode: 'DLS' });
  const start = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) await store.create(input);
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / WRITES;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function stockLowdb(n: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-bench-'));
  const db = new Low<StoreFile>(new JSONFile(path.join(dir, 'requests.json')), synthetic(n));
  const start = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) {
    db.data.requests.push({ ...db.data.requests[0]!, reference: `X-${i}` });
    await db.write();
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / WRITES;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

export async function run(): Promise<void> {
  const baseline = await stockLowdb(1000);
  console.log(`store-write: baseline = lowdb JSONFile (no fsync), 1000 requests: ${baseline.toFixed(2)} ms/write`);
  for (const n of [1000, 10000, 30000]) {
    const ms = await durable(n);
    console.log(`store-write: durable create at ${String(n).padStart(5)} requests: ${ms.toFixed(2)} ms/write  ratio ${(ms / baseline).toFixed(2)}x baseline`);
  }
  const concurrent = await (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-bench-'));
    writeFileSync(path.join(dir, 'requests.json'), JSON.stringify(synthetic(1000)));
    const store = await RequestStore.open({ dataDir: dir, kioskId: 'KE-DLS-01', siteCode: 'DLS' });
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: 50 }, () => store.create(input)));
    rmSync(dir, { recursive: true, force: true });
    return Number(process.hrtime.bigint() - start) / 1e6 / 50;
  })();
  console.log(`store-write: 50 concurrent creates at 1000 requests (coalesced writes): ${concurrent.toFixed(2)} ms/request  ratio ${(concurrent / baseline).toFixed(2)}x baseline`);
}
