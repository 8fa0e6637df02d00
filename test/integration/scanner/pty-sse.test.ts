// Done-when test of issue 4: bytes written into one end of a socat pty come
// out as a `scan` SSE event (real serial driver, real HTTP), and killing and
// restarting socat 20 times is survived without leaking file descriptors.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { createLogger } from '../../../controller/log/logger.js';
import { eventsRoutes } from '../../../controller/routes/events/index.js';
import { ScannerService } from '../../../controller/scanner/service.js';
import { SerialScanner } from '../../../drivers/scanner/serial.js';
import { SocatPtyPair } from '../../../drivers/scanner/virtual.js';
import { connectSse, fdCount, type SseMessage } from './fixtures/sse-client.js';

const isScan = (value: string) => (m: SseMessage): boolean => m.data.type === 'scan' && m.data.value === value;
const scannerState = (...states: string[]) => (m: SseMessage): boolean =>
  m.data.type === 'device-status' && m.data.device === 'scanner' && states.includes((m.data.health as { state: string }).state);

t.test('socat pty → serial driver → SSE scan event; 20 socat restarts survived without fd leak', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ecorner-pty-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pty = new SocatPtyPair({ dir });
  t.teardown(() => pty.stop());
  await pty.start();

  const bus = new EventBus();
  const health = new HealthRegistry(bus);
  const log = createLogger({ level: 'silent' });
  const scanner = new SerialScanner({ path: pty.devicePath, baudRate: 9600, suffix: '\r\n', maxLength: 512, log, reconnect: { initialMs: 20, maxMs: 200 }, presenceCheckMs: 100 });
  const service = new ScannerService({ scanner, config: { aimPrefix: false, maxLength: 512, duplicateWindowMs: 1500 }, bus, health, log });

  // fetch (undici) may hold a spare, request-less socket that 'idle' closing does not count as idle.
  const app = Fastify({ forceCloseConnections: true });
  await app.register(eventsRoutes, { bus, health, heartbeatMs: 1000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const address = app.server.address() as { port: number };
  const sse = await connectSse(`http://127.0.0.1:${address.port}/api/events`);
  t.teardown(() => sse.close());
  t.equal(sse.status, 200);
  t.match(sse.contentType, /^text\/event-stream/);
  t.equal((await sse.next()).data.type, 'snapshot', 'first message is the snapshot');

  await service.start();
  t.teardown(() => service.stop());
  await sse.next(scannerState('ready'));

  await pty.write(Buffer.from('1234567890\r\n'));
  const scan = await sse.next((m) => m.data.type === 'scan');
  t.same(Object.keys(scan.data).sort(), ['at', 'kind', 'type', 'value'], 'exactly type, kind, value, at');
  t.match(scan.data, { type: 'scan', kind: 'account', value: '1234567890' });
  t.ok(!Number.isNaN(Date.parse(scan.data.at as string)), 'at is an ISO time');

  let baseline = -1;
  for (let i = 0; i < 20; i++) {
    await pty.stop(); // the "device" disappears: socat dies, its ptys and links go
    await sse.next(scannerState('disconnected', 'not-found', 'read-failed'), 5000);
    await pty.start(); // and comes back under the same link names
    await sse.next(scannerState('ready'), 5000);
    const value = String(2000000000 + i);
    await pty.write(Buffer.from(`${value}\r\n`));
    const ev = await sse.next(isScan(value), 5000);
    t.equal(ev.data.kind, 'account');
    if (i === 0) baseline = fdCount(); // after one full cycle every lazily made handle exists
  }
  t.equal(fdCount(), baseline, `fd count unchanged after 20 restarts (${baseline})`);
  t.equal(scanner.status().state, 'ready');
});
