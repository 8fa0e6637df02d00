// Every log event id the kiosk uses (controller/, drivers/) is in the catalogue.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { LOG_EVENTS } from '../../../controller/log/events.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** `{ event: 'id'` and `, event: cond ? 'a' : 'b'` in log calls (not `(event: 'data')` in type signatures). */
export function eventIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/[{,]\s*event:\s*([^,{}]+)/g)) for (const lit of m[1]!.matchAll(/'([a-z0-9-]+)'/g)) ids.push(lit[1]!);
  return ids;
}

t.test('the extractor finds ids in log calls, including ternaries', async (t) => {
  t.same(eventIds(`log.info({ event: 'a-b', x: 1 }, 'm'); log.warn({ x, event: ok ? 'c' : 'd' })`), ['a-b', 'c', 'd']);
  t.same(eventIds(`on(event: 'data', listener)`), []);
  t.same(eventIds(`pending.push({ socket, event: { kind: 'link-closed' } })`), [], 'a parser event object is not a log id');
});

t.test('every event id used by the kiosk is catalogued', async (t) => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const used = new Map<string, string>();
  for (const dir of ['controller', 'drivers']) for (const file of sources(path.join(root, dir))) for (const id of eventIds(readFileSync(file, 'utf8'))) used.set(id, path.relative(root, file));
  t.ok(used.size > 40, `found ${used.size} ids`);
  const missing = [...used].filter(([id]) => !(id in LOG_EVENTS)).map(([id, file]) => `${id} (${file})`);
  t.same(missing, [], 'ids missing from controller/log/events.ts');
});

t.test('Fastify\'s own lines get catalogued ids', async (t) => {
  const { withFrameworkEvent } = await import('../../../controller/log/logger.js');
  t.same(withFrameworkEvent([{ req: {} }, 'incoming request']), [{ event: 'http-request', req: {} }, 'incoming request']);
  t.same(withFrameworkEvent([{ res: {}, responseTime: 2 }, 'request completed']), [{ event: 'http-response', res: {}, responseTime: 2 }, 'request completed']);
  t.same(withFrameworkEvent(['Server listening at http://127.0.0.1:1']), [{ event: 'http-listening' }, 'Server listening at http://127.0.0.1:1']);
  t.same(withFrameworkEvent([{ event: 'x', req: {} }, 'm']), [{ event: 'x', req: {} }, 'm'], 'an explicit id stays');
  for (const id of ['http-request', 'http-response', 'http-listening']) t.ok(id in LOG_EVENTS, id);
});
