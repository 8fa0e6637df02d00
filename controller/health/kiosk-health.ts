// Applies the health rules to the running kiosk: the start-up write probe of
// the data directory, the request store's writes, the LEDs' last write, the
// touchscreen's liveness (with the rate-limited browser restart) and the
// maintenance window on the LEDs. A health loop re-evaluates them every tick,
// so each part recovers when its cause goes away.
import { performance } from 'node:perf_hooks';
import type { KioskContext } from '../context.js';
import type { UiLiveness } from '../ui-liveness.js';
import { HealthLoop } from './loop.js';
import { ledsRule, storeRule, uiRule } from './rules.js';
import { probeWritable } from './write-probe.js';

export interface KioskHealthDeps {
  dataDir: string;
  store: { size: number; recovered: string | null };
  leds: { lastError: () => string | null; output: string; refresh: () => Promise<void> };
  ui: UiLiveness;
  tickMs?: number;
  /** a store in fault is probed again this often (ms) */
  reprobeMs?: number;
}

export interface KioskHealth {
  loop: HealthLoop;
  /** start-up probe result: null when writable */
  probeError: string | null;
  /** re-applies the touchscreen rule now (after the UI bundles are built) */
  evaluateUi(): void;
  stop(): void;
}

export async function startKioskHealth(ctx: KioskContext, deps: KioskHealthDeps): Promise<KioskHealth> {
  const { health, bus, log, now } = ctx;
  const startedMono = performance.now();
  const timeoutSeconds = ctx.config.ui.livenessTimeoutSeconds;
  let probeError = await probeWritable(deps.dataDir);
  if (probeError) log.error({ event: 'store-probe-failed', detail: probeError }, 'data directory not writable at start-up');
  let lastWriteError: string | null = null;
  let lastProbeAt = now().getTime();
  const setStore = () => health.set('store', storeRule({ probeError, lastWriteError, recovered: deps.store.recovered, size: deps.store.size }));
  setStore();

  const owner = {};
  bus.on(owner, 'request-created', () => {
    lastWriteError = null;
    setStore();
  });
  bus.on(owner, 'store-write-failed', ({ error }) => {
    lastWriteError = error;
    setStore();
  });

  const evaluateUi = () => {
    const buildFailed = health.get('ui')?.state === 'build-failed';
    const ui = uiRule({ silentMs: deps.ui.silentMs(), upMs: performance.now() - startedMono, timeoutSeconds, buildFailed });
    if (!buildFailed) health.set('ui', ui);
    return ui;
  };
  deps.ui.onSeen(evaluateUi);
  const reprobeMs = deps.reprobeMs ?? 30_000;
  const loop = new HealthLoop({
    tickMs: deps.tickMs ?? 1000,
    now,
    onError: (err) => log.error({ event: 'health-loop-failed', err }, 'health rule failed'),
    onTick: async () => {
      health.set('leds', ledsRule({ lastError: deps.leds.lastError(), output: deps.leds.output }));
      const ui = evaluateUi();
      if (ui.state === 'not-running') void deps.ui.restart('touchscreen not seen');
      // A store in fault is probed again, so a freed or remounted card recovers without a restart.
      if ((probeError || lastWriteError) && now().getTime() - lastProbeAt >= reprobeMs) {
        lastProbeAt = now().getTime();
        const result = await probeWritable(deps.dataDir);
        // A good probe clears a failed write too: the next submission will tell if not.
        const nextWriteError = result ? lastWriteError : null;
        if (result !== probeError || nextWriteError !== lastWriteError) {
          probeError = result;
          lastWriteError = nextWriteError;
          setStore();
        }
      }
      await deps.leds.refresh(); // maintenance may have ended
    },
  });
  loop.start();
  evaluateUi();
  return {
    loop,
    evaluateUi: () => void evaluateUi(),
    get probeError() {
      return probeError;
    },
    stop() {
      loop.stop();
      bus.removeListeners(owner);
    },
  };
}
