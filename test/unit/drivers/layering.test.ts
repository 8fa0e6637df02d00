// Drivers know nothing of the controller: no file under drivers/ imports
// from controller/ (the dependency arrow runs one way only).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const driversDir = path.join(root, 'drivers');
// The factories read their device settings' types from config/; nothing else outside drivers/.
const allowed = [driversDir, path.join(root, 'config')].map((d) => d + path.sep);
const IMPORT = /(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

t.test('the import scanner sees static, re-export and dynamic imports', async (t) => {
  const src = "import type { A } from '../../controller/a.js';\nexport { B } from './b.js';\nconst c = await import('../c.js');";
  t.same(importsOf(src), ['../../controller/a.js', './b.js', '../c.js']);
});

t.test('no driver imports from controller/', async (t) => {
  const files = await tsFiles(driversDir);
  t.ok(files.length > 20, `found the driver sources (${files.length})`);
  const offenders: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(await readFile(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (!allowed.some((dir) => target.startsWith(dir))) offenders.push(`${path.relative(root, file)} → ${spec}`);
    }
  }
  t.same(offenders, [], 'drivers import only drivers/, config/ and packages');
});
