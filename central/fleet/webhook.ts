// Optional webhook on up↔down. Fire-and-forget for the caller, but every
// delivery is tracked so close() can wait for them.
import type { Logger } from 'pino';
import type { WebhookEvent } from './monitor.js';

export class Webhook {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly url: string, private readonly timeoutMs: number, private readonly log: Logger, private readonly fetchImpl: typeof fetch = fetch) {}

  fire(event: WebhookEvent): void {
    const p = this.deliver(event).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async deliver(event: WebhookEvent): Promise<void> {
    try {
      const res = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: `kiosk-${event.to}`, ...event, text: `e-corner kiosk ${event.kioskId} (${event.name}) is ${event.to.toUpperCase()} (was ${event.from})` }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) this.log.warn({ event: 'webhook-failed', status: res.status, kioskId: event.kioskId }, `webhook answered ${res.status}`);
      await res.body?.cancel();
    } catch (err) {
      this.log.warn({ event: 'webhook-failed', kioskId: event.kioskId, err: (err as Error).message }, 'webhook delivery failed');
    }
  }

  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
