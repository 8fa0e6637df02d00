import { readFileSync } from 'node:fs';

/** The software version central IT sees in heartbeats: package.json's. */
export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
