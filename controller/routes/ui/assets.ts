// What the UI routes serve: bytes with their type and a strong ETag, plus the
// two HTML pages. Produced either by the build (dist/ui, prebuilt.ts) or, when
// running from source, by esbuild in memory (bundle.ts).
import { createHash } from 'node:crypto';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

export interface UiAssets {
  /** served under /ui/<name> */
  bundles: Map<string, Asset>;
  /** 'consumer' and 'technician' */
  pages: Map<string, Asset>;
  version: string;
  /** prebuilt bundles have content-hashed names and may be cached for good */
  immutable: boolean;
}

export const UI_PAGES = ['consumer', 'technician'] as const;

export function asset(body: Buffer | Uint8Array | string, type: string): Asset {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: buf, type, etag: `"${createHash('sha256').update(buf).digest('base64url').slice(0, 22)}"` };
}

export function typeOf(file: string): string {
  return file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
}
