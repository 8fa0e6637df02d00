// GET /api/events — Server-Sent Events for the touchscreen and the status page.
// Every message is `data: <JSON with a "type">` with no SSE event name, so a
// browser EventSource gets all of them through onmessage. A client that
// (re)connects first gets {"type":"snapshot", ...} with the health of every
// part, so it never has to guess what it missed. Comment lines keep proxies
// and the browser from timing the stream out.
import type { FastifyPluginAsync } from 'fastify';
import type { EventBus, EventMap } from '../../events/bus.js';
import type { HealthRegistry } from '../../health/registry.js';

export interface EventsRoutesOptions {
  bus: EventBus;
  health: HealthRegistry;
  /** comment heartbeat period (default 15 s) */
  heartbeatMs?: number;
  /** a client that lets this much output pile up is dropped (it reconnects and gets a snapshot) */
  maxBufferedBytes?: number;
  now?: () => Date;
}

/** Formats one SSE message. JSON never contains a raw newline, so one data line suffices. */
export function sseMessage(data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

export const eventsRoutes: FastifyPluginAsync<EventsRoutesOptions> = async (app, options) => {
  const { bus, health } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBuffered = options.maxBufferedBytes ?? 1 << 20;
  const now = options.now ?? (() => new Date());
  const open = new Set<() => void>();
  let nextId = 1;

  // Close streams on app.close(), or the server would wait for them forever.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    // A stream's connection is never reused: closing it with the stream lets
    // app.close() finish at once instead of waiting for keep-alive timeouts.
    res.shouldKeepAlive = false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
    });
    const owner = {};
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      bus.removeListeners(owner);
      open.delete(end);
      // Destroy, not end: a stream has no graceful finish, and a client that
      // stopped reading would otherwise hold the socket (and app.close()) for
      // its keep-alive timeout.
      res.destroy();
    };
    const send = (data: unknown): void => {
      if (ended) return;
      if (res.writableLength > maxBuffered) {
        request.log.warn({ event: 'events-client-slow' }, 'SSE client too slow; dropping it');
        end();
        return;
      }
      res.write(sseMessage(data, nextId++));
    };
    open.add(end);
    request.raw.on('close', end);
    res.on('close', end);
    res.on('error', end);

    res.write('retry: 3000\n\n');
    send({ type: 'snapshot', at: now().toISOString(), health: health.snapshot() });
    bus.on(owner, 'scan', (scan) => send(scan));
    bus.on(owner, 'device-status', (s: EventMap['device-status']) => send({ type: 'device-status', device: s.device, health: s.health }));
    bus.on(owner, 'receipt-state', (r: EventMap['receipt-state']) => send({ type: 'receipt-state', ...r }));
    const heartbeat = setInterval(() => {
      if (!ended) res.write(`: keep-alive ${now().toISOString()}\n\n`);
    }, heartbeatMs);
    heartbeat.unref();
  });
};
