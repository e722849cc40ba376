/**
 * What the application's SDK logged through its diag logger, as lines a user can read. The SDK's
 * global error handler logs an exception as JSON of all its properties, stack trace included
 * (@opentelemetry/core logging-error-handler.ts: `diag.error(stringifyException(ex))`); a reader
 * needs its message. A failed export reaches the diag logger that way too, and the per-signal
 * finding already says it, so such lines are not repeated.
 */

/** The message of an exception the SDK stringified to JSON; any other text as it is. */
export function exceptionMessage(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message.trim();
    }
  } catch {
    // Not JSON after all: the text is the message.
  }
  return text;
}

function argumentText(argument: unknown): string {
  if (argument instanceof Error) return argument.message;
  if (typeof argument === 'string') return exceptionMessage(argument);
  try {
    return JSON.stringify(argument) ?? String(argument);
  } catch {
    return String(argument);
  }
}

/** One diag call as one line: `warn: <message> <arguments>`. */
export function diagLine(level: string, message: string, args: unknown[]): string {
  const extra = args
    .map(argumentText)
    .filter((text) => text !== '')
    .join(' ');
  return `${level}: ${exceptionMessage(message)}${extra ? ` ${extra}` : ''}`;
}

/** The lines that say something the export results do not already say. */
export function unreportedDiagLines(lines: string[], exportErrors: Array<string | undefined>): string[] {
  const known = exportErrors.map((error) => error?.trim()).filter((error): error is string => Boolean(error));
  return lines.filter((line) => !known.some((error) => line.includes(error)));
}
