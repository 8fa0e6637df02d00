// Event payloads shared by the controller and the browser code (no Node imports here).
// The scan event is defined by the scanner driver, which produces it.
export type { ScanEvent } from '../../drivers/scanner/scan-event.js';
