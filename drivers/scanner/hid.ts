// USB HID scanners through node-hid (loaded lazily: it is a native module and
// only needed when a HID scanner is configured). Two modes:
//   hid-wedge  the scanner is a boot keyboard; 8-byte reports → KeyboardDecoder
//   hid-pos    the scanner is a HID-POS bar code scanner (usage page 0x8C) → HidPosDecoder
// The device is reopened with backoff after a read error (unplug) and retried
// while missing, like the serial driver.
import type { DriverLogger as Logger } from '../log.js';
import { KeyboardDecoder } from './hid-keyboard.js';
import { HID_POS_USAGE_PAGE, HidPosDecoder } from './hid-pos.js';
import { ScannerBase } from './scanner-base.js';
import {
  Backoff, describeError, openErrorCause,
  type ReconnectOptions, type ScannerErrorCause, type ScannerPayload,
} from './types.js';

/** The part of node-hid's HIDAsync the driver uses. */
export interface HidDeviceLike {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  removeAllListeners(): unknown;
  close(): Promise<void>;
}

export interface HidDeviceInfo {
  path?: string | undefined;
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface: number;
}

export interface HidBackend {
  devices(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDeviceLike>;
}

export const defaultHidBackend = async (): Promise<HidBackend> => {
  const hid = await import('node-hid');
  return {
    devices: (vid, pid) => hid.devicesAsync(vid, pid),
    open: (path) => hid.HIDAsync.open(path) as Promise<HidDeviceLike>,
  };
};

export interface HidScannerOptions {
  mode: 'hid-wedge' | 'hid-pos';
  vendorId: number;
  productId: number;
  /** keyboard layout for wedge mode */
  layout?: string;
  maxLength: number;
  log?: Logger;
  reconnect?: ReconnectOptions;
  backend?: () => Promise<HidBackend>;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Picks the interface that carries scans: usage page 0x8C for HID-POS, Generic Desktop/Keyboard for wedge. */
export function pickInterface(devices: HidDeviceInfo[], mode: 'hid-wedge' | 'hid-pos'): HidDeviceInfo | undefined {
  const withPath = devices.filter((d) => d.path);
  const wanted = mode === 'hid-pos'
    ? withPath.find((d) => d.usagePage === HID_POS_USAGE_PAGE)
    : withPath.find((d) => d.usagePage === 0x01 && d.usage === 0x06);
  // Back ends that do not report usages (libusb): fall back to the first interface.
  return wanted ?? (withPath.every((d) => d.usagePage === undefined || d.usagePage === 0) ? withPath[0] : undefined);
}

export class HidScanner extends ScannerBase {
  override readonly backend: 'hid-wedge' | 'hid-pos';
  private readonly backoff: Backoff;
  private readonly keyboard: KeyboardDecoder;
  private readonly pos: HidPosDecoder;
  private device: HidDeviceLike | null = null;
  private timer: NodeJS.Timeout | null = null;
  private generation = 0;
  private hid: HidBackend | null = null;

  constructor(private readonly options: HidScannerOptions) {
    super(options.log);
    this.backend = options.mode;
    this.backoff = new Backoff(options.reconnect);
    this.keyboard = new KeyboardDecoder({ layout: options.layout ?? 'us', maxLength: options.maxLength });
    this.pos = new HidPosDecoder(options.maxLength);
  }

  protected override async disconnect(): Promise<void> {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.dropDevice();
  }

  /** Feeds one raw input report (what node-hid's 'data' event delivers). Exposed for replaying recorded reports. */
  handleReport(report: Uint8Array): void {
    try {
      if (this.options.mode === 'hid-wedge') {
        for (const { text, overflow } of this.keyboard.push(report)) {
          const payload: ScannerPayload = { bytes: Buffer.from(text, 'utf8') };
          if (overflow) payload.overflow = true;
          this.emitScan(payload);
        }
      } else {
        const done = this.pos.push(report);
        if (done) {
          const payload: ScannerPayload = { bytes: done.bytes };
          if (done.symbology) payload.symbology = done.symbology;
          if (done.overflow) payload.overflow = true;
          this.emitScan(payload);
        }
      }
    } catch (err) {
      // Decoders are pure and bounded; a surprise here drops the report, never the driver.
      this.options.log?.error({ event: 'scanner-decode-error', err: describeError(err) }, 'scanner report decode failed');
      this.keyboard.reset();
      this.pos.reset();
    }
  }

  protected override async connect(): Promise<void> {
    if (!this.running) return;
    const generation = ++this.generation;
    await this.dropDevice();
    const id = `${hex4(this.options.vendorId)}:${hex4(this.options.productId)}`;
    let device: HidDeviceLike;
    let path: string;
    try {
      this.hid ??= await (this.options.backend ?? defaultHidBackend)();
      const info = pickInterface(await this.hid.devices(this.options.vendorId, this.options.productId), this.options.mode);
      if (!info?.path) {
        this.fail('not-found', new Error(`no ${this.options.mode} interface for USB ${id}`));
        return;
      }
      path = info.path;
      device = await this.hid.open(path);
    } catch (err) {
      this.fail(openErrorCause(err), err);
      return;
    }
    if (generation !== this.generation) {
      await device.close().catch(() => undefined);
      return;
    }
    this.device = device;
    this.keyboard.reset();
    this.pos.reset();
    device.on('data', (data: Buffer) => {
      if (generation === this.generation) this.handleReport(data);
    });
    device.on('error', (err: unknown) => {
      if (generation === this.generation) this.fail('disconnected', err);
    });
    this.backoff.reset();
    this.setStatus({ state: 'ready', device: `${id} ${path}` });
  }

  private fail(cause: ScannerErrorCause, err: unknown): void {
    if (!this.running) return;
    this.generation++;
    void this.dropDevice();
    if (this.timer) return;
    const delay = this.backoff.next();
    this.setStatus({ state: 'error', cause, detail: describeError(err), retryInMs: delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private async dropDevice(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (!device) return;
    device.removeAllListeners();
    device.on('error', () => undefined);
    await device.close().catch(() => undefined);
  }
}
