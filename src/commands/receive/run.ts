/**
 * One `otel-proc receive` session: start the receiver, stream JSON lines (stdout with --json,
 * and/or --out), keep a live status line on an interactive stderr, stop on --max-items,
 * --duration or Ctrl-C, and print the tally. Returns the exit code (0, or 130 when interrupted).
 */
import { logVerbosity, setLogVerbosity } from '@grpc/grpc-js';
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { startReceiver } from '../../receiver/index.js';
import { openJsonLinesOutput } from '../../receiver/json-lines-output.js';
import { ListenError } from '../../receiver/listen-error.js';
import type { ReceiveSettings } from '../../receiver/receive-options.js';
import { formatLiveLine, formatRefusal, formatTally, totalItems } from '../../receiver/summary.js';
import type { ReceiverHandle, RefusedRequest } from '../../receiver/types.js';
import { MAX_TIMER_MS } from '../../net/timing.js';
import { CLEAR_LINE } from '../../boundary/sanitize.js';

type StopReason = 'interrupted' | 'duration' | 'max-items' | 'output-closed' | 'output-failed';

const LIVE_INTERVAL_MS = 1_000;
/** Refusals tell a user why their app's telemetry is not accepted; a flood of them helps nobody. */
const MAX_REFUSALS_SHOWN = 20;

function listeningLines(receiver: ReceiverHandle, tls: boolean): string {
  const lines: string[] = [];
  const host = receiver.host.includes(':') ? `[${receiver.host}]` : receiver.host;
  if (receiver.ports.grpc !== undefined) lines.push(`receiving OTLP/gRPC on ${host}:${receiver.ports.grpc}${tls ? ' (TLS)' : ''}`);
  if (receiver.ports.http !== undefined) {
    lines.push(`receiving OTLP/HTTP on ${tls ? 'https' : 'http'}://${host}:${receiver.ports.http} (/v1/traces, /v1/metrics, /v1/logs)`);
  }
  return `${lines.join('\n')}\n`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** How to point an application here, for people at a terminal (0.0.0.0 and :: mean "this machine"). */
function usageHint(receiver: ReceiverHandle, tls: boolean): string {
  const host = ['0.0.0.0', '::'].includes(receiver.host) ? '127.0.0.1' : receiver.host.includes(':') ? `[${receiver.host}]` : receiver.host;
  const scheme = tls ? 'https' : 'http';
  const hints: string[] = [];
  if (receiver.ports.http !== undefined) hints.push(`OTEL_EXPORTER_OTLP_ENDPOINT=${scheme}://${host}:${receiver.ports.http}`);
  if (receiver.ports.grpc !== undefined)
    hints.push(`OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=${scheme}://${host}:${receiver.ports.grpc}`);
  return `point an application here with ${hints.join('  or  ')}\n`;
}

export async function runReceiveSession(settings: ReceiveSettings, context: CommandContext): Promise<number> {
  const streamItems = settings.json || settings.outFile !== undefined;
  const output = streamItems
    ? await openJsonLinesOutput({
        stdout: settings.json ? context.stdout : undefined,
        outFile: settings.outFile,
        sanitize: (text) => context.boundary.sanitize(text),
        signal: context.signal,
      })
    : undefined;
  let receiver: ReceiverHandle | undefined;
  let liveTimer: NodeJS.Timeout | undefined;
  let stopTimer: NodeJS.Timeout | undefined;
  let refusalsShown = 0;
  let outputError: Error | undefined;
  const onRefused = (refusal: RefusedRequest): void => {
    // Injected faults are expected (they were asked for) and counted in the tally.
    if (refusal.injected || refusalsShown >= MAX_REFUSALS_SHOWN) return;
    refusalsShown += 1;
    const more = refusalsShown === MAX_REFUSALS_SHOWN ? '\n(further refusals are counted in the tally, not shown)' : '';
    context.stderr.write(`${liveTimer ? CLEAR_LINE : ''}${formatRefusal(refusal)}${more}\n`);
  };
  const started = Date.now();
  try {
    // grpc-js logs bind failures itself ("E No address added..."); the CLI says it better below.
    if (!context.debug) setLogVerbosity(logVerbosity.NONE);
    try {
      receiver = await startReceiver({ ...settings.receiver, keepItems: false, onItem: output ? output.write : undefined, onRefused });
    } catch (error) {
      if (!(error instanceof ListenError)) throw error;
      const flag = error.listener === 'grpc' ? '--grpc-port' : '--http-port';
      throw new ConfigurationError(error.message, `choose another port with ${flag} (0 picks a free one), or another address with --host`);
    }
    context.stderr.write(listeningLines(receiver, settings.receiver.tls !== undefined));
    if (settings.receiver.requireHeader)
      context.stderr.write(`requiring the "${settings.receiver.requireHeader.name}" header (value hidden)\n`);
    else if (!isLoopback(receiver.host)) {
      context.stderr.write(
        `note: listening on ${receiver.host} without --require-header: any machine that reaches it can send telemetry\n`,
      );
    }
    if (context.interactive) context.stderr.write(usageHint(receiver, settings.receiver.tls !== undefined));
    if (context.interactive) liveTimer = startLiveLine(receiver, context, settings.liveIntervalMs ?? LIVE_INTERVAL_MS);

    const active = receiver;
    const reason = await new Promise<StopReason>((resolve) => {
      if (context.signal.aborted) return resolve('interrupted');
      context.signal.addEventListener('abort', () => resolve('interrupted'), { once: true });
      // `otel-proc receive --json | head -5`: once the reader goes away, stop instead of crashing on EPIPE.
      output?.onStdoutClosed(() => resolve('output-closed'));
      output?.onFileFailed((error) => {
        outputError = error;
        resolve('output-failed');
      });
      if (settings.durationMs !== undefined) stopTimer = setTimeout(() => resolve('duration'), settings.durationMs);
      if (settings.maxItems !== undefined) {
        const maxItems = settings.maxItems;
        // The waiter is rejected when the receiver stops for another reason; nothing to do then.
        active.received
          .waitFor((store) => totalItems(store.counts) >= maxItems, MAX_TIMER_MS)
          .then(
            () => resolve('max-items'),
            () => undefined,
          );
      }
    });
    if (liveTimer) context.stderr.write(CLEAR_LINE);
    // The file cannot take more items: stop (after the tally) with the error, rather than go on accepting.
    if (reason === 'output-failed' && outputError) throw outputError;
    return reason === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
  } finally {
    clearInterval(liveTimer);
    clearTimeout(stopTimer);
    await receiver?.stop();
    await output?.close();
    if (receiver) {
      // The tally is the result of a human session (stdout); with --json, stdout holds only JSON lines.
      const tally = formatTally(receiver.received, Date.now() - started);
      (settings.json || output?.stdoutClosed ? context.stderr : context.stdout).write(tally);
    }
  }
}

function startLiveLine(receiver: ReceiverHandle, context: CommandContext, intervalMs: number): NodeJS.Timeout {
  let lastSpans = 0;
  let lastTime = Date.now();
  return setInterval(() => {
    const now = Date.now();
    const spans = receiver.received.counts.spans;
    const rate = ((spans - lastSpans) * 1_000) / Math.max(1, now - lastTime);
    lastSpans = spans;
    lastTime = now;
    const columns = (context.stderr as { columns?: number }).columns ?? 120;
    context.stderr.write(CLEAR_LINE + formatLiveLine(receiver.received, rate).slice(0, columns - 1));
  }, intervalMs);
}
