// Shared by the Request Tracker integration tests: a central (child process)
// configured for a test RT, a simulated kiosk pointed at it, and small probes.
import path from 'node:path';
import type { Test } from 'tap';
import { setUpRt } from '../../central/helpdesk/rt-setup.js';
import { readSecretFile } from '../../central/helpdesk/index.js';
import { newSecret } from '../../protocol/secrets.js';
import { tempDir } from './config.js';
import { startTestKiosk } from './kiosk.js';
import { repoRoot } from './process.js';
import { writeCentralConfig } from './central-process.js';
import { startRequestTracker, type TestRequestTracker } from './request-tracker.js';

export const QUEUES = { 'circle-1': 'KESCO Circle 1', 'circle-2': 'KESCO Circle 2', 'circle-3': 'KESCO Circle 3', 'circle-4': 'KESCO Circle 4' };
export const MOBILE = '9876543210';
export const billingComplaint = { service: 'billing-complaint', mobile: MOBILE, account: '1234567890', fields: { type: 'wrong-reading' } };
export const supplyComplaint = { service: 'supply-complaint', mobile: MOBILE, account: '1234567890', fields: { substation: 'phoolbagh', type: 'no-supply' } };

/** A fresh RT with the queues and custom fields central needs (what helpdesk:setup does). */
export async function startPreparedRt(t: Test): Promise<TestRequestTracker> {
  const rt = await startRequestTracker(t);
  await setUpRt({ url: rt.url, credential: await readSecretFile(`file:${rt.tokenFile}`, 'test token'), timeoutMs: 10_000, queues: QUEUES });
  return rt;
}

export interface TestSite { site: string; id: string; secret: string; dir: string; configFile: string }

/** A central config for one test kiosk, with the help desk at `rtUrl` (default: the RT itself). */
export function centralFor(rt: TestRequestTracker, site: string, rtUrl: string = rt.url): TestSite {
  const dir = tempDir('ecorner-central-rt-');
  const id = `KE-${site}-01`;
  // Real-looking secrets: central runs as in production (no --dev).
  const secret = newSecret();
  const configFile = writeCentralConfig(dir, {
    version: 1,
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: path.join(dir, 'central.sqlite'),
    // the fleet page and /api/v1/helpdesk without a viewer's token
    public: true,
    gateway: { provider: 'razorpay', webhookSecret: newSecret() },
    networkPath: path.join(repoRoot, 'config', 'network.json'),
    seedConsumers: 0,
    kiosks: [{ id, site, name: `Test ${site}`, circle: 'circle-3', substation: 'dehli-sujanpur', secret }],
    helpdesk: { type: 'rt', url: rtUrl, token: `file:${rt.tokenFile}`, queues: QUEUES, pollSeconds: 1, timeoutMs: 15_000, retryMaxSeconds: 1 },
  });
  return { site, id, secret, dir, configFile };
}

export async function kioskFor(t: Test, s: TestSite, centralUrl: string) {
  return startTestKiosk(t, {
    modify: (c) => {
      c.simulator.startCentral = false;
      c.central.url = centralUrl;
      c.central.kioskSecret = s.secret;
      c.central.retryMaxSeconds = 1;
      c.central.requestTimeoutMs = 3000;
      Object.assign(c.kiosk, { id: s.id, siteCode: s.site });
    },
  });
}

/** Waits for `probe` to return a value (not undefined), asking every 250 ms. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RT's ticket ids holding `reference` in the Reference custom field. */
export async function ticketsFor(rt: TestRequestTracker, reference: string): Promise<string[]> {
  const r = await rt.rest<{ items: Array<{ id: string }> }>('GET', `/tickets?query=${encodeURIComponent(`'CF.{Reference}' = '${reference}'`)}&per_page=50`);
  return r.json.items.map((i) => String(i.id));
}

type Injectable = { app: { inject(o: { method: string; url: string; payload?: unknown }): Promise<{ statusCode: number; json(): any }> } };

export async function submit(kiosk: Injectable, payload: Record<string, unknown>): Promise<{ reference: string; dueBy: string }> {
  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload });
  if (res.statusCode !== 201) throw new Error(`kiosk refused the request: ${res.statusCode} ${JSON.stringify(res.json())}`);
  return res.json();
}

export async function helpdeskHealth(centralUrl: string): Promise<{ state: string; pending: number; error?: string }> {
  return (await fetch(`${centralUrl}/api/v1/helpdesk`)).json() as Promise<{ state: string; pending: number; error?: string }>;
}
