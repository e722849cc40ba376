/**
 * init's questions on a terminal (@inquirer/prompts). Only what flags did not already answer is
 * asked, and every question has a default, so pressing Enter throughout gives a working setup.
 */
import { confirm, input, select } from '@inquirer/prompts';
import { CONFIG_FORMATS, type ConfigFormat } from './app-files.js';
import { loadPreset, PRESET_NAMES, type PresetName } from './presets.js';

export interface Known {
  preset?: PresetName;
  format?: ConfigFormat;
  serviceName?: string;
  serviceVersion?: string;
  stack?: boolean;
}

export interface Answers {
  preset: PresetName;
  format: ConfigFormat;
  serviceName: string;
  serviceVersion: string;
  stack: boolean;
}

const FORMAT_LABELS: Record<ConfigFormat, string> = {
  yaml: 'YAML  (otel-proc.config.yaml, with comments)',
  json: 'JSON  (otel-proc.config.json)',
  ts: 'TypeScript (otel-proc.config.ts; needs the typescript package)',
};

export async function askQuestions(
  known: Known,
  defaults: { serviceName: string; serviceVersion: string },
  io: { signal: AbortSignal; output: NodeJS.WritableStream; input?: NodeJS.ReadableStream },
): Promise<Answers> {
  // Questions go to stderr: stdout stays for results (and --json).
  const context = { signal: io.signal, output: io.output, ...(io.input ? { input: io.input } : {}) };
  const preset =
    known.preset ??
    (await select(
      {
        message: 'Preset',
        default: 'local' as PresetName,
        choices: PRESET_NAMES.map((name) => ({ value: name, name, description: loadPreset(name).description })),
      },
      context,
    ));
  const format =
    known.format ??
    (await select(
      {
        message: 'Config file format',
        default: 'yaml' as ConfigFormat,
        choices: CONFIG_FORMATS.map((value) => ({ value, name: FORMAT_LABELS[value] })),
      },
      context,
    ));
  const serviceName =
    known.serviceName ??
    (
      await input(
        {
          message: 'Service name (service.name)',
          default: defaults.serviceName,
          validate: (v) => v.trim() !== '' || 'a service name is required',
        },
        context,
      )
    ).trim();
  const serviceVersion =
    known.serviceVersion ??
    (await input({ message: 'Service version (service.version)', default: defaults.serviceVersion }, context)).trim();
  const stack =
    known.stack ?? (await confirm({ message: 'Write a local telemetry stack (Collector, Jaeger, Prometheus)?', default: true }, context));
  return { preset, format, serviceName, serviceVersion: serviceVersion || defaults.serviceVersion, stack };
}
