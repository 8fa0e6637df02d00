// One question per screen, Back / Home / Next at the bottom: the shape every
// flow (service form, status look-up) shares. Values live here, not in the
// DOM, so changing language or going back never loses them; errors from the
// API are shown beside the question they concern.
import { clear, h, svg } from '../shared/dom.js';
import type { Bilingual } from './i18n.js';
import { bi, S, tx } from './i18n.js';
import { icons } from './icons.js';
import { applyKey, keypad } from './keypad.js';
import { modeSwitch, textKeyboard } from './text-keyboard.js';
import { applyTyping, commitTyping, emptyTyping, typedValue, type TextMode, type Typing } from './typing.js';

interface StepBase {
  /** 'mobile', 'account', 'reference' or a catalogue field name: the API's error `field` */
  key: string;
  title: Bilingual;
  rule?: Bilingual;
  optional?: boolean;
  /** client-side check with the controller's own rules; null = fine */
  check?(value: string): Bilingual | null;
}

export type StepDef =
  | (StepBase & { kind: 'digits'; slots?: number; maxLength: number; decimals?: number; unit?: string })
  /** options with a `group` are listed under its heading, groups in the order given */
  | (StepBase & { kind: 'choice'; options: Array<{ value: string; label: Bilingual; group?: { id: string; name: Bilingual } }> })
  /** `reference`: Latin capitals only; otherwise Hindi (Devanagari keys or transliteration) or Latin, the consumer's choice */
  | (StepBase & { kind: 'text'; maxLength: number; mode?: 'text' | 'reference'; prefix?: string })
  /** a question whose answers come from elsewhere (e.g. the consumer's bills from central) */
  | (StepBase & { kind: 'custom'; render(io: { values: ReadonlyMap<string, string>; set(key: string, value: string): void }): HTMLElement; summary?(values: ReadonlyMap<string, string>): HTMLElement | string });

export interface WizardOptions {
  title: Bilingual;
  icon?: string;
  steps: StepDef[];
  initial?: Record<string, string>;
  startAt?: string;
  /** shows a last "check and submit" page built from the values */
  review?: (values: ReadonlyMap<string, string>, steps: StepDef[]) => HTMLElement;
  finishLabel: Bilingual;
  busyLabel: Bilingual;
  onFinish(values: ReadonlyMap<string, string>): Promise<void>;
  /** Home (and Back on the first question); `typed` = the consumer entered something */
  onHome(typed: boolean): void;
}

export interface Wizard {
  el: HTMLElement;
  values: Map<string, string>;
  currentKey(): string;
  hasStep(key: string): boolean;
  /** sets a value (scanner); re-renders when that question is on screen */
  setValue(key: string, value: string): void;
  goTo(key: string): void;
  /** API errors: jumps to the first question with an error and shows it there */
  showErrors(errors: Array<{ field: string; message: Bilingual }>, fallback?: Bilingual): void;
  clearValues(): void;
  /** has the consumer typed or chosen anything (beyond what was prefilled)? */
  isDirty(): boolean;
}

const REVIEW = '(review)';

/** The API names catalogue fields `type` or `fields.type`. */
function stepKeyOf(field: string): string {
  return field.startsWith('fields.') ? field.slice('fields.'.length) : field;
}

