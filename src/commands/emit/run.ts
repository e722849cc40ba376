/**
 * The body of `otel-proc emit`: flags → options → resolved configuration → the SDK run (emit/run-emit.ts)
 * → report, rendered as text or one JSON document, and an exit code. The renderers and the app-sdk
 * environment load only when used.
 */
import { resolveOptionsFrom } from '../../cli/config-options.js';
import type { CommandContext } from '../../cli/context.js';
import { ExitCode } from '../../errors.js';
import type { EmitOptionValues } from './index.js';

export async function emitCommand(values: EmitOptionValues, context: CommandContext): Promise<number> {
  const { parseEmitOptions } = await import('../../emit/options.js');
  const options = parseEmitOptions(values);
  const appSdk = options.engine === 'app-sdk';
  if (appSdk) (await import('../../emit/options.js')).assertEnvironmentOnly(values as unknown as Record<string, unknown>);
  const { resolveConfig } = await import('../../config/resolve.js');
  const { runEmit } = await import('../../emit/run-emit.js');
  const resolveOptions = resolveOptionsFrom(values, context);
  const resolution = await resolveConfig(appSdk ? { ...resolveOptions, noConfigSearch: true } : resolveOptions);
  const appEnv = appSdk
    ? await (await import('../../app-sdk/app-env.js')).applicationEnv(context.env, context.cwd, values.envFile)
    : undefined;
  const progress = context.interactive && !options.json ? (text: string) => context.stderr.write(`… ${text}\n`) : undefined;
  const report = await runEmit(resolution.config, options, {
    signal: context.signal,
    progress,
    diagnostics: resolution.diagnostics,
    appEnv,
  });
  if (options.json) {
    const { renderEmitJson } = await import('../../report/emit-human.js');
    context.stdout.write(renderEmitJson(report));
  } else {
    const { renderEmitHuman } = await import('../../report/emit-human.js');
    context.stdout.write(renderEmitHuman(report, context.color));
  }
  if (report.interrupted) return ExitCode.interrupted;
  return report.ok ? ExitCode.ok : ExitCode.failed;
}
