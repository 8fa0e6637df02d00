// `npm run helpdesk:setup`: prepares the Request Tracker named in central's
// config (ECORNER_CENTRAL_CONFIG or central/config/central.json): the
// circles' queues and the ticket custom fields. Safe to run again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCentralConfig } from '../config/load.js';
import { readSecretFile } from '../helpdesk/index.js';
import { setUpRt } from '../helpdesk/rt-setup.js';
import { loadNetwork } from '../network.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const file = process.env.ECORNER_CENTRAL_CONFIG ?? path.join(here, '..', 'config', 'central.json');
  const config = await loadCentralConfig(file);
  if (config.helpdesk.type !== 'rt') {
    console.error(`${file}: helpdesk.type is "${config.helpdesk.type}"; set it to "rt" with url, token and queues to use Request Tracker`);
    return 2;
  }
  const hd = config.helpdesk;
  const network = config.networkPath ? await loadNetwork(config.networkPath) : undefined;
  const steps = await setUpRt({
    url: hd.url,
    credential: await readSecretFile(hd.token, 'helpdesk.token'),
    timeoutMs: hd.timeoutMs ?? 10_000,
    queues: hd.queues,
    ...(hd.defaultQueue ? { defaultQueue: hd.defaultQueue } : {}),
    network: network?.ok ? network.network : null,
  });
  for (const s of steps) console.log(`${s.kind} "${s.name}": ${s.outcome} (id ${s.id})`);
  const created = steps.filter((s) => s.outcome === 'created').length;
  console.log(`${hd.url}: ${created} created, ${steps.length - created} already there`);
  return 0;
}

main().then((code) => process.exit(code), (err: Error) => {
  console.error(`helpdesk:setup failed: ${err.message}`);
  process.exit(1);
});
