// `npm run central:tools -- <command>`: credentials for a real central.
//   new-kiosk <KIOSK-ID> [--dir /etc/ecorner/central/kiosks]
//       makes the kiosk's HMAC secret, writes it for central (mode 600) and
//       prints central's kiosks[] entry and the kiosk-side file
//   new-operator <name> <viewer|helpdesk|admin>
//       makes an operator token, prints it once and the operators[] entry
//       with its hash (central keeps only the hash)
//   new-secret
//       a random secret for gateway.webhookSecret or metricsToken files
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tokenHash } from '../config/load.js';
import { ROLES, type Role } from '../config/schema.js';
import { KIOSK_ID_PATTERN } from '../../protocol/signing.js';
import { newSecret } from '../../protocol/secrets.js';

export const KIOSK_SECRET_FILE = '/etc/ecorner/kiosk.secret';

/** What central and the kiosk each need for one kiosk's secret. Pure. */
export function kioskCredentials(kioskId: string, secret: string, centralDir: string): { centralFile: string; centralEntry: string; kioskFile: string; kioskFileText: string } {
  if (!KIOSK_ID_PATTERN.test(kioskId)) throw new Error(`kiosk id "${kioskId}" must match ${KIOSK_ID_PATTERN}`);
  const centralFile = path.join(centralDir, `${kioskId}.secret`);
  return {
    centralFile,
    centralEntry: JSON.stringify({ id: kioskId, secret: `file:${centralFile}` }),
    kioskFile: KIOSK_SECRET_FILE,
    kioskFileText: `${secret}\n`,
  };
}

export function operatorCredentials(name: string, role: string, token: string): { token: string; entry: string } {
  if (!/^[a-z][a-z0-9._-]{1,31}$/.test(name)) throw new Error(`operator name "${name}" must be 2-32 lowercase letters, digits, . _ -`);
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  return { token, entry: JSON.stringify({ name, role: role as Role, tokenHash: tokenHash(token) }) };
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { dir: { type: 'string', default: '/etc/ecorner/central/kiosks' } } });
  const [command, ...rest] = positionals;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  switch (command) {
    case 'new-kiosk': {
      const secret = newSecret();
      const c = kioskCredentials(rest[0] ?? '', secret, path.resolve(values.dir!));
      mkdirSync(path.dirname(c.centralFile), { recursive: true, mode: 0o700 });
      writeFileSync(c.centralFile, c.kioskFileText, { mode: 0o600, flag: 'wx' });
      out(`# central: ${c.centralFile} written (mode 600); add to "kiosks" in central.json with site, name, circle, substation:`);
      out(c.centralEntry);
      out(`# kiosk: put these lines in ${c.kioskFile} (mode 600, owner ecorner); the site file says "kioskSecret": "file:${c.kioskFile}"`);
      out(`cat > ${c.kioskFile} <<'SECRET'\n${secret}\nSECRET\nchmod 600 ${c.kioskFile}`);
      return 0;
    }
    case 'new-operator': {
      const c = operatorCredentials(rest[0] ?? '', rest[1] ?? '', newSecret());
      out(`# token for ${rest[0]} (shown once; give it to them, central keeps only its hash):`);
      out(c.token);
      out('# add to "operators" in central.json:');
      out(c.entry);
      return 0;
    }
    case 'new-secret':
      out(newSecret());
      return 0;
    default:
      process.stderr.write('usage: npm run central:tools -- new-kiosk <KIOSK-ID> [--dir DIR] | new-operator <name> <viewer|helpdesk|admin> | new-secret\n');
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`central:tools: ${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}
