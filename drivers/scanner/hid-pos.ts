// Pure decoding of HID-POS barcode scanner input reports (USB HID Point of Sale
// Usage Tables 1.02, Bar Code Scanner page 0x8C, "Scanned Data Report" 0x12).
// The report layout used by HID-POS scanners (Honeywell, Zebra, Datalogic,
// Access-IS all document the same 64-byte form):
//   byte 0      report ID 0x02 (scanned data)
//   byte 1      number of data bytes in this report (0-56)
//   byte 2-4    AIM symbology identifier, e.g. "]Q1" (Symbology Identifier 1-3, 0x8C:0xFB-0xFD)
//   byte 5-60   decoded data (0x8C:0xFE), zero padded
//   byte 61     further symbology identifier (vendor)
//   byte 62     reserved
//   byte 63     bit 0: decoded data continued (0x8C:0xFF): more reports follow
// Without a report ID (some hidapi back ends strip it) the same layout starts
// at byte 1 and the report is 63 bytes long.

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;
const DATA_OFFSET = 5;
const DATA_MAX = 56;
const CONTINUED_OFFSET = 63;

export interface HidPosPayload {
  bytes: Buffer;
  /** AIM symbology identifier, e.g. "]Q1", when the scanner filled it in */
  symbology?: string;
  overflow: boolean;
}

export class HidPosDecoder {
  private parts: Buffer[] = [];
  private length = 0;
  private overflow = false;
  private symbology: string | undefined;

  constructor(private readonly maxBytes: number) {}

  /** Feeds one input report; returns the completed code, or null (more to come, or not a scan report). */
  push(input: Uint8Array): HidPosPayload | null {
    let report: Uint8Array;
    if (input.length >= 64 && input[0] === SCANNED_DATA_REPORT_ID) report = input;
    else if (input.length === 63) report = Uint8Array.of(SCANNED_DATA_REPORT_ID, ...input);
    else return null; // another report (status, trigger) or a malformed one: ignore

    const count = Math.min(report[1]!, DATA_MAX);
    const aim = report.subarray(2, 5);
    if (this.length === 0 && aim[0] === 0x5d /* ']' */ && aim[1] !== 0) {
      this.symbology = Buffer.from(aim).toString('latin1').replace(/\0+$/, '');
    }
    const data = report.subarray(DATA_OFFSET, DATA_OFFSET + count);
    const room = this.maxBytes - this.length;
    if (data.length > room) this.overflow = true;
    const kept = data.subarray(0, Math.max(0, room));
    if (kept.length > 0) {
      this.parts.push(Buffer.from(kept));
      this.length += kept.length;
    }
    const continued = (report[CONTINUED_OFFSET]! & 0x01) === 1;
    if (continued) return null;

    const payload: HidPosPayload = { bytes: Buffer.concat(this.parts, this.length), overflow: this.overflow };
    if (this.symbology) payload.symbology = this.symbology;
    this.reset();
    return payload.bytes.length > 0 || payload.overflow ? payload : null;
  }

  reset(): void {
    this.parts = [];
    this.length = 0;
    this.overflow = false;
    this.symbology = undefined;
  }
}

/** Builds the 64-byte reports a HID-POS scanner sends for `data` (virtual device and tests). */
export function encodeHidPosReports(data: string | Uint8Array, symbology = ']Q1'): Uint8Array[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += DATA_MAX) {
    const chunk = bytes.subarray(offset, offset + DATA_MAX);
    const report = new Uint8Array(64);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[1] = chunk.length;
    report.set(Buffer.from(symbology.padEnd(3, '\0').slice(0, 3), 'latin1'), 2);
    report.set(chunk, DATA_OFFSET);
    report[CONTINUED_OFFSET] = offset + DATA_MAX < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
