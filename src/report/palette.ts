/**
 * Colours for human output, decided once by the CLI (NO_COLOR, FORCE_COLOR, TTY: see
 * cli/context.ts decideColor). With colour off every function returns its text unchanged, so
 * output under CI or in a pipe is clean text without escape codes.
 */
import { Chalk } from 'chalk';

export interface Palette {
  error(text: string): string;
  warning(text: string): string;
  info(text: string): string;
  ok(text: string): string;
  heading(text: string): string;
  dim(text: string): string;
  code(text: string): string;
}

export function createPalette(color: boolean): Palette {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    error: (text) => chalk.red(text),
    warning: (text) => chalk.yellow(text),
    info: (text) => chalk.cyan(text),
    ok: (text) => chalk.green(text),
    heading: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    code: (text) => chalk.bold(text),
  };
}
