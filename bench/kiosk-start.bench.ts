// P1: start to ready of the built kiosk (node dist/controller/main.js, as the
// device runs it) ÷ a bare Fastify start; the development set-up (tsx from
// source) for comparison. P2: resident memory after 10,000 requests ÷ the
// same for bare Fastify, and each one's growth from request 1,000 to 10,000.
// Everything runs as child processes of the same Node, in the same run.
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, writeTestConfig } from '../test/helpers/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STARTS = Number(process.env.ECORNER_BENCH_STARTS ?? 5);
const REQUESTS = 10_000;
const WARM = 1_000;
const CONCURRENCY = 8;

interface Target {
  name: string;
  args: string[];
  cwd: string;
}

interface Running {
  child: ChildProcess;
  url: string;
  ms: number;
}

function start(target: Target): Promise<Running> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, target.args, {
    cwd: target.cwd,
    env: { ...process.env, NODE_OPTIONS: '', ECORNER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      for (const line of out.split('\n')) {
        if (!line.includes('"kiosk controller listening"')) continue;
        const url = /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1];
        if (url) {
          child.stdout?.off('data', onData);
          child.stdout?.resume(); // keep draining the request log
          return resolve({ child, url, ms: Number(process.hrtime.bigint() - started) / 1e6 });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`${target.name} exited with ${code}:\n${out}`)));
  });
}

async function stop(r: Running): Promise<void> {
  const exited = new Promise((resolve) => r.child.once('exit', resolve));
  r.child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

async function load(url: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const res = await fetch(`${url}/api/health`);
      if (res.status !== 200) throw new Error(`${url}/api/health answered ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const out = tempDir('ecorner-bench-build-');
  symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'));
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build.ts'), '--out', out], { cwd: root, stdio: 'ignore' });
  // Hardware mode with virtual devices: what a kiosk runs, minus the hardware.
  const config = writeTestConfig(tempDir(), (c) => {
    c.central.kioskSecret = randomBytes(24).toString('hex'); // outside simulator mode only a real-looking secret is accepted
  });
  const bare: Target = { name: 'bare Fastify', args: [path.join(root, 'bench', 'fixtures', 'bare-fastify.mjs')], cwd: root };
  const built: Target = { name: 'built kiosk', args: [path.join(out, 'controller', 'main.js'), '--config', config], cwd: out };
  const source: Target = {
    name: 'kiosk from source (tsx)',
    args: ['--import', 'tsx', path.join(root, 'controller', 'main.ts'), '--config', config],
    cwd: root,
  };

  // P1: alternate the targets so load on the machine hits them alike.
  const times = new Map<string, number[]>();
  for (let i = 0; i < STARTS; i++) {
    for (const target of [bare, built, source]) {
      const r = await start(target);
      times.set(target.name, [...(times.get(target.name) ?? []), r.ms]);
      await stop(r);
    }
  }
  const base = median(times.get(bare.name)!);
  console.log(`kiosk-start (P1, median of ${STARTS} starts to "listening"):`);
  for (const target of [bare, built, source]) {
    const ms = median(times.get(target.name)!);
    console.log(`  ${target.name.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms  ratio ${(ms / base).toFixed(1)}x`);
  }

  // P2: resident memory after 10,000 requests, and growth after warm-up.
  console.log(`kiosk-memory (P2, ${REQUESTS} GET /api/health, ${CONCURRENCY} at a time):`);
  const mem = new Map<string, { warm: number; end: number }>();
  for (const target of [bare, built]) {
    const r = await start(target);
    await load(r.url, WARM);
    const warm = rssMb(r.child.pid!);
    await load(r.url, REQUESTS - WARM);
    const end = rssMb(r.child.pid!);
    mem.set(target.name, { warm, end });
    await stop(r);
  }
  const baseEnd = mem.get(bare.name)!.end;
  for (const [name, m] of mem) {
    console.log(
      `  ${name.padEnd(26)} RSS ${m.end.toFixed(0).padStart(4)} MB  ratio ${(m.end / baseEnd).toFixed(1)}x  growth ${WARM}→${REQUESTS}: ${(m.end - m.warm).toFixed(1)} MB`,
    );
  }
}
