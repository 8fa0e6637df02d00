// Prints the scrypt hash of a technician PIN for `technician.pinHash`.
//   npm run technician:pin-hash            (asks for the PIN, not echoed to the shell history)
//   echo 482913 | npm run -s technician:pin-hash
import { createInterface } from 'node:readline';
import { hashPin, isValidPin } from './pin.js';

const rl = createInterface({ input: process.stdin, terminal: false });
if (process.stdin.isTTY) process.stderr.write('technician PIN (6-12 digits): ');
const pin = await new Promise<string>((resolve) => {
  rl.once('line', (line) => resolve(line.trim()));
  rl.once('close', () => resolve(''));
});
rl.close();
if (!isValidPin(pin)) {
  process.stderr.write('ecorner: a technician PIN is 6 to 12 digits\n');
  process.exit(2);
}
process.stdout.write(`${await hashPin(pin)}\n`);
