// The wire contract both the kiosk and central import.
export * from './heartbeat.js';
export * from './requests.js';
export * from './bills.js';
export * from './errors.js';
export * from './signing.js';
