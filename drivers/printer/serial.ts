// Serial (RS-232 / USB-CDC) printing with serialport 13. The native binding is
// loaded only when a serial printer is configured, so tests and network
// kiosks never load it; tests pass their own opener (SerialPortMock).
import { ReconnectingPort, type BackoffOptions, type Link, type LinkHandlers, type PortLog } from './port-base.js';

/** The part of a serialport stream used here. */
export interface SerialLike {
  open(callback: (err: Error | null) => void): void;
  write(data: Uint8Array, callback: (err: Error | null | undefined) => void): boolean;
  drain(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (bytes: Buffer) => void): this;
  on(event: 'close' | 'error', listener: (err?: Error) => void): this;
  readonly isOpen: boolean;
}

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  rtscts: boolean;
  xon: boolean;
  xoff: boolean;
  autoOpen: false;
}

export type SerialOpener = (options: SerialOpenOptions) => SerialLike | Promise<SerialLike>;

export interface SerialPortOptions {
  path: string;
  baudRate: number;
  rtscts: boolean;
  xon: boolean;
  backoff?: BackoffOptions;
  log?: PortLog;
  open?: SerialOpener;
}

const realOpener: SerialOpener = async (options) => {
  const { SerialPort } = await import('serialport');
  return new SerialPort(options) as unknown as SerialLike;
};

export class SerialPrinterPort extends ReconnectingPort {
  constructor(private readonly options: SerialPortOptions) {
    super(`serial:${options.path}@${options.baudRate}`, options.backoff, options.log);
  }

  protected async openLink(handlers: LinkHandlers): Promise<Link> {
    const opener = this.options.open ?? realOpener;
    // XON/XOFF flow control is one setting: the printer sends both.
    const port = await opener({ path: this.options.path, baudRate: this.options.baudRate, rtscts: this.options.rtscts, xon: this.options.xon, xoff: this.options.xon, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    let done = false;
    const gone = (reason: string) => {
      if (done) return;
      done = true;
      handlers.closed(reason);
    };
    port.on('data', (bytes) => handlers.data(bytes));
    port.on('error', (err) => gone(err?.message ?? 'serial error'));
    port.on('close', (err) => gone(err?.message ?? 'serial port closed'));
    return {
      // drain: the bytes have left the UART buffer, so a write error is seen here.
      write: (bytes) => new Promise<void>((resolve, reject) => {
        port.write(bytes, (err) => {
          if (err) return reject(err);
          port.drain((e) => (e ? reject(e) : resolve()));
        });
      }),
      destroy: () => {
        done = true;
        if (port.isOpen) port.close(() => undefined);
      },
    };
  }
}
