/**
 * Every command, in the order `otel-proc --help` lists them. Each module exports register(program),
 * which declares its flags (cheap: commander only); a command is listed here only once it works.
 */
import type { Command } from 'commander';
import { registerDoctor } from './doctor.js';
import { registerEmit } from './emit.js';
import { registerInit } from './init.js';
import { registerLoad } from './load.js';
import { registerLoadMerge } from './load-merge.js';
import { registerReceive } from './receive.js';
import { registerReport } from './report.js';
import { registerValidate } from './validate.js';

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
