/**
 * Every command, in the order `otel-proc --help` lists them. Each module exports register(program),
 * which declares its flags (cheap: commander only); a command is listed here only once it works.
 */
import type { Command } from 'commander';
import { registerDoctor } from './doctor/index.js';
import { registerEmit } from './emit/index.js';
import { registerInit } from './init/index.js';
import { registerLoad } from './load/index.js';
import { registerLoadMerge } from './load-merge/index.js';
import { registerReceive } from './receive/index.js';
import { registerReport } from './report/index.js';
import { registerValidate } from './validate/index.js';

export const COMMAND_REGISTRATIONS: ReadonlyArray<(program: Command) => void> = [
  registerInit,
  registerValidate,
  registerEmit,
  registerReceive,
  registerLoad,
  registerLoadMerge,
  registerReport,
  registerDoctor,
];
