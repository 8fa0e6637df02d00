// Tells the controller the touchscreen page is running: a small POST every
// few seconds. The controller's health part `ui` turns to fault when these
// stop (ui.livenessTimeoutSeconds), and may restart the browser.
const PING_MS = 10_000;

export function startLivenessPing(url = '/api/ui/ping'): void {
  const ping = () => {
    void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"page":"consumer"}', keepalive: true }).catch(() => undefined);
  };
  ping();
  window.setInterval(ping, PING_MS);
}
