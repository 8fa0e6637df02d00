// The technician listener's TLS certificate: self-signed, one per kiosk,
// created at first start and kept in the data dir (key readable by the
// controller only). `selfsigned` (maintained, pure JS on @peculiar/x509 and
// WebCrypto) instead of spawning openssl: no dependency on the image's
// openssl binary, and errors arrive as exceptions, not exit codes to parse.
// The technician compares the SHA-256 fingerprint shown on the page header
// (and on the kiosk's own screen in maintenance) with the browser's warning.
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';

export interface TechnicianCert {
  key: string;
  cert: string;
  /** SHA-256 fingerprint, colon-separated hex, as browsers show it */
  fingerprint: string;
  created: boolean;
}

const VALID_YEARS = 10;

export async function loadOrCreateCert(dir: string, kioskId: string, now: () => Date): Promise<TechnicianCert> {
  const keyFile = path.join(dir, 'technician-tls.key');
  const certFile = path.join(dir, 'technician-tls.crt');
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    return { key, cert, fingerprint: new X509Certificate(cert).fingerprint256, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const notBeforeDate = now();
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_YEARS * 365 * 24 * 3600 * 1000);
  // Loaded only when a certificate is made (first start): it pulls in a whole X.509 stack.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: `ecorner-${kioskId.toLowerCase()}` }, { name: 'organizationName', value: 'KESCO e-corner' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: `ecorner-${kioskId.toLowerCase()}.local` }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  await mkdir(dir, { recursive: true });
  // Written under temp names and renamed: a power cut leaves no half key.
  await writeFile(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
  await writeFile(`${certFile}.tmp`, pems.cert, { mode: 0o644 });
  await rename(`${keyFile}.tmp`, keyFile);
  await rename(`${certFile}.tmp`, certFile);
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256, created: true };
}
