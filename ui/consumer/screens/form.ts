// A service's form: mobile, connection number, then the service's own fields
// from GET /api/services, one question at a time; submit → POST /api/requests.
// The checks before "Next" are the controller's own validation functions, so
// the consumer hears the same bilingual message the API would give.
import { h } from '../../shared/dom.js';
import type { CatalogueService, FieldSpec, ScanEvent } from '../../shared/types.js';
import { normaliseAccount, normaliseMobile, validateField } from '../../../controller/services/validation.js';
import { api } from '../api.js';
import { groupDigits } from '../format.js';
import { S, tx, type Bilingual } from '../i18n.js';
import { serviceIcons } from '../icons.js';
import type { AppContext, Screen } from '../nav.js';
import { wizard, type StepDef } from '../wizard.js';
import { doneScreen } from './done.js';
import { billStep } from './bills.js';
import { paymentScreen } from './payment.js';

const firstMessage = (r: { ok: true } | { ok: false; errors: Array<{ message: Bilingual }> }): Bilingual | null => (r.ok ? null : r.errors[0]?.message ?? null);

export function mobileStep(title: Bilingual = S.mobile): StepDef {
  return { key: 'mobile', kind: 'digits', slots: 10, maxLength: 10, title, rule: S.mobileRule, check: (v) => firstMessage(normaliseMobile(v)) };
}

/** Grouped options (substations by circle): the kiosk's own group first, the rest as configured. */
function ownGroupFirst<T extends { group?: { id: string } }>(options: T[], ownGroup: string | undefined): T[] {
  return [...options.filter((o) => o.group?.id === ownGroup), ...options.filter((o) => o.group?.id !== ownGroup)];
}

function fieldStep(f: FieldSpec, ctx: AppContext): StepDef {
  const base = { key: f.name, title: f.label, rule: f.rule, optional: !f.required, check: (v: string) => firstMessage(validateField(f, v)) };
  switch (f.type) {
    case 'enum':
      return { ...base, kind: 'choice', options: ownGroupFirst(f.options, ctx.catalogue.kiosk.circle) };
    case 'integer':
      return { ...base, kind: 'digits', maxLength: String(f.max).length, ...(f.unit ? { unit: f.unit } : {}) };
    case 'number':
      return { ...base, kind: 'digits', maxLength: String(f.max).length + (f.decimals ? f.decimals + 1 : 0), decimals: f.decimals, ...(f.unit ? { unit: f.unit === 'INR' ? '₹' : f.unit } : {}) };
    case 'text':
      return { ...base, kind: 'text', maxLength: f.maxLength };
    case 'reference':
      return { ...base, kind: 'text', maxLength: 24, mode: 'reference' };
  }
}

/** "A guard helped me", on the last step: recorded with the request, counted per kiosk at central. */
function guardToggle(state: { on: boolean }): HTMLElement {
  const box = h('span', { class: 'guard-box', 'aria-hidden': 'true' }, state.on ? '☑' : '☐');
  const btn = h('button', { type: 'button', class: 'btn btn-secondary guard-toggle', 'data-action': 'guard-helped', 'aria-pressed': String(state.on) }, box, tx(S.guardHelped));
  btn.addEventListener('click', () => {
    state.on = !state.on;
    btn.setAttribute('aria-pressed', String(state.on));
    box.textContent = state.on ? '☑' : '☐';
  });
  return h('div', { class: 'guard' }, btn, h('p', { class: 'q-rule' }, tx(S.guardHelpedHint)));
}

function reviewTable(service: CatalogueService, guard: { on: boolean }) {
  return (values: ReadonlyMap<string, string>, steps: StepDef[]): HTMLElement =>
    h('div', {}, reviewList(service, values, steps), guardToggle(guard));
}

function reviewList(service: CatalogueService, values: ReadonlyMap<string, string>, steps: StepDef[]): HTMLElement {
  return (
    h(
      'dl',
      { class: 'review' },
      ...steps.flatMap((s) => {
        const v = values.get(s.key) ?? '';
        const spec = service.fields.find((f) => f.name === s.key);
        let shown: HTMLElement | string;
        if (v === '') shown = tx(S.notGiven);
        else if (s.kind === 'custom' && s.summary) shown = s.summary(values);
        else if (s.kind === 'choice') shown = tx(s.options.find((o) => o.value === v)?.label ?? { en: v, hi: v });
        else if (s.key === 'mobile' || s.key === 'account') shown = groupDigits(v);
        else shown = spec && spec.type === 'number' && spec.unit === 'INR' ? `₹ ${v}` : v;
        return [h('dt', {}, tx(s.title)), h('dd', { 'data-field': s.key }, shown)];
      }),
    )
  );
}

