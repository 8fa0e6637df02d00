// The consumer's acknowledgement, as a printer-neutral document. Pure: the
// same request always gives the same receipt (times come from the request,
// or from `printedAt` for a reprint), so the printed image can be tested.
import type { Timeline } from '../../config/schema.js';
import type { PrintDocument, DocBlock } from '../../drivers/printer/document.js';
import { glossary as G } from '../../config/glossary.js';
import { maskMobile } from '../log/mask.js';
import { escalationLines } from '../services/escalation.js';
import type { Bilingual, ServiceSpec } from '../services/types.js';
import type { StoredRequest } from '../store/types.js';

export interface ReceiptInput {
  request: StoredRequest;
  /** From the catalogue; without it the service id is printed. */
  service?: Pick<ServiceSpec, 'name' | 'kind' | 'fields'>;
  /** The due-date rule that applied (config.timelines[key]). */
  timeline?: Timeline;
  site: Bilingual;
  /** Set for a reprint: the receipt says so, with the time it was reprinted. */
  reprintedAt?: Date;
  /** Set for a copy printed because the outcome of the send at this time was unknown. */
  copyOf?: Date;
}

/** The copy mark: ASCII (printer font, readable by the virtual printer) plus the Hindi word drawn. */
export const COPY_MARK = 'COPY';

const IST_OFFSET_MS = 330 * 60 * 1000;

