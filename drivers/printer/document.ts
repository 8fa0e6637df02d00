// A printer-neutral receipt: what to print, not how. controller/receipts
// builds these; escpos.ts turns them into bytes for one paper width.

export type DocAlign = 'left' | 'center' | 'right';
export type DocSize = 'small' | 'normal' | 'large';

export type DocBlock =
  /** ASCII text prints in the printer's font; anything else (Hindi, ₹) is drawn and sent as raster. */
  | { kind: 'text'; text: string; align?: DocAlign; bold?: boolean; size?: DocSize }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string; size?: number }
  | { kind: 'barcode'; data: string }
  | { kind: 'feed'; lines?: number };

export interface PrintDocument {
  blocks: DocBlock[];
}

export function textOf(doc: PrintDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'qr' || b.kind === 'barcode' ? [b.data] : []));
}
