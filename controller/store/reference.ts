// Kiosk reference numbers: KE-<site>-<yymmdd>-<sequence>. The sequence is
// global to the kiosk and persisted with the request it numbers, so it is
// unique even when the Pi's clock (no RTC) jumps back after a power cut.

const IST_OFFSET_MS = 330 * 60 * 1000;

/** Date parts in India Standard Time, which consumers read on receipts. */
export function istDate(date: Date): { yy: string; mm: string; dd: string } {
  const ist = new Date(date.getTime() + IST_OFFSET_MS);
  return {
    yy: String(ist.getUTCFullYear() % 100).padStart(2, '0'),
    mm: String(ist.getUTCMonth() + 1).padStart(2, '0'),
    dd: String(ist.getUTCDate()).padStart(2, '0'),
  };
}

export function formatReference(siteCode: string, date: Date, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  const { yy, mm, dd } = istDate(date);
  return `KE-${siteCode}-${yy}${mm}${dd}-${String(sequence).padStart(5, '0')}`;
}

export const referencePattern = /^KE-[A-Z]{2,4}-\d{6}-\d{5,}$/;

/** The kiosk-wide sequence number inside a reference (its last part), or null. */
export function referenceSequence(reference: string): number | null {
  const n = Number(reference.slice(reference.lastIndexOf('-') + 1));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
