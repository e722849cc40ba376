/**
 * `otel-proc --help` lists the commands from the list the build writes in (src/cli/command-list.ts)
 * without declaring their options; `otel-proc help` names a word, so it declares every command in
 * full. Both must print the same help, or the written-in list has drifted from the commands.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('the command list of the top-level help', () => {
  it('is the same as with every command declared in full', async () => {
    const [listed, declared] = await Promise.all([runCli(['--help']), runCli(['help'])]);
    expect(listed.code).toBe(0);
    expect(declared.code).toBe(0);
    expect(listed.stdout).toContain('load-merge [options] <reports...>');
    expect(listed.stdout).toBe(declared.stdout);
  });

  it('still suggests the command meant by a typo', async () => {
    const result = await runCli(['validat']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean validate?');
  });
});
