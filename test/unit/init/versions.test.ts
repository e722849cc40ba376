import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STACK_VERSIONS } from '../../../src/init/versions.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

// The native builds (scripts/stack) and the images (docker-compose.telemetry.yml) must be the same releases.
describe('pinned stack versions', () => {
  const shell = read('scripts/stack/versions.sh');
  it('collector: versions.sh and every builder manifest module use the image version', () => {
    expect(shell).toContain(`OTELCOL_VERSION="${STACK_VERSIONS.collector}"`);
    const modules = [...read('scripts/stack/builder-manifest.yaml').matchAll(/- gomod: (\S+) (\S+)/g)];
    expect(modules.length).toBeGreaterThanOrEqual(11);
    for (const [, module, version] of modules) expect(`${module} ${version}`).toBe(`${module} v${STACK_VERSIONS.collector}`);
  });

  it('jaeger: the Go module tag is the one cut with the v2 release', () => {
    expect(shell).toContain(`JAEGER_MODULE_VERSION="${STACK_VERSIONS.jaegerModule}"`);
  });
});
