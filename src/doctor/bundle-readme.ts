/**
 * README.txt of a support bundle: what each file is, where it came from, and that secrets were
 * replaced, so whoever opens the archive (the user before attaching it, support after) knows both.
 */
import { REDACTED } from '../boundary/secrets.js';

export function readmeText(files: Array<{ path: string; source: string }>, createdAt: string): string {
  const width = Math.max(...files.map((file) => file.path.length));
  return [
    'otel-proc doctor support bundle',
    `created ${createdAt}`,
    '',
    `Secrets were replaced before anything was written: header values (Authorization, API keys),`,
    `passwords in URLs, secret query parameters (api_key, token, ...), variables and config keys`,
    `whose names look secret, and auth tokens in the config files all read ${REDACTED} (or "redacted"`,
    `inside a URL). Read the files before you attach them all the same: a secret under a name that`,
    `does not look secret cannot be recognised.`,
    '',
    'Inside, with where each file came from:',
    ...files.map((file) => `  ${file.path.padEnd(width)}  ${file.source}`),
    '',
    'doctor.json and validate.json are what `otel-proc doctor --json` and `otel-proc validate --json`',
    'print for this configuration; probe-matrix.json holds the neighbouring endpoints doctor tried',
    'when the configured one failed. Unpack with: tar xzf <bundle>.tar.gz',
    '',
  ].join('\n');
}