/** 26-11-2026 14:05 IST — read by consumers, so always India time whatever the Pi's zone. */
export function formatIst(date: Date): string {
  const d = new Date(date.getTime() + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} IST`;
}

/** 1234.5 → "1,234.50" (Indian grouping: 1,23,456.00). */
export function formatRupees(amount: number): string {
  return new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

const t = (text: string, opts: Omit<Extract<DocBlock, { kind: 'text' }>, 'kind' | 'text'> = {}): DocBlock => ({ kind: 'text', text, ...opts });
const rule: DocBlock = { kind: 'rule' };

/** Longest free text printed for a field: receipts are not the place for whole addresses. */
const MAX_FIELD_CHARS = 48;

function clip(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > MAX_FIELD_CHARS ? `${chars.slice(0, MAX_FIELD_CHARS - 1).join('')}…` : chars.join('');
}

function keyFields(input: ReceiptInput): DocBlock[] {
  const { request, service } = input;
  const out: DocBlock[] = [];
  const specs = service?.fields ?? [];
  const known = new Set(specs.map((s) => s.name));
  for (const spec of specs) {
    const value = request.fields[spec.name];
    // Free-text details can be long and personal: central has them, the receipt does not need them.
    if (value === undefined || value === '' || spec.name === 'amount' || spec.name === 'description' || spec.onReceipt === false) continue;
    let en = String(value);
    let hi = String(value);
    if (spec.type === 'enum') {
      const option = spec.options.find((o) => o.value === value);
      if (option) ({ en, hi } = option.label);
    } else if (spec.type === 'text') {
      // Typed text is printed once, under both labels.
      out.push(t(`${spec.label.en} / ${spec.label.hi}:`, { size: 'small' }), t(clip(String(value))));
      continue;
    } else if ('unit' in spec && spec.unit === 'kW') {
      en = `${value} kW`;
      hi = `${value} किलोवाट`;
    } else if ('unit' in spec && spec.unit === 'kWh') {
      en = `${value} kWh`;
      hi = `${value} यूनिट`;
    }
    out.push(t(`${spec.label.en}: ${en}`), t(`${spec.label.hi}: ${hi}`, { size: 'small' }));
  }
  // Fields the catalogue does not describe (older requests) still print, raw.
  for (const [name, value] of Object.entries(request.fields)) {
    if (known.has(name) || name === 'amount' || name === 'description') continue;
    out.push(t(`${name}: ${clip(String(value))}`));
  }
  return out;
}

/**
 * A label in both languages: the English line as printer text, the Hindi one
 * small beneath (Hindi is drawn as raster). Values stay searchable text.
 */
export function labelled(label: Bilingual, value: string, opts: { align?: 'center' } = {}): DocBlock[] {
  return [t(`${label.en}: ${value}`, opts), t(`${label.hi}: ${value}`, { ...opts, size: 'small' })];
}

/** The anti-extortion promise the e-corner exists for: on every receipt. */
export function freeNoticeBlocks(): DocBlock[] {
  return [t(G.freeNotice.hi, { align: 'center', bold: true }), t(G.freeNotice.en, { align: 'center', bold: true, size: 'small' })];
}

/** Helpline, escalation chain and the parallel CM Helpline, for paper. */
export function helpBlocks(): DocBlock[] {
  const esc = escalationLines();
  return [
    t(`${G.helpline.en} / ${G.tollFree.en}`, { bold: true }),
    t(`${G.helpline.hi} / ${G.tollFree.hi}`, { bold: true }),
    t(esc.en, { size: 'small' }),
    t(esc.hi, { size: 'small' }),
    t(esc.parallel.en, { size: 'small' }),
    t(esc.parallel.hi, { size: 'small' }),
  ];
}

/** When the request is due: a date, or, where the clock starts at a complete application, the rule alone. */
function dueBlocks(request: StoredRequest, timeline: Timeline | undefined): DocBlock[] {
  if (timeline?.countsFrom === 'complete-application') {
    return [t(`${G.dueDate.en} / ${G.dueDate.hi}:`, { bold: true }), t(timeline.rule.en, { size: 'small' }), t(timeline.rule.hi, { size: 'small' })];
  }
  const due = formatIst(new Date(request.dueBy));
  const out = [t(`${G.dueDate.en}: ${due}`, { bold: true }), t(`${G.dueDate.hi}: ${due}`, { size: 'small' })];
  if (timeline) out.push(t(timeline.rule.en, { size: 'small' }), t(timeline.rule.hi, { size: 'small' }));
  return out;
}

/** The top of every paper the kiosk prints: brand, site, the free-service notice, a rule and the paper's title. */
export function paperHead(site: Bilingual, title: Bilingual): DocBlock[] {
  return [
    t(G.brand.en, { align: 'center', bold: true, size: 'large' }),
    t(G.brand.hi, { align: 'center', bold: true }),
    t(site.en, { align: 'center' }),
    t(site.hi, { align: 'center' }),
    ...freeNoticeBlocks(),
    rule,
    t(title.en, { align: 'center', bold: true }),
    t(title.hi, { align: 'center', bold: true }),
  ];
}

export function buildReceipt(input: ReceiptInput): PrintDocument {
  const { request, service, timeline, site } = input;
  const name = service?.name ?? { en: request.service, hi: request.service };
  const blocks: DocBlock[] = [...paperHead(site, { en: 'Acknowledgement', hi: 'पावती' }), ...labelled(G.date, formatIst(new Date(request.createdAt)))];
  if (input.copyOf) {
    blocks.push(
      t(`*** ${COPY_MARK} ***`, { align: 'center', bold: true, size: 'large' }),
      t('*** प्रतिलिपि ***', { align: 'center', bold: true }),
      t(`${COPY_MARK} of receipt sent ${formatIst(input.copyOf)}`, { bold: true }),
      t(`मूल रसीद भेजने का समय: ${formatIst(input.copyOf)}`, { size: 'small' }),
    );
  }
  if (input.reprintedAt) {
    blocks.push(t(`REPRINT ${formatIst(input.reprintedAt)}`, { bold: true }), t('पुनः मुद्रित प्रति', { size: 'small' }));
  }
  blocks.push(
    t('Reference number', { align: 'center' }),
    t(G.reference.hi, { align: 'center', size: 'small' }),
    t(request.reference, { align: 'center', bold: true, size: 'large' }),
    rule,
    t(`Service: ${name.en}`, { bold: true }),
    t(`सेवा: ${name.hi}`, { bold: true }),
  );
  if (request.account) blocks.push(...labelled({ en: 'Account', hi: G.accountShort.hi }, request.account));
  if (request.legacyAccount) blocks.push(...labelled({ en: 'Old number', hi: 'पुराना नंबर' }, request.legacyAccount));
  blocks.push(...labelled({ en: 'Mobile', hi: G.mobile.hi }, maskMobile(request.mobile)));
  blocks.push(...keyFields(input));

  const amount = request.fields.amount;
  if ((service?.kind === 'payment' || amount !== undefined) && amount !== undefined && Number.isFinite(Number(amount))) {
    blocks.push(
      rule,
      t(`Amount / राशि: ₹ ${formatRupees(Number(amount))}`, { bold: true, size: 'large' }),
      // Paid status comes from KESCO's back end, never from the kiosk.
      t('Payment is confirmed by KESCO: check the status with this reference.', { size: 'small' }),
      t('भुगतान की पुष्टि केस्को करेगा: इस संदर्भ संख्या से स्थिति देखें।', { size: 'small' }),
    );
  }

  blocks.push(rule, ...dueBlocks(request, timeline));
  if (request.redactedFields?.length) blocks.push(t('12-digit ID numbers in your text were hidden.', { size: 'small' }), t('आपके विवरण में 12 अंकों के पहचान नंबर छिपा दिए गए।', { size: 'small' }));

  blocks.push(
    rule,
    { kind: 'qr', data: request.reference, size: 6 },
    t(`Scan at any ${G.eCorner.en} for status`, { align: 'center', size: 'small' }),
    t(`किसी भी ${G.eCorner.hi} पर स्कैन कर स्थिति देखें`, { align: 'center', size: 'small' }),
    rule,
    ...helpBlocks(),
    ...labelled(G.kiosk, request.kioskId, { align: 'center' }),
  );
  return { blocks };
}
