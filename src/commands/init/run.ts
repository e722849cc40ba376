/**
 * The body of `otel-proc init`: flags → the questions a person at a terminal still has to answer →
 * the files written (init/run-init.ts) → the report, and an exit code.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../../cli/context.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { InitRequest } from '../../init/run-init.js';
import type { InitOptionValues } from './index.js';

export async function initCommand(options: InitOptionValues, command: Command, context: CommandContext): Promise<number> {
  if (options.serviceName !== undefined && options.serviceName.trim() === '') throw new UsageError('--service-name cannot be empty');
  // An empty service.version would be written into a config file that validate then rejects.
  if (options.serviceVersion !== undefined && options.serviceVersion.trim() === '')
    throw new UsageError('--service-version cannot be empty', "leave the flag out for package.json's version (else 1.0.0)");
  const { runInit } = await import('../../init/run-init.js');
  const known = {
    preset: options.preset,
    format: options.format,
    serviceName: options.serviceName?.trim(),
    serviceVersion: options.serviceVersion?.trim(),
    // Only an explicit --no-stack answers the question; the default leaves it to ask.
    stack: command.getOptionValueSource('stack') === 'cli' ? options.stack : undefined,
  };
  // Questions need a person at a terminal: both stdin and stderr (where they are drawn) are TTYs.
  const interactive = options.yes !== true && options.json !== true && process.stdin.isTTY === true && context.interactive;
  let ask: InitRequest['ask'];
  if (interactive) {
    const { askQuestions } = await import('../../init/prompts.js');
    ask = (k, defaults) => askQuestions(k, defaults, { signal: context.signal, output: context.stderr });
  }
  let report;
  try {
    report = await runInit({ cwd: context.cwd, dir: options.dir, known, force: options.force === true, ask });
  } catch (error) {
    // Ctrl-C during a question: nothing was written yet.
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return ExitCode.interrupted;
    throw error;
  }
  if (options.json) {
    const { renderJson } = await import('../../report/json.js');
    context.stdout.write(renderJson(report));
  } else {
    const { renderInitHuman } = await import('../../report/init-human.js');
    context.stdout.write(renderInitHuman(report, context.color));
  }
  return report.files.some((file) => file.outcome === 'kept') ? ExitCode.failed : ExitCode.ok;
}
