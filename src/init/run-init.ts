/**
 * `otel-proc init` as data: decide the answers (flags, then questions, then defaults), plan the
 * files, write them without clobbering, and return a report the renderers print.
 */
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MODULE_NAME, SEARCH_PLACES } from '../config/config-file/load.js';
import { CONFIG_FILE_NAMES, ENV_FILE_NAME, type ConfigFormat } from './app-files.js';
import { projectDefaults } from './defaults.js';
import { planInitFiles } from './plan.js';
import type { Answers, Known } from './prompts.js';
import type { PresetName } from './presets.js';
import { STACK_FILE_NAMES } from './stack-files.js';
import { writeInitFiles, type WrittenFile } from './write-files.js';

export interface InitNote {
  code: 'INIT_FILES_KEPT' | 'INIT_OTHER_CONFIG_FILE' | 'INIT_SECRETS_FILE';
  severity: 'warning' | 'info';
  message: string;
}

export interface InitReport {
  dir: string;
  preset: PresetName;
  format: ConfigFormat;
  serviceName: string;
  serviceVersion: string;
  stack: boolean;
  force: boolean;
  files: WrittenFile[];
  notes: InitNote[];
  nextSteps: string[];
}

export interface InitRequest {
  cwd: string;
  dir?: string;
  known: Known;
  force: boolean;
  /** Ask what `known` leaves open; undefined means use the defaults silently (--yes, no TTY). */
  ask?: (known: Known, defaults: { serviceName: string; serviceVersion: string }) => Promise<Answers>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function hasConfigKey(packageJson: string): Promise<boolean> {
  try {
    const content = JSON.parse(await readFile(packageJson, 'utf8')) as unknown;
    return typeof content === 'object' && content !== null && MODULE_NAME in content;
  } catch {
    return false;
  }
}

function nextSteps(report: Omit<InitReport, 'nextSteps'>, displayDir: string): string[] {
  const steps: string[] = [];
  if (displayDir !== '.') steps.push(`cd ${displayDir}`);
  steps.push(`npx otel-proc validate${report.preset === 'ci' ? ' --strict' : ''}`);
  if (report.preset === 'production')
    steps.push(`edit ${ENV_FILE_NAME}: your collector's endpoint and token, then keep it out of version control`);
  if (report.stack) {
    steps.push(`docker compose -f ${STACK_FILE_NAMES.compose} up -d`);
    steps.push(report.preset === 'production' ? 'npx otel-proc doctor --endpoint http://localhost:4317' : 'npx otel-proc doctor');
    steps.push('npx otel-proc emit --verify-jaeger http://localhost:16686');
    steps.push('open http://localhost:16686 (Jaeger) and http://localhost:9090 (Prometheus)');
  } else {
    steps.push('npx otel-proc doctor');
  }
  return steps;
}

export async function runInit(request: InitRequest): Promise<InitReport> {
  const dir = resolve(request.cwd, request.dir ?? '.');
  const defaults = await projectDefaults(dir);
  const answers: Answers = request.ask
    ? await request.ask(request.known, defaults)
    : {
        preset: request.known.preset ?? 'local',
        format: request.known.format ?? 'yaml',
        serviceName: request.known.serviceName ?? defaults.serviceName,
        serviceVersion: request.known.serviceVersion ?? defaults.serviceVersion,
        stack: request.known.stack ?? true,
      };
  const planned = planInitFiles({
    preset: answers.preset,
    format: answers.format,
    identity: { serviceName: answers.serviceName, serviceVersion: answers.serviceVersion },
    stack: answers.stack,
  });
  const files = await writeInitFiles(dir, planned, request.force);

  const notes: InitNote[] = [];
  const kept = files.filter((file) => file.outcome === 'kept');
  if (kept.length > 0) {
    notes.push({
      code: 'INIT_FILES_KEPT',
      severity: 'warning',
      message: `${kept.length} existing file${kept.length === 1 ? '' : 's'} left as ${kept.length === 1 ? 'it was' : 'they were'} (${kept.map((f) => f.path).join(', ')}): they differ from what init would write. Run again with --force to overwrite.`,
    });
  }
  // Two otel-proc config files in one folder: cosmiconfig takes the first in its search order.
  const ours = CONFIG_FILE_NAMES[answers.format];
  for (const place of SEARCH_PLACES) {
    if (place === ours) continue;
    if (place === 'package.json') {
      // package.json counts only with an "otel-proc" key, and then it is found first: the file init
      // just wrote would be ignored.
      if (await hasConfigKey(join(dir, place))) {
        notes.push({
          code: 'INIT_OTHER_CONFIG_FILE',
          severity: 'warning',
          message: `package.json has an "${MODULE_NAME}" key, which is read instead of ${ours}. Remove the key to use ${ours}.`,
        });
      }
      continue;
    }
    if (await exists(join(dir, place))) {
      notes.push({
        code: 'INIT_OTHER_CONFIG_FILE',
        severity: 'warning',
        message: `${place} is also an otel-proc config file; only one is read. Remove the one you do not want.`,
      });
    }
  }
  if (answers.preset === 'production') {
    notes.push({
      code: 'INIT_SECRETS_FILE',
      severity: 'info',
      message: `${ENV_FILE_NAME} is where the auth token goes: add it to .gitignore.`,
    });
  }
  const relativeDir = request.dir === undefined || resolve(request.cwd, request.dir) === resolve(request.cwd) ? '.' : request.dir;
  const report = { dir, ...answers, force: request.force, files, notes };
  return { ...report, nextSteps: nextSteps(report, relativeDir) };
}
