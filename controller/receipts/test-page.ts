// The technician's test page: every status field, a barcode, a QR, Hindi and
// ₹ drawn through the raster path, the kiosk id and software version. If it
// prints legibly, the whole receipt path works.
import type { PrintDocument, DocBlock } from '../../drivers/printer/document.js';
import type { PrinterStatus, RawPrinterStatus } from '../../drivers/printer/types.js';
import type { Bilingual } from '../services/types.js';
import { formatIst } from './layout.js';

export interface TestPageInput {
  kioskId: string;
  version: string;
  site: Bilingual;
  status: PrinterStatus;
  raw: RawPrinterStatus | null;
  port: string;
  paperWidthMm: 58 | 80;
  now: Date;
}

const yn = (v: boolean) => (v ? 'YES' : 'no');

export function buildTestPage(input: TestPageInput): PrintDocument {
  const t = (text: string, opts: Omit<Extract<DocBlock, { kind: 'text' }>, 'kind' | 'text'> = {}): DocBlock => ({ kind: 'text', text, ...opts });
  const columns = input.paperWidthMm === 58 ? 32 : 48;
  const blocks: DocBlock[] = [
    t('PRINTER TEST PAGE', { align: 'center', bold: true, size: 'large' }),
    t('प्रिंटर परीक्षण पृष्ठ', { align: 'center', bold: true }),
    t(input.site.en, { align: 'center' }),
    t(input.site.hi, { align: 'center' }),
    { kind: 'rule' },
    t(`Kiosk:   ${input.kioskId}`),
    t(`Version: ${input.version}`),
    t(`Time:    ${formatIst(input.now)}`),
    t(`Link:    ${input.port}`),
    t(`Paper:   ${input.paperWidthMm} mm, ${columns} columns`),
    t(`Status:  ${input.status.state}${'cause' in input.status ? ` (${input.status.cause})` : ''}`, { bold: true }),
    { kind: 'rule' },
  ];
  const raw = input.raw;
  if (raw) {
    blocks.push(
      t('DLE EOT 1 printer', { bold: true }),
      t(`  offline ${yn(raw.printer.offline)}  drawer pin3 ${yn(raw.printer.drawerPin3High)}`),
      t(`  wait recovery ${yn(raw.printer.waitingOnlineRecovery)}  feed btn ${yn(raw.printer.feedButtonPressed)}`),
      t('DLE EOT 2 offline cause', { bold: true }),
      t(`  cover open ${yn(raw.offlineCause.coverOpen)}  feeding ${yn(raw.offlineCause.feedingByButton)}`),
      t(`  paper-end stop ${yn(raw.offlineCause.stoppedByPaperEnd)}  error ${yn(raw.offlineCause.errorOccurred)}`),
      t('DLE EOT 3 errors', { bold: true }),
      t(`  mechanical ${yn(raw.error.mechanical)}  cutter ${yn(raw.error.autoCutter)}`),
      t(`  unrecoverable ${yn(raw.error.unrecoverable)}  auto-rec ${yn(raw.error.autoRecoverable)}`),
      t('DLE EOT 4 paper', { bold: true }),
      t(`  near end ${yn(raw.paper.nearEnd)}  end ${yn(raw.paper.end)}`),
    );
  } else {
    blocks.push(t('No status read yet'));
  }
  blocks.push(
    { kind: 'rule' },
    t('0123456789'.repeat(Math.ceil(columns / 10)).slice(0, columns)),
    t('Bold line', { bold: true }),
    t('Small font B line', { size: 'small' }),
    t('हिंदी: क्षेत्र, शिकायत, स्थिति, प्रिंटर ठीक है', { bold: true }),
    t('राशि ₹ 1,23,456.00 — कृपया रसीद सुरक्षित रखें', { size: 'small' }),
    { kind: 'barcode', data: input.kioskId },
    { kind: 'qr', data: `ECORNER-TEST:${input.kioskId}`, size: 5 },
    t('Helpline 1912 / हेल्पलाइन 1912', { align: 'center' }),
  );
  return { blocks };
}
