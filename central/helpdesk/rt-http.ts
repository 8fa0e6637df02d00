// A small REST2 client for Request Tracker 5: JSON in and out, one timeout
// per call, and every failure turned into a HelpDeskError that says what
// happened (unreachable, timeout, refused with RT's own message, bad reply).
import { HelpDeskError } from './types.js';

export interface RtHttpOptions {
  /** RT's base URL, e.g. https://rt.kesco.local or http://127.0.0.1:8080/rt */
  url: string;
  /** an RT auth token ("1-14-…"), or "user:password" for basic authentication */
  credential: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export class RtHttp {
  readonly base: string;
  private readonly auth: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly o: RtHttpOptions) {
    this.base = `${o.url.replace(/\/+$/, '')}/REST/2.0`;
    this.auth = o.credential.includes(':')
      ? `Basic ${Buffer.from(o.credential).toString('base64')}`
      : `token ${o.credential}`;
    this.fetchImpl = o.fetch ?? fetch;
  }

  async get<T>(path: string, query: Record<string, string | number> = {}, signal?: AbortSignal): Promise<T> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return this.call<T>('GET', qs ? `${path}?${qs}` : path, undefined, signal);
  }

  async post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.call<T>('POST', path, body, signal);
  }

  async put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.call<T>('PUT', path, body, signal);
  }

  private async call<T>(method: string, path: string, body: unknown, outer?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const where = `${method} ${this.base}${path.split('?')[0]}`;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal,
      });
    } catch (err) {
      if (timeout.aborted) throw new HelpDeskError(`${where}: no answer within ${this.o.timeoutMs} ms`, 'timeout');
      throw new HelpDeskError(`${where}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`, 'unreachable');
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) throw new HelpDeskError(`${where}: answer cut off after ${this.o.timeoutMs} ms`, 'timeout');
      throw new HelpDeskError(`${where}: answer cut off: ${(err as Error).message}`, 'unreachable');
    }
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      throw new HelpDeskError(`${where}: HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`, 'bad-reply', res.status);
    }
    if (!res.ok) {
      const message = json && typeof json === 'object' && 'message' in json ? String((json as { message: unknown }).message) : text.slice(0, 200);
      throw new HelpDeskError(`${where}: HTTP ${res.status}: ${message}`, res.status >= 500 ? 'unreachable' : 'refused', res.status);
    }
    return json as T;
  }
}
