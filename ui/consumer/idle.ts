// Idle timeout: after `timeoutMs` without a touch the screen is cleared and
// goes home. A warning with a "continue" button shows for the last part.
// Scanner keystrokes do not count as presence; touches do.
import { clear, h } from '../shared/dom.js';
import { bi, S, tx } from './i18n.js';

export interface IdleOptions {
  timeoutMs: number;
  /** is there anything to clear? (false on the home screen) */
  active(): boolean;
  onTimeout(): void;
}

export function idleTimer(host: HTMLElement, o: IdleOptions): { reset(): void; stop(): void } {
  const warnMs = Math.min(10_000, Math.round(o.timeoutMs / 3));
  const countdown = h('p', { class: 'idle-count' });
  const overlay = h(
    'div',
    // Any touch on the overlay dismisses it; the touch never reaches the form beneath.
    { class: 'idle-overlay', hidden: true, role: 'alertdialog', onclick: () => reset() },
    h('div', { class: 'idle-box' }, h('h2', {}, bi(S.stillThere)), countdown, h('button', { type: 'button', class: 'btn btn-primary btn-big', 'data-action': 'continue', onclick: () => reset() }, tx(S.continue))),
  );
  host.append(overlay);
  let warnTimer: number | undefined;
  let endTimer: number | undefined;
  let tick: number | undefined;

  const hideWarning = () => {
    overlay.hidden = true;
    window.clearInterval(tick);
  };
  const showWarning = () => {
    if (!o.active()) return;
    overlay.hidden = false;
    const ends = Date.now() + warnMs;
    const paint = () => {
      clear(countdown);
      countdown.append(tx(S.idleClearing(Math.max(0, Math.ceil((ends - Date.now()) / 1000)))));
    };
    paint();
    tick = window.setInterval(paint, 500);
  };
  const restart = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(showWarning, o.timeoutMs - warnMs);
    endTimer = window.setTimeout(() => {
      hideWarning();
      if (o.active()) o.onTimeout();
      restart();
    }, o.timeoutMs);
  };
  const reset = () => {
    hideWarning();
    restart();
  };
  // A touch restarts the clock; while the warning shows, it stays until its own click.
  const onTouch = () => (overlay.hidden ? reset() : restart());
  window.addEventListener('pointerdown', onTouch, { capture: true, passive: true });
  reset();
  return {
    reset,
    stop() {
      window.removeEventListener('pointerdown', onTouch, { capture: true });
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
      hideWarning();
    },
  };
}
