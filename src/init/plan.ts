/**
 * What `init` writes, decided before anything touches the disk: the list of files with their
 * contents. Writing (write-files.ts) and reporting are separate, so tests can check the plan alone.
 */
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, ENV_FILE_NAME, renderConfigFile, renderEnvFile, type AppIdentity, type ConfigFormat } from './app-files.js';
import type { PresetName } from './presets.js';
import { renderStackFiles, STACK_FILE_NAMES } from './stack-files.js';

export type FileRole = 'config' | 'env' | 'compose' | 'collector-config' | 'jaeger-config' | 'prometheus-config';

export interface PlannedFile {
  /** Relative to the target folder, with `/` separators. */
  path: string;
  role: FileRole;
  content: string;
}

export interface InitChoices {
  preset: PresetName;
  format: ConfigFormat;
  identity: AppIdentity;
  /** Also write docker-compose.telemetry.yml and its configs. */
  stack: boolean;
}

export function planInitFiles(choices: InitChoices): PlannedFile[] {
  const files: PlannedFile[] = [
    {
      path: CONFIG_FILE_NAMES[choices.format],
      role: 'config',
      content: renderConfigFile(choices.format, choices.preset, choices.identity),
    },
    { path: ENV_FILE_NAME, role: 'env', content: renderEnvFile(choices.preset, choices.identity) },
  ];
  if (choices.stack) {
    const stack = renderStackFiles({ preset: choices.preset, deployment: 'compose' });
    const inConfigDir = (name: string): string => join(STACK_FILE_NAMES.configDir, name).split('\\').join('/');
    files.push(
      { path: STACK_FILE_NAMES.compose, role: 'compose', content: stack.compose },
      { path: inConfigDir(STACK_FILE_NAMES.collectorConfig), role: 'collector-config', content: stack.collectorConfig },
      { path: inConfigDir(STACK_FILE_NAMES.jaegerConfig), role: 'jaeger-config', content: stack.jaegerConfig },
      { path: inConfigDir(STACK_FILE_NAMES.prometheusConfig), role: 'prometheus-config', content: stack.prometheusConfig },
    );
  }
  return files;
}
