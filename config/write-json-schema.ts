// Writes config/kiosk.schema.json from the TypeBox schema, so editors
// validate site files as they are typed. `npm run config:schema`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configDir } from './load.js';
import { KioskConfig } from './schema.js';

export const jsonSchemaFile = path.join(configDir, 'kiosk.schema.json');

export function kioskJsonSchema(): string {
  // JSON.stringify drops TypeBox's symbol keys: what is left is plain JSON Schema.
  return `${JSON.stringify({ $id: 'https://kesco.in/ecorner/kiosk.schema.json', title: 'ecorner kiosk configuration', ...KioskConfig }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(jsonSchemaFile, kioskJsonSchema());
  console.log(`wrote ${jsonSchemaFile}`);
}