export function wizard(o: WizardOptions): Wizard {
  const values = new Map<string, string>(Object.entries(o.initial ?? {}));
  const errors = new Map<string, Bilingual>();
  const keys = [...o.steps.map((s) => s.key), ...(o.review ? [REVIEW] : [])];
  let index = Math.max(0, o.startAt ? keys.indexOf(o.startAt) : 0);
  let busy = false;
  let dirty = false;
  // Text fields: what is being typed (incl. a transliteration buffer) and on which keyboard.
  const typing = new Map<string, Typing>();
  const textModes = new Map<string, TextMode>();
  let devPage: 'consonants' | 'vowels' = 'consonants';

  const progress = h('span', { class: 'wiz-progress' });
  const body = h('div', { class: 'wiz-body' });
  const backBtn = h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'back', onclick: () => back() }, svg(icons.back), tx(S.back));
  const homeBtn = h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'home', onclick: () => o.onHome(dirty) }, svg(icons.home), tx(S.home));
  const nextLabel = h('span', { class: 'btn-label' });
  const nextBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'next', onclick: () => void next() }, nextLabel, svg(icons.next));
  const el = h(
    'section',
    { class: 'screen wizard' },
    h('header', { class: 'wiz-head' }, o.icon ? h('span', { class: 'wiz-icon' }, svg(o.icon)) : null, bi(o.title, 'wiz-title'), progress),
    body,
    h('footer', { class: 'wiz-nav' }, backBtn, homeBtn, nextBtn),
  );

  const step = (): StepDef | undefined => o.steps[index];

  function render(): void {
    const s = step();
    const isLast = index === keys.length - 1;
    clear(progress);
    progress.append(tx(S.stepOf(index + 1, keys.length)));
    clear(nextLabel);
    const empty = s ? (values.get(s.key) ?? '') === '' : false;
    nextLabel.append(tx(busy ? o.busyLabel : isLast ? o.finishLabel : s?.optional && empty ? S.skip : S.next));
    nextBtn.classList.toggle('btn-finish', isLast);
    nextBtn.disabled = busy;
    el.dataset.step = keys[index] ?? '';
    el.dataset.kind = s?.kind ?? 'review';
    clear(body);
    if (!s) {
      body.className = 'wiz-body wiz-review';
      body.append(h('h2', { class: 'q-title' }, tx(S.review)), h('p', { class: 'q-rule' }, tx(S.reviewHint)), o.review!(values, o.steps), errorLine(REVIEW));
      return;
    }
    body.className = `wiz-body wiz-${s.kind}`;
    const question = h('div', { class: 'question' }, h('h2', { class: 'q-title' }, tx(s.title)), s.rule ? h('p', { class: 'q-rule' }, tx(s.rule)) : null);
    switch (s.kind) {
      case 'digits': {
        question.append(digitsDisplay(s), errorLine(s.key));
        body.append(
          question,
          keypad((k) => update(s.key, applyKey(values.get(s.key) ?? '', k, s.maxLength, s.decimals ?? 0)), { decimal: (s.decimals ?? 0) > 0 }),
        );
        break;
      }
      case 'choice': {
        const chosen = values.get(s.key);
        const button = (opt: (typeof s.options)[number]) =>
          h(
            'button',
            { type: 'button', class: `choice${chosen === opt.value ? ' chosen' : ''}`, role: 'radio', 'aria-checked': chosen === opt.value ? 'true' : 'false', 'data-value': opt.value, onclick: () => choose(s.key, opt.value) },
            h('span', { class: 'choice-mark' }, chosen === opt.value ? svg(icons.check) : null),
            bi(opt.label),
          );
        const items: HTMLElement[] = [];
        let group: string | undefined;
        for (const opt of s.options) {
          if (opt.group && opt.group.id !== group) items.push(h('h3', { class: 'choice-group', 'data-group': opt.group.id }, tx(opt.group.name)));
          group = opt.group?.id;
          items.push(button(opt));
        }
        const list = h('div', { class: `choices choices-${s.options.length > 6 ? 'many' : 'few'}`, role: 'radiogroup' }, ...items);
        question.append(errorLine(s.key));
        body.append(question, list);
        // A preselected answer (the kiosk's substation) is in view, not somewhere down a long list.
        // (Only the list scrolls: scrollIntoView would also move boxes no finger can scroll back.)
        requestAnimationFrame(() => {
          const c = list.querySelector<HTMLElement>('.chosen');
          if (c && c.offsetTop + c.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = c.offsetTop - (list.clientHeight - c.offsetHeight) / 2;
        });
        break;
      }
      case 'custom': {
        question.append(errorLine(s.key));
        body.append(question, s.render({ values, set: (key, value) => update(key, value) }));
        break;
      }
      case 'text': {
        const mode: TextMode = s.mode === 'reference' ? 'reference' : textModes.get(s.key) ?? 'devanagari';
        let state = typing.get(s.key);
        if (!state || typedValue(state) !== (values.get(s.key) ?? '')) state = emptyTyping(values.get(s.key) ?? '');
        typing.set(s.key, state);
        const v = typedValue(state);
        // Long text (an address) wraps and scrolls inside the box, its end in view: never cut off sideways.
        const typedArea = h('span', { class: 'typed-area' }, v === '' ? h('span', { class: 'placeholder' }, s.prefix ?? '') : h('span', { class: 'typed' }, v), h('span', { class: 'caret' }));
        requestAnimationFrame(() => (typedArea.scrollTop = typedArea.scrollHeight));
        const onMode = (m: TextMode) => {
          typing.set(s.key, commitTyping(typing.get(s.key) ?? emptyTyping()));
          textModes.set(s.key, m);
          render();
        };
        question.append(
          h(
            'div',
            { class: 'display display-text', 'data-testid': 'display', 'data-value': v, lang: mode === 'devanagari' || mode === 'roman' ? 'hi' : 'en' },
            typedArea,
            // The Latin letters behind a transliteration, and how much room is left.
            h('span', { class: 'q-count' }, state.roman ? h('span', { class: 'roman-buffer', 'data-testid': 'roman' }, state.roman) : null, `${[...v].length}/${s.maxLength}`),
          ),
          errorLine(s.key),
        );
        if (mode !== 'reference') question.append(modeSwitch(mode, onMode));
        if (mode === 'roman') question.append(h('p', { class: 'tk-hint' }, tx(S.romanHint)));
        body.append(
          question,
          textKeyboard({
            mode,
            page: devPage,
            onKey: (k) => {
              const next = applyTyping(typing.get(s.key) ?? emptyTyping(), k, mode, s.maxLength);
              typing.set(s.key, next);
              update(s.key, typedValue(next));
            },
            onPage: (p) => {
              devPage = p;
              render();
            },
          }),
        );
        break;
      }
    }
  }

  function digitsDisplay(s: Extract<StepDef, { kind: 'digits' }>): HTMLElement {
    const v = values.get(s.key) ?? '';
    if (s.slots) {
      const boxes = Array.from({ length: s.slots }, (_, i) => h('span', { class: `slot${i === v.length ? ' slot-next' : ''}${i === 4 ? ' slot-gap' : ''}` }, v[i] ?? ''));
      return h('div', { class: 'display display-slots', 'data-testid': 'display', 'data-value': v }, ...boxes);
    }
    return h('div', { class: 'display display-number', 'data-testid': 'display', 'data-value': v }, v === '' ? h('span', { class: 'placeholder' }, '0') : v, s.unit ? h('span', { class: 'unit' }, s.unit) : null);
  }

  function errorLine(key: string): HTMLElement {
    const e = errors.get(key);
    // Both languages, the chosen one large (like the pop-ups): a helper reading along understands too.
    return h('p', { class: 'q-error', role: 'alert', 'aria-live': 'assertive', 'data-field': key }, e ? svg(icons.warning) : null, e ? bi(e) : null);
  }

  function update(key: string, value: string): void {
    dirty = true;
    values.set(key, value);
    errors.delete(key);
    render();
  }

  function choose(key: string, value: string): void {
    update(key, value);
  }

  function back(): void {
    if (busy) return;
    if (index === 0) return o.onHome(dirty);
    index -= 1;
    render();
  }

  async function next(): Promise<void> {
    if (busy) return;
    const s = step();
    if (s) {
      const v = (values.get(s.key) ?? '').trim();
      const problem = v === '' && s.optional ? null : s.check?.(v) ?? null;
      if (problem) {
        errors.set(s.key, problem);
        render();
        return;
      }
      errors.delete(s.key);
    }
    if (index < keys.length - 1) {
      index += 1;
      render();
      return;
    }
    busy = true;
    errors.delete(REVIEW);
    render();
    try {
      await o.onFinish(values);
    } finally {
      busy = false;
      if (el.isConnected) render();
    }
  }

  render();

  return {
    el,
    values,
    currentKey: () => keys[index] ?? '',
    hasStep: (key) => keys.includes(key),
    setValue(key, value) {
      dirty = true;
      values.set(key, value);
      errors.delete(key);
      render();
    },
    goTo(key) {
      const i = keys.indexOf(key);
      if (i >= 0) {
        index = i;
        render();
      }
    },
    showErrors(list, fallback) {
      let first = -1;
      for (const e of list) {
        const key = stepKeyOf(e.field);
        const i = keys.indexOf(key);
        errors.set(i >= 0 ? key : o.review ? REVIEW : keys[index] ?? REVIEW, e.message);
        if (i >= 0 && (first < 0 || i < first)) first = i;
      }
      if (list.length === 0 && fallback) errors.set(o.review ? REVIEW : keys[index] ?? REVIEW, fallback);
      if (first >= 0) index = first;
      render();
    },
    clearValues() {
      values.clear();
      errors.clear();
      typing.clear();
    },
    isDirty: () => dirty,
  };
}
