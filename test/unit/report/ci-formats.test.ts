/**
 * The SARIF and JUnit writers on awkward input: markup, quotes, control characters and absolute
 * paths come out as documents their consumers accept (schema-checked), with the text intact.
 */
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit.js';
import { renderSarif } from '../../../src/report/sarif.js';
import { junitSchemaErrors, parseJunit, sarifSchemaErrors } from '../../helpers/ci-formats.js';

const NASTY = 'a <b> & "c" \'d\' \u0007bell ]]> end';

describe('JUnit writer', () => {
  it('escapes markup and drops characters XML cannot hold', async () => {
    const xml = renderJunit('run <1>', [
      {
        name: 'file & co.yaml',
        file: 'file & co.yaml',
        cases: [
          { name: 'RULE', classname: 'x', failures: [{ type: 'RULE', message: NASTY, body: NASTY }], output: [NASTY] },
          { name: 'SKIPPED', classname: 'x', failures: [], skipped: NASTY },
        ],
      },
    ]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const [failing, skipped] = parseJunit(xml);
    expect(failing!.failures[0]!.message).toBe(NASTY.replace('\u0007', ''));
    expect(failing!.failures[0]!.text).toBe(NASTY.replace('\u0007', ''));
    expect(skipped!.skipped).toBe(true);
  });

  it('counts tests and failures per suite', () => {
    const xml = renderJunit('r', [
      {
        name: 's',
        cases: [
          { name: 'a', classname: 'c', failures: [{ type: 'a', message: 'm' }] },
          { name: 'b', classname: 'c', failures: [] },
        ],
      },
    ]);
    expect(xml).toContain('<testsuite name="s" tests="2" failures="1" errors="0" skipped="0"');
    expect(xml).toContain('<testsuites name="r" tests="2" failures="1" errors="0">');
  });
});

describe('SARIF writer', () => {
  it('writes relative paths as relative URIs, absolute ones as file: URIs, and places file-less results', () => {
    const text = renderSarif({
      toolName: 'otel-proc',
      version: '1.0.0',
      rules: [{ id: 'R', summary: NASTY, level: 'error' }],
      results: [
        { ruleId: 'R', level: 'error', message: NASTY, file: 'deploy/my config.yaml', line: 3 },
        { ruleId: 'R', level: 'warning', message: 'abs', file: '/etc/otelcol/config.yaml', line: 1 },
        { ruleId: 'R', level: 'note', message: 'nowhere' },
      ],
      fallbackFile: 'deploy/my config.yaml',
    });
    const document = JSON.parse(text) as {
      runs: Array<{
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
      }>;
    };
    expect(sarifSchemaErrors(document)).toEqual([]);
    const uris = document.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['deploy/my%20config.yaml', 'file:///etc/otelcol/config.yaml', 'deploy/my%20config.yaml']);
    expect(document.runs[0]!.results[2]!.locations[0]!.physicalLocation.region.startLine).toBe(1);
  });
});
