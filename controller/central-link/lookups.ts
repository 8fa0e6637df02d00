// Look-ups of requests made at other kiosks go to central, so a wrong-mobile
// guessing game at the touchscreen would become signed calls to central.
// Answers (found or not) are kept briefly, so asking twice costs one call;
// the rate limit itself is the route's (@fastify/rate-limit).
import type { RequestLookup, RequestLookupReply } from '../../protocol/requests.js';
import type { CentralClient, CentralResult } from './client.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 500;

export class CachedLookups {
  private readonly cache = new Map<string, { at: number; result: CentralResult<RequestLookupReply> }>();

  constructor(private readonly client: Pick<CentralClient, 'lookupRequest'>, private readonly clock: () => number = Date.now) {}

  async lookupRequest(body: RequestLookup): Promise<CentralResult<RequestLookupReply>> {
    const key = `${body.reference}|${body.mobile}`;
    const now = this.clock();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.result;
    const result = await this.client.lookupRequest(body);
    // Only central's own answers are kept: an outage must not stick for 30 s.
    if (result.ok || (result.error.kind === 'http' && result.error.status === 404)) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { at: now, result });
    }
    return result;
  }

  /** Whether this look-up would be answered from the cache (and so costs central nothing). */
  cached(body: RequestLookup): boolean {
    const hit = this.cache.get(`${body.reference}|${body.mobile}`);
    return hit !== undefined && this.clock() - hit.at < TTL_MS;
  }
}
