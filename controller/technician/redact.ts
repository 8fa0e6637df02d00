// The configuration as the technician page shows it: every secret-looking
// key replaced, whatever section it is in.
const SECRET_KEY = /secret|hash|token|pin$|password|key$/i;

export function redactConfig(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null) return '[redacted]';
  if (Array.isArray(value)) return value.map((v) => redactConfig(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, k)]));
  return value;
}
