/**
 * Sensible defaults for init's questions, taken from the project in the target folder: the
 * service name and version from its package.json (the scope dropped: `@acme/billing` -> `billing`),
 * else the folder's name and 1.0.0.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export interface ProjectDefaults {
  serviceName: string;
  serviceVersion: string;
}

export async function projectDefaults(dir: string): Promise<ProjectDefaults> {
  let name: string | undefined;
  let version: string | undefined;
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    if (typeof pkg.name === 'string' && pkg.name.trim() !== '') name = pkg.name.replace(/^@[^/]+\//, '');
    if (typeof pkg.version === 'string' && pkg.version.trim() !== '') version = pkg.version;
  } catch {
    // no package.json, or not JSON: fall back to the folder name
  }
  const folder = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return { serviceName: name ?? (folder || 'my-service'), serviceVersion: version ?? '1.0.0' };
}
