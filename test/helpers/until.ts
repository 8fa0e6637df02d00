// Polls for a condition that offers no event to await (another process's
// state, a device's reply, a file): resolves with the probe's first truthy
// value, throws after `ms`. Prefer awaiting an event where there is one.
export async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000, everyMs = 20): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
