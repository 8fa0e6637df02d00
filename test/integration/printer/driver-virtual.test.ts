// The real driver and TCP transport against the virtual printer over a socket.
import t, { type Test } from 'tap';
import { EscPosPrinter } from '../../../drivers/printer/driver.js';
import { encodeDocument } from '../../../drivers/printer/escpos.js';
import { TcpPort } from '../../../drivers/printer/tcp.js';
import type { PrinterStatus } from '../../../drivers/printer/types.js';
import { VirtualPrinter, type VirtualJob } from '../../../drivers/printer/virtual.js';
import { until } from '../../helpers/until.js';

const job = encodeDocument({ blocks: [{ kind: 'text', text: 'hello' }, { kind: 'text', text: 'नमस्ते' }, { kind: 'qr', data: 'KE-TST-000000-00001' }] }, { paperWidthMm: 58 });


async function setup(t: Test) {
  const virtual = new VirtualPrinter({ port: 0 });
  const port = await virtual.start();
  const printer = new EscPosPrinter(new TcpPort({ host: '127.0.0.1', port, backoff: { initialMs: 20, maxMs: 100 } }), {
    paperWidthMm: 58, statusPollMs: 5000, statusTimeoutMs: 150, confirmTimeoutMs: 1000,
  });
  const changes: PrinterStatus[] = [];
  printer.onStatus((s) => changes.push(s));
  printer.start();
  t.teardown(async () => {
    await printer.stop();
    await virtual.stop();
  });
  await until(() => printer.status.state === 'ready');
  return { virtual, printer, changes, port };
}

t.test('prints a job and the virtual printer parses it', async (t) => {
  const { virtual, printer } = await setup(t);
  const got = new Promise<VirtualJob>((r) => virtual.onJob(r));
  const result = await printer.print(job, 'j1');
  t.same(result, { ok: true, value: 'printed' }, 'confirmed by GS r (epson profile, probed)');
  t.match(printer.confirmation, { configured: 'auto', method: 'gs-r' });
  const printed = await got;
  t.equal(printed.cut, true);
  t.ok(printed.items.some((i) => i.type === 'text' && i.text === 'hello'));
  t.ok(printed.items.some((i) => i.type === 'raster'));
  t.ok(printed.items.some((i) => i.type === 'qr' && i.data === 'KE-TST-000000-00001'));
  t.equal(virtual.jobs.length, 1);
});

t.test('paper out, cover open and offline are seen through DLE EOT', async (t) => {
  const { virtual, printer, changes } = await setup(t);
  virtual.setCondition({ paper: 'out' });
  t.same(await printer.refreshStatus(), { state: 'paper-end' });
  const refused = await printer.print(job, 'j2');
  t.match(refused, { ok: false, error: { kind: 'not-ready', status: { state: 'paper-end' } } });
  virtual.setCondition({ paper: 'ok', cover: 'open' });
  t.same(await printer.refreshStatus(), { state: 'cover-open' });
  virtual.setCondition({ cover: 'closed', paper: 'near-end' });
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: true });
  virtual.setCondition({ online: false });
  t.same(await printer.refreshStatus(), { state: 'offline', cause: 'no-reply' });
  t.same(await printer.refreshStatus(), { state: 'offline', cause: 'no-reply' }, 'still offline');
  virtual.setCondition({ online: true, paper: 'ok' });
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: false });
  t.same(changes.map((c) => c.state), ['ready', 'paper-end', 'cover-open', 'ready', 'offline', 'ready'], 'one event per change');
  t.equal(virtual.jobs.length, 0, 'nothing printed while not ready');
});

t.test('a job sent just before the paper runs out is confirmed late, once', async (t) => {
  const { virtual, printer } = await setup(t);
  // Status says ready, then the paper ends as the job arrives: the printer holds the data.
  const write = (printer as unknown as { port: TcpPort }).port;
  const original = write.write.bind(write);
  let first = true;
  write.write = async (bytes: Uint8Array) => {
    if (first && bytes.length > 100) {
      first = false;
      virtual.setCondition({ paper: 'out' });
    }
    return original(bytes);
  };
  const result = await printer.print(job, 'late');
  t.match(result, { ok: false, error: { kind: 'unconfirmed', status: { state: 'paper-end' } } });
  t.equal(virtual.jobs.length, 0);
  virtual.setCondition({ paper: 'ok' });
  await until(() => virtual.jobs.length === 1);
  t.equal(await printer.settle('late'), 'printed', 'the held job printed: no resend needed');
  t.equal(await printer.settle('never-sent'), 'uncertain', 'a job this driver never sent: nobody knows');
});

t.test('reconnects after the printer goes away and comes back', async (t) => {
  const { virtual, printer, port } = await setup(t);
  await virtual.stop();
  await until(() => printer.status.state === 'offline');
  t.match(printer.status, { state: 'offline', cause: 'disconnected' });
  const again = new VirtualPrinter({ port });
  await again.start();
  t.teardown(() => again.stop());
  // The driver reopens the link by itself (backoff) and asks for status on connect.
  await until(() => printer.status.state === 'ready');
  t.same(await printer.refreshStatus(), { state: 'ready', paperNearEnd: false });
  t.same(await printer.print(job, 'after'), { ok: true, value: 'printed' });
  t.equal(again.jobs.length, 1);
});
