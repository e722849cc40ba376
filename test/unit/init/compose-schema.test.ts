import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../../src/init/presets.js';
import { renderStackFiles } from '../../../src/init/stack-files.js';
import { composeSchemaErrors } from './compose-schema.js';

describe('docker-compose.telemetry.yml against the Compose Specification schema', () => {
  it.each(PRESET_NAMES)('the %s preset is valid', (preset) => {
    expect(composeSchemaErrors(renderStackFiles({ preset, deployment: 'compose' }).compose)).toEqual([]);
  });

  it("the repository's own file is valid", () => {
    expect(composeSchemaErrors(readFileSync(new URL('../../../docker-compose.telemetry.yml', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('the schema check does reject a broken file', () => {
    const broken = renderStackFiles({ preset: 'local', deployment: 'compose' }).compose.replace('restart: unless-stopped', 'restart: [oops]').replace('    ports:\n', '    portz:\n');
    expect(composeSchemaErrors(broken).length).toBeGreaterThan(0);
  });
});
