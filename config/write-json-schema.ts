// Writes config/kiosk.schema.json from the TypeBox schema: the shape of a
// kiosk's whole configuration, config/defaults.json with a site file laid
// over it (a site file alone holds only what differs, so it is not checked
// against this in an editor). `npm run config:schema`.
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
