// While a technician's maintenance window is open, the touchscreen says so
// (bilingual) and shows the technician page's port and TLS fingerprint, so
// a technician can check the certificate their laptop is warned about.
// A small strip at the bottom; consumers can still use the kiosk.
import { h } from '../shared/dom.js';

interface MaintenanceInfo {
  active: boolean;
  until: string | null;
  technician: { port: number; fingerprint: string | null } | null;
}

const POLL_MS = 15_000;

export function startMaintenanceStrip(host: HTMLElement = document.body): void {
  const strip = h('div', { class: 'maintenance-strip', role: 'status', hidden: true, 'data-testid': 'maintenance-strip' });
  // CSSOM, not a style attribute: allowed by the page's style-src 'self'.
  strip.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:50;background:#7d4e00;color:#fff;padding:6px 14px;font-size:15px;line-height:1.35';
  host.append(strip);
  const poll = async () => {
    try {
      const info = (await (await fetch('/api/ui/maintenance', { cache: 'no-store' })).json()) as MaintenanceInfo;
      // The app may have rebuilt the page since: put the strip back.
      if (!strip.isConnected) host.append(strip);
      strip.hidden = !info.active;
      if (!info.active) return;
      const until = info.until ? new Date(info.until).toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit' }) : '';
      strip.replaceChildren(h('b', {}, `रखरखाव जारी है · Maintenance in progress${until ? ` (until ${until})` : ''}`));
      if (info.technician) strip.append(h('div', {}, `technician page: port ${info.technician.port}${info.technician.fingerprint ? ` · TLS SHA-256 ${info.technician.fingerprint}` : ''}`));
    } catch {
      /* the next poll tries again */
    }
  };
  void poll();
  window.setInterval(() => void poll(), POLL_MS);
}
