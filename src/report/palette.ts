/**
 * Colours for human output, decided once by the CLI (NO_COLOR, FORCE_COLOR, TTY: see
 * cli/context.ts decideColor). With colour off every function returns its text unchanged, so
 * output under CI or in a pipe is clean text without escape codes.
 */
import { Chalk } from 'chalk';
import { tokenizeAnsi } from '../boundary/sanitize.js';

export interface Palette {
  error(text: string): string;
  warning(text: string): string;
  info(text: string): string;
  ok(text: string): string;
  heading(text: string): string;
  dim(text: string): string;
  code(text: string): string;
}

/**
 * chalk's escape sequences travel as the output boundary's tokens: the boundary escapes every real
 * control character (so data cannot draw on the terminal) and turns only these back into colour.
 */
export function createPalette(color: boolean): Palette {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const style = (paint: (text: string) => string) => (text: string) => {
    if (!color) return text;
    // Paint an empty marker, not the text, so an escape sequence inside the text stays data.
    const [open, close] = paint('\u0000').split('\u0000') as [string, string];
    return `${tokenizeAnsi(open)}${text}${tokenizeAnsi(close)}`;
  };
  return {
    error: style(chalk.red),
    warning: style(chalk.yellow),
    info: style(chalk.cyan),
    ok: style(chalk.green),
    heading: style(chalk.bold),
    dim: style(chalk.dim),
    code: style(chalk.bold),
  };
}
