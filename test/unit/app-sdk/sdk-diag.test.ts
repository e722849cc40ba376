import { diag, DiagLogLevel } from '@opentelemetry/api';
import { loggingErrorHandler } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { diagLine, exceptionMessage, unreportedDiagLines } from '../../../src/app-sdk/sdk-diag.js';

afterEach(() => diag.disable());

/** What a diag logger built on diagLine records when the SDK's own global error handler reports `error`. */
function loggedBySdkErrorHandler(error: unknown): string[] {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      lines.push(diagLine(level, message, args));
  diag.setLogger(
    { error: push('error'), warn: push('warn'), info: () => {}, debug: () => {}, verbose: () => {} },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  loggingErrorHandler()(error as Error);
  return lines;
}

describe("the app SDK's diag lines", () => {
  it('keep the message of an exception the SDK stringified, without its stack trace', () => {
    const error = new Error('14 UNAVAILABLE: No connection established');
    const lines = loggedBySdkErrorHandler(error);
    expect(lines).toEqual(['error: 14 UNAVAILABLE: No connection established']);
    expect(lines[0]).not.toContain(' at ');
  });

  it('leave plain text and arguments readable', () => {
    expect(diagLine('warn', 'Unsupported OTEL_TRACES_EXPORTER value "jaegr"', [])).toBe(
      'warn: Unsupported OTEL_TRACES_EXPORTER value "jaegr"',
    );
    expect(diagLine('error', 'export failed', [new Error('boom'), { code: 7 }])).toBe('error: export failed boom {"code":7}');
    expect(exceptionMessage('{not json')).toBe('{not json');
    expect(exceptionMessage('{"stack":"x"}')).toBe('{"stack":"x"}');
  });

  it('drop lines that repeat an export error the per-signal results already report', () => {
    const failed = 'Parse Error: Expected HTTP/, RTSP/ or ICE/';
    const lines = [
      ...loggedBySdkErrorHandler(new Error(failed)),
      `error: PeriodicExportingMetricReader: metrics export failed (error Error: ${failed})`,
      'warn: Unsupported propagator "b4"',
    ];
    expect(unreportedDiagLines(lines, [failed, undefined, ''])).toEqual(['warn: Unsupported propagator "b4"']);
    expect(unreportedDiagLines(lines, [])).toHaveLength(3);
  });
});
