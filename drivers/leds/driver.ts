// Drives an LedOutput from a pattern: writes only lines that change, and
// toggles blinking LEDs on a timer. Write errors are reported once per
// change of message, never thrown into the caller.
import { levelsAt } from './pattern.js';
import { LED_NAMES, type LedName, type LedOutput, type LedPattern } from './types.js';

export class LedDriver {
  private pattern: LedPattern = { green: 'off', amber: 'off', red: 'off' };
  private phaseOn = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly written: Partial<Record<LedName, boolean>> = {};
  private writing: Promise<void> = Promise.resolve();
  /** failures already reported, so a dead line does not log at every blink */
  private readonly reported = new Set<string>();
  lastError: string | null = null;

  constructor(
    readonly output: LedOutput,
    private readonly blinkMs: number,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  get current(): LedPattern {
    return { ...this.pattern };
  }

  /** Never throws: a kiosk with a broken LED still serves consumers. */
  async start(): Promise<void> {
    try {
      await this.output.open();
    } catch (err) {
      this.lastError = `${this.output.name}: ${(err as Error).message}`;
      this.onError(this.lastError);
    }
    this.timer = setInterval(() => {
      this.phaseOn = !this.phaseOn;
      if (LED_NAMES.some((l) => this.pattern[l] === 'blink')) void this.flush();
    }, this.blinkMs);
    this.timer.unref();
  }

  show(pattern: LedPattern): Promise<void> {
    this.pattern = { ...pattern };
    this.phaseOn = true;
    return this.flush();
  }

  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const levels = levelsAt(this.pattern, this.phaseOn);
      for (const led of LED_NAMES) {
        if (this.written[led] === levels[led]) continue;
        try {
          await this.output.write(led, levels[led]);
          this.written[led] = levels[led];
          if (this.reported.size) {
            this.reported.clear();
            this.lastError = null;
          }
        } catch (err) {
          const message = `LED ${led} on ${this.output.name}: ${(err as Error).message}`;
          if (!this.reported.has(message)) this.onError(message);
          this.reported.add(message);
          this.lastError = message;
        }
      }
    });
    return this.writing;
  }

  /** Self-test: each LED alone for `stepMs`, then back to the current pattern. */
  async cycle(stepMs: number): Promise<void> {
    const saved = this.pattern;
    for (const led of LED_NAMES) {
      await this.show({ green: 'off', amber: 'off', red: 'off', [led]: 'on' });
      await new Promise((r) => setTimeout(r, stepMs));
    }
    await this.show(saved);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.show({ green: 'off', amber: 'off', red: 'off' });
    await this.output.close();
  }
}
