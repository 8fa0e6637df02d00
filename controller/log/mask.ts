// Mobile numbers are personal data: everything shown or logged uses the mask.

/** 9876543210 → 98xxxxxx10 */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  if (digits.length < 4) return 'x'.repeat(digits.length);
  return digits.slice(0, 2) + 'x'.repeat(digits.length - 4) + digits.slice(-2);
}

// also spaced or dashed as people write them: +91 98765 43210, 98765-43210
const mobilePattern = /(?<![\d+])(?:\+91[\s-]?|0)?([6-9](?:[\s-]?\d){9})(?!\d)/g;

/** Masks every Indian mobile number found in free text (log lines, error text). */
export function maskMobilesInText(text: string): string {
  return text.replace(mobilePattern, (_m, digits: string) => maskMobile(digits.replace(/[\s-]/g, '')));
}
