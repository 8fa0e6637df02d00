// Runs the real central entry point (central/main.ts) as a child process, so
// a test can SIGKILL it at a chosen moment and start it again on the same
// database and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { repoRoot } from './process.js';

export interface CentralProcess {
  child: ChildProcess;
  url: string;
  port: number;
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Writes `config` as central.json in `dir` and returns its path. */
export function writeCentralConfig(dir: string, config: Record<string, unknown>): string {
  const file = path.join(dir, 'central.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export async function startCentralProcess(t: Test, configFile: string, port = 0, timeoutMs = 30_000): Promise<CentralProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'central', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ECORNER_CENTRAL_CONFIG: configFile, ECORNER_CENTRAL_PORT: String(port), ECORNER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  t.teardown(() => kill('SIGKILL'));
  if (process.env.ECORNER_TEST_CENTRAL_LOG) t.teardown(() => writeFileSync(`${process.env.ECORNER_TEST_CENTRAL_LOG}.${child.pid}`, out));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`central did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"central listening/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`central exited with ${code} before listening:\n${out}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), exited, output: () => out, kill };
}
