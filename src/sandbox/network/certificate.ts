// The sandbox's certificate for `--tls`: a CA made at start and a server certificate it signs for
// the loopback names, so a client must trust the CA explicitly (as it would a tenant's gateway).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface SandboxCertificate {
  /** PEM of the CA a client must trust. */
  ca: string;
  /** Where the CA's PEM was written. */
  caPath: string;
  cert: string;
  key: string;
}

export const CA_FILE_NAME = 'sandbox-ca.pem';

const DAY_MS = 24 * 3600 * 1000;

/** Writes the CA next to the data directory when there is one, else in a fresh temporary folder. */
export async function makeCertificate(dataDir: string | undefined): Promise<SandboxCertificate> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  // A name of its own per start, as every real CA has: a client trusting a bundle of several
  // sandboxes' CAs finds each server's issuer by name.
  const authority = await generate([{ name: 'commonName', value: `NCX sandbox CA ${randomBytes(6).toString('hex')}` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: authority.private, cert: authority.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '127.0.0.2' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  const folder = dataDir ?? join(tmpdir(), `ncx-sandbox-tls-${process.pid}-${Date.now()}`);
  await mkdir(folder, { recursive: true });
  const caPath = join(folder, CA_FILE_NAME);
  await writeFile(caPath, authority.cert.endsWith('\n') ? authority.cert : `${authority.cert}\n`);
  return { ca: authority.cert, caPath, cert: server.cert, key: server.private };
}
