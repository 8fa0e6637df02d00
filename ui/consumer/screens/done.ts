// Accepted: the reference very large, the due date (IST) and its rule, the
// helpline and escalation path, and whether the receipt printed.
import { h, svg } from '../../shared/dom.js';
import type { Catalogue, RequestView } from '../../shared/types.js';
import { dueDate, referenceParts } from '../format.js';
import { bi, S, tx } from '../i18n.js';
import { icons } from '../icons.js';
import type { AppContext, Screen } from '../nav.js';
import { receiptWatcher } from '../receipt.js';

export function escalationBlock(catalogue: Catalogue): HTMLElement {
  return h(
    'div',
    { class: 'escalation' },
    h('p', { class: 'helpline' }, svg(icons.phone), tx(S.helpline)),
    h('p', { class: 'esc-title' }, tx(S.escalation), ':'),
    h('ol', { class: 'esc-steps' }, ...catalogue.escalation.steps.map((s) => h('li', { 'data-step': s.id }, tx(s.name), s.contact ? h('b', {}, ` ${s.contact}`) : null, h('small', {}, ' — ', tx(s.detail))))),
    h('p', { class: 'esc-parallel' }, tx(S.alsoParallel), ': ', ...catalogue.escalation.parallel.map((s) => h('span', { 'data-step': s.id }, tx(s.name), s.contact ? h('b', {}, ` ${s.contact}`) : null))),
  );
}

export function referenceBlock(view: RequestView): HTMLElement {
  return h('div', { class: 'reference' }, h('p', { class: 'ref-label' }, tx(S.referenceNo)), h('p', { class: 'ref-number', 'data-testid': 'reference' }, ...referenceParts(view.reference)), h('p', { class: 'ref-note' }, tx(S.noteReference)));
}

/** The due date; where the clock starts at a complete application, the rule alone (no date can be promised). */
export function dueBlock(view: RequestView): HTMLElement {
  const fromComplete = view.dueRule?.countsFrom === 'complete-application';
  return h(
    'div',
    { class: 'due' },
    h('p', { class: 'due-label' }, tx(S.dueBy)),
    fromComplete ? h('p', { class: 'due-from-complete' }, tx(S.countsFromComplete)) : h('p', { class: 'due-date', 'data-testid': 'due' }, tx(dueDate(view.dueBy, view.createdAt))),
    view.dueRule ? h('p', { class: 'due-rule' }, tx(view.dueRule)) : null,
  );
}

/** Notes about what was kept: an old number mapped to the new one, ID numbers hidden from the text. */
export function keptNotes(view: RequestView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (view.legacyAccount && view.account) out.push(h('p', { class: 'legacy-note', 'data-testid': 'legacy-note' }, tx(S.legacyFound(view.legacyAccount, view.account))));
  if (view.redactedFields?.length) out.push(h('p', { class: 'redacted-note', 'data-testid': 'redacted-note' }, tx(S.redacted)));
  return out;
}

export function doneScreen(ctx: AppContext, view: RequestView, mobile: string): Screen {
  const receipt = receiptWatcher(view.reference, mobile, view.receipt);
  const el = h(
    'section',
    { class: 'screen done' },
    h('header', { class: 'done-head' }, h('span', { class: 'done-check' }, svg(icons.check)), h('div', {}, h('h1', {}, bi(S.accepted)), h('p', { class: 'done-service' }, tx(view.serviceName)))),
    h('div', { class: 'done-body' }, h('div', { class: 'done-main' }, referenceBlock(view), ...keptNotes(view), receipt.el), h('div', { class: 'done-side' }, dueBlock(view), escalationBlock(ctx.catalogue))),
    h('footer', { class: 'wiz-nav' }, h('button', { type: 'button', class: 'btn btn-primary btn-finish', 'data-action': 'finish', onclick: () => ctx.nav.home() }, svg(icons.home), tx(S.finish))),
  );
  return {
    name: 'done',
    el,
    onReceiptState: (reference) => {
      if (reference === view.reference) receipt.refresh();
    },
    // The reference may not be noted yet (paper out): a receipt scan asks before leaving.
    holdsInput: () => true,
    dispose: () => receipt.dispose(),
  };
}
