// Reads `strace -f -tt -y` output into system calls with their place in
// time: `start` is the line where the call was entered, `end` the line where
// it returned (the same line unless another thread's call came in between:
// "<unfinished ...>" … "<... name resumed>"). strace writes lines in the order
// it saw the events, so comparing line numbers orders them.

export interface Syscall {
  pid: number;
  name: string;
  args: string;
  result: string;
  start: number;
  end: number;
}

const COMPLETE = /^(\d+)\s+[\d:.]+\s+(\w+)\((.*)$/;
const UNFINISHED = /^(\d+)\s+[\d:.]+\s+(\w+)\((.*) <unfinished \.\.\.>$/;
const RESUMED = /^(\d+)\s+[\d:.]+\s+<\.\.\. (\w+) resumed>(.*)$/;

/** "args) = result" → [args, result], splitting at the last ") = ". */
function splitResult(rest: string): [string, string] | null {
  const at = rest.lastIndexOf(') = ');
  return at < 0 ? null : [rest.slice(0, at), rest.slice(at + 4)];
}

export function parseStrace(text: string): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<string, { pid: number; name: string; args: string; start: number }>();
  text.split('\n').forEach((line, i) => {
    let m = UNFINISHED.exec(line);
    if (m) {
      open.set(`${m[1]} ${m[2]}`, { pid: Number(m[1]), name: m[2]!, args: m[3]!, start: i });
      return;
    }
    m = RESUMED.exec(line);
    if (m) {
      const entered = open.get(`${m[1]} ${m[2]}`);
      const split = splitResult(m[3]!);
      if (!entered || !split) return;
      open.delete(`${m[1]} ${m[2]}`);
      calls.push({ pid: entered.pid, name: entered.name, args: entered.args + split[0], result: split[1], start: entered.start, end: i });
      return;
    }
    m = COMPLETE.exec(line);
    if (m) {
      const split = splitResult(m[3]!);
      if (split) calls.push({ pid: Number(m[1]), name: m[2]!, args: split[0], result: split[1], start: i, end: i });
    }
  });
  return calls;
}

export interface AckProof {
  reference: string;
  /** the WAL write holding the request's row, and the fsync after it that returned before the 201 */
  write?: Syscall;
  sync?: Syscall;
  ack: Syscall;
}

/**
 * For every 201 written to the socket of a connection to `localPort` (strace -yy
 * names them `TCP:[host:port->peer]`; other servers in the process, such as
 * the simulator's central, are not the consumer API): the write of its reference into the
 * database's WAL, then an fsync/fdatasync of that file started after the
 * write returned, returned 0, and did so before the 201's write began.
 */
export function proveAcksDurable(calls: Syscall[], dbFile: string, localPort: number): AckProof[] {
  const wal = `${dbFile}-wal>`;
  const walWrites = calls.filter((c) => /^pwrite/.test(c.name) && c.args.includes(wal));
  const syncs = calls.filter((c) => (c.name === 'fsync' || c.name === 'fdatasync') && c.args.includes(wal) && c.result.startsWith('0'));
  const acks = calls.filter((c) => /^(write|writev|sendto|sendmsg)$/.test(c.name) && c.args.includes(`:${localPort}->`) && c.args.includes('HTTP/1.1 201'));
  return acks.map((ack) => {
    const reference = /\\"reference\\":\\"(KE-[A-Z]+-\d+-\d+)\\"/.exec(ack.args)?.[1] ?? '';
    const write = walWrites.filter((w) => reference && w.args.includes(reference) && w.end < ack.start).at(-1);
    const sync = write && syncs.find((s) => s.start > write.end && s.end < ack.start);
    return { reference, ack, ...(write ? { write } : {}), ...(sync ? { sync } : {}) };
  });
}
