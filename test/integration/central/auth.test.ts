// Tampering, unknown kiosk, stale timestamp and replayed nonce: all 401, nothing stored.
import t from 'tap';
import { heartbeat, KIOSKS, startTestCentral } from '../../fixtures/central/central-helper.js';

t.test('a correctly signed heartbeat is accepted and stored', async (t) => {
  const c = await startTestCentral(t);
  const res = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock));
  t.equal(res.status, 200);
  t.equal(res.json.state, 'up');
  t.equal(c.count('heartbeats'), 1);
});

t.test('refusals', async (t) => {
  const c = await startTestCentral(t);
  const hb = heartbeat('KE-DLS-01', c.clock);
  const nothingStored = (t: Tap) => {
    t.equal(c.count('heartbeats'), 0, 'no heartbeat stored');
    t.equal(c.count('transitions'), 0, 'no transition recorded');
    const row = c.app.central.db.prepare(`SELECT last_seen_at FROM kiosks WHERE id = 'KE-DLS-01'`).get() as { last_seen_at: string | null };
    t.equal(row.last_seen_at, null, 'kiosk not marked seen');
  };
  type Tap = typeof t;

  await t.test('tampered body', async (t) => {
    const signedFor = JSON.stringify(hb);
    const tampered = JSON.stringify({ ...hb, version: '9.9.9' });
    // sign the original, send another body under the same headers
    const res = await c.kioskFetch('POST', '/api/v1/heartbeats', undefined, { rawBody: signedFor, tamper: () => {} });
    t.equal(res.status, 200, 'control: untampered passes');
    const { signRequest } = await import('../../../protocol/signing.js');
    const headers = signRequest(KIOSKS[0]!.secret, { kioskId: 'KE-DLS-01', method: 'POST', path: '/api/v1/heartbeats', body: signedFor }, c.clock.now());
    const r2 = await fetch(`${c.url}/api/v1/heartbeats`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: tampered, signal: AbortSignal.timeout(5000) });
    t.equal(r2.status, 401);
    const body = await r2.json();
    t.equal(body.reason, 'bad-signature');
    t.equal(c.count('heartbeats'), 1, 'only the control heartbeat is stored');
    t.equal((c.app.central.db.prepare(`SELECT version FROM kiosks WHERE id = 'KE-DLS-01'`).get() as { version: string }).version, '0.1.0', 'tampered version not stored');
    c.app.central.db.exec(`DELETE FROM heartbeats; UPDATE kiosks SET last_seen_at = NULL, last_heartbeat = NULL, state = 'new'; DELETE FROM transitions;`);
  });

  await t.test('tampered signature, path or kiosk header', async (t) => {
    for (const [name, tamper] of [
      ['signature flipped', (h: Record<string, string>) => { h['x-ecorner-signature'] = (h['x-ecorner-signature']![0] === 'a' ? 'b' : 'a') + h['x-ecorner-signature']!.slice(1); }],
      ['timestamp changed by one second', (h: Record<string, string>) => { h['x-ecorner-timestamp'] = String(Number(h['x-ecorner-timestamp']) - 1); }],
      ['signed as another kiosk', (h: Record<string, string>) => { h['x-ecorner-kiosk'] = 'KE-PHB-01'; }],
    ] as const) {
      const res = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { tamper });
      t.equal(res.status, 401, name);
      t.equal(res.json.reason, 'bad-signature', name);
    }
    nothingStored(t);
  });

  await t.test('unknown kiosk', async (t) => {
    const res = await c.kioskFetch('POST', '/api/v1/heartbeats', { ...hb, kioskId: 'KE-XXX-99' }, { kioskId: 'KE-XXX-99', secret: 'some-secret-nobody-knows' });
    t.equal(res.status, 401);
    t.equal(res.json.reason, 'unknown-kiosk');
    nothingStored(t);
  });

  await t.test('stale timestamp, both directions', async (t) => {
    for (const offset of [-301, 301]) {
      const res = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { at: new Date(c.clock.now().getTime() + offset * 1000) });
      t.equal(res.status, 401, `offset ${offset} s`);
      t.equal(res.json.reason, 'stale-timestamp');
    }
    nothingStored(t);
  });

  await t.test('missing and malformed headers', async (t) => {
    const res = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { tamper: (h) => { delete h['x-ecorner-nonce']; } });
    t.equal(res.status, 401);
    t.equal(res.json.reason, 'missing-headers');
    t.match(res.json.message, /x-ecorner-nonce/);
    const bad = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { tamper: (h) => { h['x-ecorner-signature'] = 'zz'; } });
    t.equal(bad.json.reason, 'malformed-headers');
    nothingStored(t);
  });

  await t.test('replayed nonce', async (t) => {
    const nonce = 'nonce-replay-test-0001';
    const first = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { nonce });
    t.equal(first.status, 200);
    t.equal(c.count('heartbeats'), 1);
    const again = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { nonce });
    t.equal(again.status, 401);
    t.equal(again.json.reason, 'replayed-nonce');
    t.equal(c.count('heartbeats'), 1, 'replay stored nothing');
    // A request with a bad signature must not burn the nonce a real kiosk will use.
    const fresh = 'nonce-not-burnt-00002';
    await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { nonce: fresh, secret: 'wrong-secret-wrong-secret' });
    const real = await c.kioskFetch('POST', '/api/v1/heartbeats', hb, { nonce: fresh });
    t.equal(real.status, 200, 'forged request did not consume the nonce');
  });

  t.test('refusals are counted in /metrics', async (t) => {
    const text = await (await fetch(`${c.url}/metrics`)).text();
    t.match(text, /ecorner_central_auth_failures_total\{reason="bad-signature"\} [1-9]/);
    t.match(text, /ecorner_central_auth_failures_total\{reason="replayed-nonce"\} 1/);
  });
});

t.test('a signed request with bad JSON or a wrong shape gets 400 and stores nothing', async (t) => {
  const c = await startTestCentral(t);
  const badJson = await c.kioskFetch('POST', '/api/v1/heartbeats', undefined, { rawBody: '{"kioskId": "KE-DLS-01",' });
  t.equal(badJson.status, 400);
  t.equal(badJson.json.error, 'bad-json');
  const wrong = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, { uptimeSeconds: 'long', extra: 1 }));
  t.equal(wrong.status, 400);
  t.equal(wrong.json.error, 'bad-request');
  t.match(wrong.json.message, /uptimeSeconds/);
  const other = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-PHB-01', c.clock));
  t.equal(other.status, 403, 'a kiosk cannot heartbeat for another');
  t.equal(other.json.error, 'kiosk-mismatch');
  t.equal(c.count('heartbeats'), 0);
});
