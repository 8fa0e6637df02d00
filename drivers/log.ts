// The logger drivers write to: the few pino methods they call, so a driver
// needs nothing from controller/ (pino's Logger satisfies it; tests may pass
// a recorder).
export interface DriverLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): DriverLogger;
}
