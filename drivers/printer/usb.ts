// USB printer-class device through the kernel's usblp driver (/dev/usb/lp0 or
// a udev symlink). Status replies are read back from the same file
// descriptor. The fd is non-blocking and read on a short timer: a blocking
// read would hold a libuv worker thread forever and cannot be cancelled.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ReconnectingPort, type BackoffOptions, type Link, type LinkHandlers, type PortLog } from './port-base.js';

/** The part of a file handle used here. */
export interface DeviceHandle {
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number }>;
  write(buffer: Uint8Array): Promise<{ bytesWritten: number }>;
  close(): Promise<void>;
}

export type DeviceOpener = (path: string) => Promise<DeviceHandle>;

export interface UsbPortOptions {
  path: string;
  readIntervalMs?: number;
  backoff?: BackoffOptions;
  log?: PortLog;
  open?: DeviceOpener;
}

const realOpener: DeviceOpener = async (path) => {
  const handle = await open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  return {
    read: (buffer, offset, length) => handle.read(buffer, offset, length, null),
    write: (buffer) => handle.write(buffer),
    close: () => handle.close(),
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** No data yet (non-blocking read) or the previous URB still busy (write). */
function isBusy(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

export class UsbPrinterPort extends ReconnectingPort {
  constructor(private readonly options: UsbPortOptions) {
    super(`usb:${options.path}`, options.backoff, options.log);
  }

  protected async openLink(handlers: LinkHandlers): Promise<Link> {
    const handle = await (this.options.open ?? realOpener)(this.options.path);
    let done = false;
    const gone = (reason: string) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      handle.close().catch(() => undefined);
      handlers.closed(reason);
    };
    let reading = false;
    const buffer = Buffer.alloc(256);
    const timer = setInterval(() => {
      if (reading || done) return;
      reading = true;
      handle.read(buffer, 0, buffer.length)
        .then(({ bytesRead }) => {
          if (bytesRead > 0 && !done) handlers.data(Buffer.from(buffer.subarray(0, bytesRead)));
        })
        .catch((err: unknown) => {
          // ENODEV / EIO: unplugged or reset; the path comes back on replug.
          if (!isBusy(err)) gone((err as Error).message);
        })
        .finally(() => {
          reading = false;
        });
    }, this.options.readIntervalMs ?? 20);
    timer.unref?.();
    return {
      write: async (bytes) => {
        let offset = 0;
        let busySince = Date.now();
        while (offset < bytes.length) {
          if (done) throw new Error(`${this.options.path}: device gone`);
          try {
            const { bytesWritten } = await handle.write(bytes.subarray(offset));
            offset += bytesWritten;
            busySince = Date.now();
          } catch (err) {
            if (!isBusy(err)) {
              gone((err as Error).message);
              throw err;
            }
            // A printer out of paper stops taking data; give up after a while, the queue retries.
            if (Date.now() - busySince > 10_000) throw new Error(`${this.options.path}: printer not accepting data`);
            await sleep(10);
          }
        }
      },
      destroy: () => {
        done = true;
        clearInterval(timer);
        handle.close().catch(() => undefined);
      },
    };
  }
}
