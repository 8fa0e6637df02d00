// A kiosk at work (a submission, a scan, paper out, a technician login and
// test page): every log line it writes carries a catalogued event id.
import { Writable } from 'node:stream';
import t from 'tap';
import { startKiosk } from '../../../controller/kiosk.js';
import { LOG_EVENTS } from '../../../controller/log/events.js';
import { createLogger } from '../../../controller/log/logger.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';

t.test('every line has an event id from controller/log/events.ts', async (t) => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
  const kiosk = await startKiosk(loadTestConfig(tempDir()), { simulator: true, log });
  const json = { 'content-type': 'application/json' };
  await fetch(`${kiosk.url}/api/requests`, { method: 'POST', headers: json, body: JSON.stringify({ service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } }) });
  await fetch(`${kiosk.url}/api/requests`, { method: 'POST', headers: json, body: JSON.stringify({ service: 'billing-complaint', mobile: '12', account: '1', fields: {} }) });
  await fetch(`${kiosk.url}/api/sim/scan`, { method: 'POST', headers: json, body: JSON.stringify({ data: '1234567890' }) });
  const base = kiosk.technician.url!;
  await fetch(`${base}/api/technician/login`, { method: 'POST', headers: { ...json, origin: base }, body: '{"pin":"731904"}' });
  const login = await fetch(`${base}/api/technician/login`, { method: 'POST', headers: { ...json, origin: base }, body: '{"pin":"246810"}' });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  await fetch(`${base}/api/technician/printer/test-page`, { method: 'POST', headers: { cookie, origin: base } });
  await fetch(`${kiosk.url}/api/sim/printer`, { method: 'POST', headers: json, body: JSON.stringify({ paper: 'out' }) });
  await kiosk.stop();

  // The simulator's in-process central logs central's own events (module central-sim): not the kiosk's.
  const parsed = lines.map((l) => JSON.parse(l) as { event?: string; msg?: string; module?: string }).filter((p) => p.module !== 'central-sim');
  t.ok(parsed.length > 20, `${parsed.length} lines`);
  const without = parsed.filter((p) => !p.event).map((p) => p.msg);
  t.same(without, [], 'lines without an event id');
  const unknown = parsed.filter((p) => p.event && !(p.event in LOG_EVENTS)).map((p) => p.event);
  t.same(unknown, [], 'ids not in the catalogue');
  t.notMatch(lines.join('\n'), /9876543210/, 'no mobile number');
  t.notMatch(lines.join('\n'), /731904/, 'no tried PIN');
  t.same(lines.filter((l) => l.includes('246810')).map((l) => (JSON.parse(l) as { event: string }).event), ['technician-simulator-pin'], 'the simulator PIN only where it is announced');
});
