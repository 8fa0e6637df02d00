// A lowdb adapter that survives power cuts: lowdb's own JSONFile writes a
// temp file and renames it but never fsyncs, so after a power loss the
// rename can be on disk while the data is not. Here every write is
// temp file → fsync → keep the previous generation as `.prev` (hard link) →
// rename over the main file → fsync the directory. Writes are serialized and
// coalesced: callers arriving while a write runs share the next one.
import { constants } from 'node:fs';
import { open, readFile, rename, link, unlink, stat } from 'node:fs/promises';
import path from 'node:path';

export type Validator<T> = (data: unknown) => { ok: true; value: T } | { ok: false; error: string };

/** What start-up found wrong with the file, kept for logs and health. */
export interface RecoveryReport {
  at: string;
  file: string;
  error: string;
  /** where the corrupt file was moved */
  keptAs: string;
  restoredFrom: 'previous-generation' | 'none';
}

/** The read/write pair lowdb calls an adapter; lowdb itself is not needed at run time. */
export interface JsonAdapter<T> {
  read(): Promise<T | null>;
  write(data: T): Promise<void>;
}

export class DurableJsonFile<T> implements JsonAdapter<T> {
  readonly prevPath: string;
  private readonly tmpPath: string;
  private running: Promise<void> = Promise.resolve();
  private queued: { data: T; promise: Promise<void> } | null = null;
  /** Set by read() when the main file was unreadable. */
  recovery: RecoveryReport | null = null;

  constructor(
    readonly filePath: string,
    private readonly validate: Validator<T>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prevPath = `${filePath}.prev`;
    this.tmpPath = `${filePath}.tmp`;
  }

  async read(): Promise<T | null> {
    this.recovery = null;
    // A leftover temp file was never acknowledged: the rename is the commit point.
    await unlink(this.tmpPath).catch(() => undefined);
    const main = await this.load(this.filePath);
    if (main.kind === 'ok') return main.value;
    if (main.kind === 'missing') return null;

    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const keptAs = `${this.filePath}.corrupt-${stamp}`;
    await rename(this.filePath, keptAs);
    const prev = await this.load(this.prevPath);
    this.recovery = {
      at: this.now().toISOString(),
      file: this.filePath,
      error: main.error,
      keptAs,
      restoredFrom: prev.kind === 'ok' ? 'previous-generation' : 'none',
    };
    if (prev.kind !== 'ok') return null;
    await this.write(prev.value);
    return prev.value;
  }

  write(data: T): Promise<void> {
    // Coalesce: one queued write carries the latest data for every waiting caller.
    if (this.queued) {
      this.queued.data = data;
      return this.queued.promise;
    }
    const entry = { data, promise: Promise.resolve() };
    entry.promise = this.running.catch(() => undefined).then(() => {
      this.queued = null;
      return this.writeNow(entry.data);
    });
    this.queued = entry;
    this.running = entry.promise;
    return entry.promise;
  }

  private async writeNow(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const handle = await open(this.tmpPath, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (await exists(this.filePath)) {
      await unlink(this.prevPath).catch(() => undefined);
      await link(this.filePath, this.prevPath);
    }
    await rename(this.tmpPath, this.filePath);
    await fsyncDir(path.dirname(this.filePath));
  }

  private async load(file: string): Promise<{ kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'bad'; error: string }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'bad', error: `cannot read: ${(err as Error).message}` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { kind: 'bad', error: `not valid JSON (${text.length} bytes): ${(err as Error).message}` };
    }
    const checked = this.validate(parsed);
    return checked.ok ? { kind: 'ok', value: checked.value } : { kind: 'bad', error: `unexpected content: ${checked.error}` };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
