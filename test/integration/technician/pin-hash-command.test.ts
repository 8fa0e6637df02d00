// `npm run technician:pin-hash` prints a hash the listener accepts, and refuses a bad PIN.
import { spawn } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { verifyPin } from '../../../controller/technician/pin.js';
import { repoRoot } from '../../helpers/process.js';

function run(input: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'controller/technician/hash-pin.ts')], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

t.test('prints a verifiable scrypt hash, never the PIN', async (t) => {
  const { code, out } = await run('482913\n');
  t.equal(code, 0);
  const hash = out.trim();
  t.match(hash, /^scrypt\$32768\$8\$1\$/);
  t.notMatch(out, /482913/);
  t.ok(await verifyPin('482913', hash));
});

t.test('a PIN that is not 6-12 digits: exit 2 with a reason', async (t) => {
  const { code, err, out } = await run('12ab\n');
  t.equal(code, 2);
  t.match(err, /6 to 12 digits/);
  t.equal(out, '');
});
