import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  certPath: string;
  keyPath: string;
  /** The certificate in PEM, for clients that trust it (Node's `ca`). */
  pem: string;
}

/**
 * A self-signed certificate for this run (openssl CLI, P-256, two days), valid for `localhost`
 * and 127.0.0.1 — what a site gets from its CA, made here.
 */
export function makeCertificate(dir: string): Certificate {
  const certPath = join(dir, 'fullchain.pem');
  const keyPath = join(dir, 'privkey.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certPath, keyPath, pem: readFileSync(certPath, 'utf8') };
}
