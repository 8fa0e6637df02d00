// A throw-away Request Tracker 5 for integration tests: Debian's packages
// (request-tracker5, rt5-db-sqlite, rt5-standalone; .ci/run installs them),
// a fresh SQLite database in a temp dir, RT's standalone server on a free
// loopback port, and an auth token for central. Nothing of the machine's own
// RT (/etc/request-tracker5/RT_SiteConfig.d, its database) is read or changed:
// RT_SITE_CONFIG and RT_SITE_CONFIG_DIR point at the temp dir.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Test } from 'tap';
import { tempDir } from './config.js';

const run = promisify(execFile);

export const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
export const RT_SETUP_DATABASE = '/usr/sbin/rt-setup-database';
const RT_LIB = '/usr/share/request-tracker5/lib';

export interface TestRequestTracker {
  url: string;
  port: number;
  dir: string;
  /** an RT auth token for root, in a file central's config can name */
  tokenFile: string;
  /** a REST2 call as root (what a staff member's client would do) */
  rest<T = any>(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; json: T }>;
  stop(): Promise<void>;
  start(): Promise<void>;
  running(): boolean;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startRequestTracker(t: Test): Promise<TestRequestTracker> {
  if (!existsSync(RT_SERVER) || !existsSync(RT_SETUP_DATABASE)) {
    throw new Error(`Request Tracker 5 is not installed (${RT_SERVER}); run: apt-get install request-tracker5 rt5-db-sqlite rt5-standalone (as .ci/run does)`);
  }
  const dir = tempDir('ecorner-rt-');
  const emptyDir = path.join(dir, 'site-config.d');
  mkdirSync(emptyDir);
  const port = await freePort();
  const siteConfig = path.join(dir, 'RT_SiteConfig.pm');
  writeFileSync(siteConfig, [
    `Set($DatabaseType, 'SQLite');`,
    `Set($DatabaseName, '${path.join(dir, 'rtdb')}');`,
    `Set($DatabaseHost, 'localhost');`,
    `Set($DatabaseUser, '');`,
    `Set($DatabasePassword, '');`,
    `Set($rtname, 'ecorner-test');`,
    `Set($Organization, 'ecorner-test');`,
    `Set($WebPath, '');`,
    `Set($WebDomain, '127.0.0.1');`,
    `Set($WebPort, ${port});`,
    `Set($Timezone, 'UTC');`,
    `Set($LogToSTDERR, 'error');`,
    `Set($LogToSyslog, undef);`,
    `Set($LogToFile, undef);`,
    '1;',
  ].join('\n'));
  const env = { ...process.env, RT_SITE_CONFIG: siteConfig, RT_SITE_CONFIG_DIR: emptyDir };

  // A fresh database with RT's initial data (about 2 s), then a token for root.
  await run(RT_SETUP_DATABASE, ['--action', 'init', '--skip-create'], { env, cwd: dir });
  const perl = 'use RT; RT::LoadConfig(); RT::Init(); my $u = RT::User->new(RT->SystemUser); $u->Load("root");'
    + ' my ($ok, $msg, $token) = RT::AuthToken->new($u)->Create(Owner => $u->id, Description => "ecorner central (test)");'
    + ' die "$msg\\n" unless $ok; print $token;';
  const { stdout: token } = await run('perl', [`-I${RT_LIB}`, '-e', perl], { env, cwd: dir });
  const tokenFile = path.join(dir, 'rt.token');
  writeFileSync(tokenFile, `${token.trim()}\n`, { mode: 0o600 });

  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const rest = async <T>(method: string, pathAndQuery: string, body?: unknown) => {
    const res = await fetch(`${url}/REST/2.0${pathAndQuery}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from('root:password').toString('base64')}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };

  const start = async () => {
    if (child) return;
    // Its own process group: Starlet forks workers, and stop() ends them all.
    // Two workers (RT's default is ten): enough for central and the test, and lighter on a shared CI machine.
    const c = spawn(RT_SERVER, ['--port', String(port), '--host', '127.0.0.1', '--max-workers', '2'], { env, cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => { gone = true; if (child === c) child = undefined; });
    // Ready when REST2 answers; RT takes a few seconds to load.
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (gone) throw new Error(`rt-server exited before answering:\n${log.slice(-2000)}`);
      try {
        // A worker's first request loads REST2 and can take many seconds on a
        // loaded machine: a short timeout here would only queue more requests
        // behind it (Starlet finishes abandoned requests), so wait for the answer.
        const r = await fetch(`${url}/REST/2.0/rt`, { headers: { authorization: `token ${token.trim()}` }, signal: AbortSignal.timeout(60_000) });
        if (r.ok) return;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`rt-server did not answer on ${url} within 180 s:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stop = async () => {
    const c = child;
    if (!c || c.pid === undefined) return;
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch { /* already gone */ }
    const killer = setTimeout(() => { try { process.kill(-c.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exited;
    // The workers share the listening socket: wait for the whole group, so a restart can bind the port.
    while (groupAlive(c.pid)) await new Promise((r) => setTimeout(r, 100));
    clearTimeout(killer);
    child = undefined;
  };

  t.teardown(stop);
  await start();
  return { url, port, dir, tokenFile, rest, stop, start, running: () => child !== undefined };
}