/** An 8-digit number is an old connection number: accepted here, mapped to the new one through central on submit. */
function checkAccount(v: string): Bilingual | null {
  return /^\d{8}$/.test(v.replace(/[\s-]/g, '')) ? null : firstMessage(normaliseAccount(v));
}

export function formScreen(ctx: AppContext, service: CatalogueService): Screen {
  const steps: StepDef[] = [mobileStep()];
  if (service.needsAccount) steps.push({ key: 'account', kind: 'digits', slots: 10, maxLength: 10, title: S.account, rule: S.accountRule, check: checkAccount });
  const guard = { on: false };
  // A bill is chosen from central's list (its amount comes with it), not typed.
  if (service.id === 'bill-payment') steps.push(billStep(() => ctx.nav.home()), ...service.fields.filter((f) => f.name !== 'billId' && f.name !== 'amount').map((f) => fieldStep(f, ctx)));
  else steps.push(...service.fields.map((f) => fieldStep(f, ctx)));
  const initial: Record<string, string> = {};
  if (service.needsAccount && ctx.scannedAccount) initial.account = ctx.scannedAccount;
  // The supply complaint goes to a substation: the kiosk's own is the likely one, so it is preselected.
  const own = ctx.catalogue.kiosk.substation;
  const substationField = service.fields.find((f) => f.name === 'substation' && f.type === 'enum' && f.options.some((o) => o.value === own));
  if (own && substationField) initial[substationField.name] = own;
  ctx.scannedAccount = null;

  const w = wizard({
    title: service.name,
    icon: serviceIcons[service.id],
    steps,
    initial,
    review: reviewTable(service, guard),
    finishLabel: S.submit,
    busyLabel: S.submitting,
    onHome: (typed) => (typed ? ctx.askLeave(S.homeDetail, () => ctx.nav.home()) : ctx.nav.home()),
    async onFinish(values) {
      const fields: Record<string, string | number> = {};
      for (const f of service.fields) {
        const v = (values.get(f.name) ?? '').trim();
        if (v === '') continue;
        fields[f.name] = f.type === 'integer' || f.type === 'number' ? Number(v) : v;
      }
      const mobile = values.get('mobile') ?? '';
      let account = service.needsAccount ? values.get('account') ?? '' : undefined;
      let legacyAccount: string | undefined;
      if (account !== undefined && /^\d{8}$/.test(account)) {
        const found = await api.legacyAccount(account);
        if (!found.ok) {
          w.showErrors([{ field: 'account', message: found.error.message }], found.error.message);
          return;
        }
        legacyAccount = found.data.legacyAccount;
        account = found.data.account;
      }
      const result = await api.submit({
        service: service.id,
        mobile,
        ...(account !== undefined ? { account } : {}),
        ...(legacyAccount ? { legacyAccount } : {}),
        ...(guard.on ? { guardAssisted: true } : {}),
        fields,
      });
      if (!result.ok) {
        const list = result.error.errors ?? (result.error.field ? [{ field: result.error.field, message: result.error.message }] : []);
        w.showErrors(list, result.error.message);
        return;
      }
      const amount = Number(fields.amount ?? 0);
      ctx.nav.show(service.kind === 'payment' ? paymentScreen(ctx, result.data, mobile, amount) : doneScreen(ctx, result.data, mobile));
    },
  });

  return {
    name: `form:${service.id}`,
    el: h('div', { class: 'screen-wrap' }, w.el),
    onScan(scan: ScanEvent) {
      if (scan.kind !== 'account') return false;
      if (!w.hasStep('account')) return true;
      const onIt = w.currentKey() === 'account';
      w.setValue('account', scan.value);
      if (!onIt) ctx.notify(S.accountFilled(scan.value));
      return true;
    },
    holdsInput: () => w.isDirty(),
    dispose() {
      w.clearValues();
    },
  };
}
