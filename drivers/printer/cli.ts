// Standalone virtual printer: `npm run virtual-printer -- --port 9100 --width 58 --profile epson --jobs data/virtual-printer`.
// Point a kiosk with a `tcp` printer (or any ESC/POS software) at it. Type
// commands on stdin to change its state: paper out|ok|near-end, cover open|closed,
// offline, online, profile epson|generic|write-only, drop <bytes>, delay <ms>, jobs.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { jobMarks, VIRTUAL_PROFILES, VirtualPrinter, type VirtualCondition, type VirtualProfile } from './virtual.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    width: { type: 'string', default: '58' },
    jobs: { type: 'string', default: 'data/virtual-printer' },
    profile: { type: 'string', default: 'epson' },
  },
  strict: true,
});

const port = Number(values.port);
const width = Number(values.width);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
if (width !== 58 && width !== 80) throw new Error(`--width: 58 or 80, not ${values.width}`);
const isProfile = (p: string): p is VirtualProfile => (VIRTUAL_PROFILES as readonly string[]).includes(p);
if (!isProfile(values.profile)) throw new Error(`--profile: one of ${VIRTUAL_PROFILES.join(', ')}, not ${values.profile}`);

const log = pino({ level: process.env.ECORNER_LOG_LEVEL ?? 'info' });
const printer = new VirtualPrinter({ port, host: values.host, paperWidthMm: width, profile: values.profile, jobsDir: values.jobs, log });
const bound = await printer.start();
printer.onJob((job) => log.info({ id: job.id, png: job.pngFile, text: job.items.flatMap((i) => (i.type === 'text' ? [i.text.trim()] : [])).slice(0, 6) }, 'job printed'));
process.stdout.write(`virtual printer on ${values.host}:${bound}, ${width} mm, profile ${values.profile}; commands: paper out|ok|near-end, cover open|closed, offline, online, profile <name>, drop <bytes>, delay <ms>, jobs\n`);

const commands: Record<string, Partial<VirtualCondition>> = {
  'paper out': { paper: 'out' },
  'paper ok': { paper: 'ok' },
  'paper near-end': { paper: 'near-end' },
  'cover open': { cover: 'open' },
  'cover closed': { cover: 'closed' },
  offline: { online: false },
  online: { online: true },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const cmd = line.trim().toLowerCase();
  const [word, arg = ''] = cmd.split(/\s+/, 2);
  const n = Number(arg);
  if (word === 'profile' && isProfile(arg)) {
    process.stdout.write(`${JSON.stringify(printer.configure({ profile: arg }))}\n`);
  } else if ((word === 'drop' || word === 'delay') && Number.isInteger(n) && n >= 0) {
    process.stdout.write(`${JSON.stringify(printer.configure(word === 'drop' ? { dropLinkAfterBytes: n } : { replyDelayMs: n }))}\n`);
  } else if (cmd === 'jobs') {
    for (const j of printer.jobs) process.stdout.write(`${j.id} ${j.receivedAt} ${JSON.stringify(jobMarks(j))} ${j.pngFile ?? ''}\n`);
  } else if (commands[cmd]) {
    process.stdout.write(`${JSON.stringify(printer.setCondition(commands[cmd]))}\n`);
  } else if (cmd) {
    process.stdout.write(`unknown command: ${cmd}\n`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void printer.stop().then(() => process.exit(0)));
}
