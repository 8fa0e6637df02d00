// Request status: reference (typed or scanned from a receipt) + the mobile
// given with it → GET /api/requests/:ref?mobile=. The API answers 404 alike
// for "no such reference" and "wrong mobile".
import { h, svg } from '../../shared/dom.js';
import type { RequestView, ScanEvent } from '../../shared/types.js';
import { referencePattern } from '../../../controller/store/reference.js';
import { messages } from '../../../controller/services/errors.js';
import { api } from '../api.js';
import { istDateTime, referenceParts } from '../format.js';
import { bi, S, staffReply, ticketStatusWords, tx, type Bilingual } from '../i18n.js';
import { icons, serviceIcons } from '../icons.js';
import type { AppContext, Screen } from '../nav.js';
import { receiptMessage } from '../receipt.js';
import { wizard } from '../wizard.js';
import { mobileStep } from './form.js';
import { dueBlock, escalationBlock, keptNotes } from './done.js';

/** Once a request is overdue and its standard carries compensation, the consumer is told so. */
function compensationNote(view: RequestView, now: Date): HTMLElement | null {
  const c = view.dueRule?.compensation;
  if (!c || view.dueRule?.countsFrom === 'complete-application' || view.central.status === 'resolved') return null;
  if (now.getTime() <= Date.parse(view.dueBy)) return null;
  return h('p', { class: 'compensation', 'data-testid': 'compensation' }, tx(S.compensation(c.perDay)), c.confirmed ? null : h('small', {}, ' ', tx(S.compensationUnconfirmed)));
}

function row(label: Bilingual, value: Node | string, key: string): HTMLElement[] {
  return [h('dt', {}, tx(label)), h('dd', { 'data-field': key }, value)];
}

function resultScreen(ctx: AppContext, view: RequestView): Screen {
  const central: Bilingual = view.central.state === 'synced' ? S.centralSynced : S.centralPending;
  const status = view.central.status ? ticketStatusWords[view.central.status] : undefined;
  const receipt = view.receipt ? receiptMessage(view.receipt) : null;
  const el = h(
    'section',
    { class: 'screen status-result' },
    h('header', { class: 'done-head' }, h('div', {}, h('h1', {}, bi(S.statusTitle)), h('p', { class: 'ref-number ref-medium', 'data-testid': 'reference' }, ...referenceParts(view.reference)))),
    h(
      'div',
      { class: 'done-body' },
      h(
        'dl',
        { class: 'review' },
        ...row(S.service, tx(view.serviceName), 'service'),
        ...row(S.submittedOn, tx(istDateTime(view.createdAt)), 'createdAt'),
        ...row(S.state, h('span', { class: `state state-${view.central.state}`, 'data-state': view.central.state }, tx(central), status ? ' — ' : view.central.status ? ` — ${view.central.status}` : '', status ? tx(status) : ''), 'central'),
        ...(view.central.note ? row(staffReply, h('span', { class: 'staff-reply' }, view.central.note), 'note') : []),
        ...(view.central.ticket ? row(S.ticket, view.central.ticket, 'ticket') : []),
        ...(receipt ? row(S.receipt, tx(receipt.text), 'receipt') : []),
        ...(view.origin ? row(S.submittedAt, view.origin.kioskId, 'origin') : []),
      ),
      h('div', { class: 'done-side' }, dueBlock(view), compensationNote(view, new Date()), ...keptNotes(view), escalationBlock(ctx.catalogue)),
    ),
    h(
      'footer',
      { class: 'wiz-nav' },
      h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'another', onclick: () => ctx.nav.status() }, svg(icons.back), tx(S.anotherLookup)),
      h('button', { type: 'button', class: 'btn btn-primary btn-finish', 'data-action': 'finish', onclick: () => ctx.nav.home() }, svg(icons.home), tx(S.finish)),
    ),
  );
  return { name: 'status-result', el };
}

export function statusScreen(ctx: AppContext, reference?: string): Screen {
  const service = ctx.catalogue.services.find((s) => s.id === 'request-status');
  const w = wizard({
    title: service?.name ?? S.statusTitle,
    icon: serviceIcons['request-status'],
    steps: [
      { key: 'reference', kind: 'text', mode: 'reference', maxLength: 24, title: S.reference, rule: S.referenceRule, check: (v) => (referencePattern.test(v.toUpperCase()) ? null : messages['invalid-reference']) },
      mobileStep(S.statusMobile),
    ],
    initial: { reference: reference ?? 'KE-' },
    startAt: reference ? 'mobile' : 'reference',
    finishLabel: S.lookUp,
    busyLabel: S.lookingUp,
    onHome: (typed) => (typed ? ctx.askLeave(S.homeDetail, () => ctx.nav.home()) : ctx.nav.home()),
    async onFinish(values) {
      const res = await api.request((values.get('reference') ?? '').toUpperCase(), values.get('mobile') ?? '');
      if (!res.ok) {
        const list = res.error.errors ?? (res.error.field ? [{ field: res.error.field, message: res.error.message }] : []);
        w.showErrors(list, res.error.message);
        return;
      }
      ctx.nav.show(resultScreen(ctx, res.data));
    },
  });
  return {
    name: 'status',
    el: h('div', { class: 'screen-wrap' }, w.el),
    onScan(scan: ScanEvent) {
      if (scan.kind !== 'receipt') return false;
      w.setValue('reference', scan.value);
      w.goTo('mobile');
      return true;
    },
    holdsInput: () => w.isDirty(),
    dispose: () => w.clearValues(),
  };
}
