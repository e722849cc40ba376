/**
 * Certificates generated at test time with the openssl CLI (node:crypto cannot build X.509):
 * a valid self-signed certificate for localhost/127.0.0.1, one for another name, and one that
 * expired in 2020. Each lives in its own temporary folder, removed by `dispose()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
  dir: string;
  dispose(): void;
}

export interface CertificateOptions {
  commonName?: string;
  /** subjectAltName entries, default `DNS:localhost,IP:127.0.0.1`. */
  altNames?: string;
  /** Valid only in January 2020. */
  expired?: boolean;
  /** Days of validity from now (default 30). */
  days?: number;
}

const CA_CONFIG = (altNames: string): string => `[ ca ]
default_ca = local
[ local ]
dir = .
database = index.txt
serial = serial
new_certs_dir = .
default_md = sha256
policy = any
copy_extensions = copy
[ any ]
commonName = supplied
[ leaf ]
subjectAltName = ${altNames}
basicConstraints = critical,CA:TRUE
`;

export function generateCertificate(options: CertificateOptions = {}): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'otel-proc-cert-'));
  const commonName = options.commonName ?? 'localhost';
  const altNames = options.altNames ?? 'DNS:localhost,IP:127.0.0.1';
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  if (options.expired) {
    // `openssl req -x509` cannot back-date; `openssl ca -selfsign` takes explicit dates.
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG(altNames));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    run([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      'req.csr',
      '-subj',
      `/CN=${commonName}`,
    ]);
    run([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-selfsign',
      '-keyfile',
      keyPath,
      '-in',
      'req.csr',
      '-out',
      certPath,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-extensions',
      'leaf',
      '-notext',
    ]);
  } else {
    run([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      String(options.days ?? 30),
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      `subjectAltName=${altNames}`,
    ]);
  }
  return {
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    certPath,
    keyPath,
    dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
