/**
 * Values that are set but lose: a config file value hidden by a different environment variable or
 * flag, an --env-file variable hidden by a different real one. Precedence surprises are the usual reason a
 * setting "does not work" (otel-cli users hit exactly this), so validate says which value won.
 */
import { describeSource, type DiagnosticSink } from './diagnostics.js';
import type { EnvReader } from './env-reader.js';
import type { FileSettings } from './file-settings.js';
import type { EffectiveConfig, Sourced } from './types.js';
import { SIGNALS } from './types.js';

export function reportShadowedValues(config: EffectiveConfig, settings: FileSettings, reader: EnvReader, sink: DiagnosticSink): void {
  for (const [name, variable] of reader.fileVariables) {
    const real = reader.env[name];
    if (real !== undefined && real !== variable.value) {
      const source = { kind: 'env' as const, name, file: variable.file, ...(variable.line !== undefined ? { line: variable.line } : {}) };
      sink.report(
        'ENV_FILE_OVERRIDDEN',
        `${name} from ${variable.file} is ignored: the environment already sets it, and real variables win.`,
        { source },
      );
    }
  }
  const pairs: Array<[string, Sourced<unknown> | undefined, Sourced<unknown> | undefined]> = [
    ['service name', settings.serviceName, config.serviceName],
    ['sampler', settings.sampler?.name, config.sampler.name],
    ['sampler ratio', settings.sampler?.ratio, config.sampler.ratio],
    ['propagators', settings.propagators, config.propagators],
    ['span queue size', settings.spanBatch.maxQueueSize, config.spanBatch.maxQueueSize],
    ['span batch size', settings.spanBatch.maxExportBatchSize, config.spanBatch.maxExportBatchSize],
    ['span schedule delay', settings.spanBatch.scheduleDelayMs, config.spanBatch.scheduleDelayMs],
    ['span export timeout', settings.spanBatch.exportTimeoutMs, config.spanBatch.exportTimeoutMs],
    ['metric export interval', settings.metricReader.exportIntervalMs, config.metricReader.exportIntervalMs],
    ['metric export timeout', settings.metricReader.exportTimeoutMs, config.metricReader.exportTimeoutMs],
    ['metric temporality', settings.metricReader.temporality, config.metricReader.temporality],
  ];
  for (const signal of SIGNALS) {
    const file = settings[signal];
    const effective = config[signal];
    pairs.push(
      [`${signal} endpoint`, file.endpoint, effective.endpoint],
      [`${signal} protocol`, file.protocol, effective.protocol],
      [`${signal} timeout`, file.timeoutMs, effective.timeoutMs],
      [`${signal} compression`, file.compression, effective.compression],
      [
        `${signal} exporter`,
        file.enabled && { value: file.enabled.value ? ['otlp'] : ['none'], source: file.enabled.source },
        effective.exporters,
      ],
    );
  }
  for (const [what, fromFile, winner] of pairs) {
    if (!fromFile || !winner || winner.source.kind === 'file' || winner.source.kind === 'default') continue;
    // The same value set twice (init writes the config file and .env.otel alike) lost nothing.
    if (JSON.stringify(fromFile.value) === JSON.stringify(winner.value)) continue;
    sink.report(
      'CONFIG_FILE_OVERRIDDEN',
      `The ${what} from ${describeSource(fromFile.source)} is overridden by ${describeSource(winner.source)}.`,
      { source: fromFile.source },
    );
  }
}
