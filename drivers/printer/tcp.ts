// Raw TCP printing (port 9100, "JetDirect"): the same byte stream as USB or
// serial, and status replies come back on the same socket.
import net from 'node:net';
import { ReconnectingPort, type BackoffOptions, type Link, type LinkHandlers, type PortLog } from './port-base.js';

export interface TcpPortOptions {
  host: string;
  /** a function when the port is known only later (in-process virtual printer on port 0) */
  port: number | (() => number);
  connectTimeoutMs?: number;
  backoff?: BackoffOptions;
  log?: PortLog;
}

export class TcpPort extends ReconnectingPort {
  constructor(private readonly options: TcpPortOptions) {
    super(`tcp://${options.host}:${typeof options.port === 'number' ? options.port : 'virtual'}`, options.backoff, options.log);
  }

  protected openLink(handlers: LinkHandlers): Promise<Link> {
    return new Promise((resolve, reject) => {
      const port = typeof this.options.port === 'number' ? this.options.port : this.options.port();
      const socket = net.connect({ host: this.options.host, port });
      let open = false;
      let done = false;
      const finish = (reason: string) => {
        if (done) return;
        done = true;
        if (open) handlers.closed(reason);
        else reject(new Error(reason));
      };
      socket.setTimeout(this.options.connectTimeoutMs ?? 5000, () => {
        if (!open) socket.destroy(new Error('connect timeout'));
      });
      socket.once('connect', () => {
        open = true;
        socket.setTimeout(0);
        socket.setNoDelay(true);
        // A printer that loses power sends no FIN; keepalive notices.
        socket.setKeepAlive(true, 5000);
        resolve({
          write: (bytes) => new Promise<void>((ok, fail) => socket.write(bytes, (err) => (err ? fail(err) : ok()))),
          destroy: () => {
            done = true;
            socket.destroy();
          },
        });
      });
      socket.on('data', (bytes) => handlers.data(bytes));
      socket.on('error', (err) => finish(err.message));
      socket.on('close', () => finish('connection closed'));
      socket.on('end', () => socket.end());
    });
  }
}
