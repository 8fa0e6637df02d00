// Can the data directory take a durable write? Writes, fsyncs and removes a
// small probe file, so a read-only or full SD card shows as a store fault at
// start-up, not when a consumer's submission fails.
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';

export async function probeWritable(dir: string): Promise<string | null> {
  const file = path.join(dir, `.write-probe-${process.pid}`);
  try {
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o600);
    try {
      await handle.writeFile(Buffer.alloc(4096, 0x2e));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await unlink(file);
    return null;
  } catch (err) {
    await unlink(file).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    return `data directory ${dir} is not writable: ${e.code ?? ''} ${e.message}`.trim();
  }
}
