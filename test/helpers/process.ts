// Runs the real controller entry point (controller/main.ts) as a child
// process, the way systemd does, and waits for it to listen.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ControllerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `wrapper` runs the controller under another program (e.g. `strace -f …`). */
export function runController(args: string[], env: Record<string, string>, wrapper: string[] = []): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const command = [...wrapper, process.execPath, '--import', 'tsx', path.join(repoRoot, 'controller', 'main.ts'), ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, ECORNER_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts the controller and resolves once it logs its URL. */
export async function startController(args: string[], env: Record<string, string>, timeoutMs = 30000, wrapper: string[] = []): Promise<ControllerProcess> {
  const run = runController(args, env, wrapper);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`controller did not start in ${timeoutMs} ms:\n${run.output()}`)), timeoutMs);
    const check = () => {
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"kiosk controller listening"/.exec(run.output());
      if (m && m[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    run.child.stdout?.on('data', check);
    run.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`controller exited with ${code} before listening:\n${run.output()}`));
    });
  });
  return { child: run.child, url, output: run.output };
}
