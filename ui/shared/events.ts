// The kiosk's live events (GET /api/events, Server-Sent Events). Every
// message is JSON with a `type`; a (re)connect starts with a snapshot.
// EventSource retries by itself; when the server refused the stream
// outright (readyState CLOSED), we reopen it after a pause.
import type { KioskEvent } from './types.js';

const KNOWN = new Set(['scan', 'snapshot', 'device-status', 'receipt-state']);

export function parseEvent(data: string): KioskEvent | null {
  try {
    const v = JSON.parse(data) as { type?: unknown };
    return v && typeof v === 'object' && typeof v.type === 'string' && KNOWN.has(v.type) ? (v as KioskEvent) : null;
  } catch {
    return null;
  }
}

export interface EventsConnection {
  close(): void;
}

export function connectEvents(onEvent: (e: KioskEvent) => void, onConnection?: (open: boolean) => void, url = '/api/events'): EventsConnection {
  let source: EventSource | null = null;
  let timer: number | undefined;
  let closed = false;
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => onConnection?.(true);
    source.onmessage = (m: MessageEvent<string>) => {
      const e = parseEvent(m.data);
      if (e) onEvent(e);
    };
    source.onerror = () => {
      onConnection?.(false);
      if (source && source.readyState === EventSource.CLOSED && !closed) {
        source = null;
        timer = window.setTimeout(open, 5000);
      }
    };
  };
  open();
  return {
    close() {
      closed = true;
      window.clearTimeout(timer);
      source?.close();
    },
  };
}
