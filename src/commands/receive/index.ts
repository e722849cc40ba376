/**
 * `otel-proc receive`: a real OTLP endpoint (gRPC and HTTP) on this machine that decodes and shows
 * what arrives. Flags only here; the receiver loads when the command runs.
 */
import { type Command, Option } from 'commander';
import { runCommand } from '../../cli/run-command.js';
import type { ReceiveFlags } from '../../receiver/receive-options.js';

const EXAMPLES = `
Examples:
  $ otel-proc receive                                   # OTLP on 127.0.0.1:4317 (gRPC) and :4318 (HTTP)
  $ otel-proc receive --json | jq 'select(.signal=="traces") | .name'
  $ otel-proc receive --grpc-port 0 --http-port 0 --max-items 10 --json > items.jsonl
  $ otel-proc receive --duration 30s --out received.jsonl
  $ otel-proc receive --fail-with 503 --retry-after 2s --reject-ratio 30%   # exercise client retries
  $ otel-proc receive --partial-success 5 --delay 200ms
  $ otel-proc receive --require-header "authorization=Bearer devtoken"
  $ otel-proc receive --tls-cert server.crt --tls-key server.key [--tls-ca ca.crt for mTLS]

Then point any application at it:
  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf node app.js

Output: the listening addresses and a live summary on stderr; with --json one JSON line per span,
data point and log record on stdout; a final tally on exit (stdout, or stderr with --json).
Exit codes: 0 stopped by --max-items or --duration, 2 bad flag, port in use or --out not writable, 130 Ctrl-C.`;

export function registerReceive(program: Command): void {
  program
    .command('receive')
    .description('run a local OTLP receiver (gRPC and HTTP) and show what arrives')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--grpc-port <port>', 'OTLP/gRPC port, 0 to 65535 (0 = any free port)', '4317')
    .option('--http-port <port>', 'OTLP/HTTP port, 0 to 65535 (0 = any free port)', '4318')
    .option('--no-grpc', 'do not listen for OTLP/gRPC')
    .option('--no-http', 'do not listen for OTLP/HTTP')
    .option('--json', 'one JSON line per received span, data point and log record on stdout')
    .option('--out <file>', 'write the same JSON lines to a file')
    .option('--count-only', 'only count items (fast; for load tests), no --json or --out')
    .option('--reject-ratio <ratio>', 'fail this share of requests, e.g. 0.3 or 30% (with --fail-with, default unavailable/503)')
    .option('--partial-success <n>', 'accept each request but report n of its items rejected (partial_success)')
    .option('--delay <duration>', 'wait this long before answering each request, e.g. 200ms, 2s')
    .addOption(
      new Option('--fail-with <kind>', 'failure to answer with; alone it fails every request').choices([
        'unavailable',
        'resource-exhausted',
        '429',
        '503',
      ]),
    )
    .option('--fail-first <n>', 'fail only the first n requests, then accept everything')
    .option(
      '--retry-after <duration>',
      'Retry-After (HTTP) / RetryInfo (gRPC) on throttling failures, in whole seconds, e.g. 2s (0 = retry now)',
    )
    .option('--require-header <name=value>', 'refuse requests without this header: 401 / UNAUTHENTICATED')
    .option('--tls-cert <file>', 'serve TLS with this certificate (PEM), on both ports')
    .option('--tls-key <file>', 'private key (PEM) for --tls-cert')
    .option('--tls-ca <file>', 'require client certificates signed by this CA (mTLS)')
    .option('--max-body-bytes <size>', 'largest request accepted after decompression, e.g. 4MiB (default 16MiB): 413 / RESOURCE_EXHAUSTED')
    .option('--max-items <n>', 'stop after receiving n items (spans + data points + log records), e.g. 100 or 10k')
    .option('--duration <duration>', 'stop after this long, e.g. 30s, 5m')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: ReceiveFlags) => {
      await runCommand(async (context) => {
        const { resolveReceiveSettings } = await import('../../receiver/receive-options.js');
        const { runReceiveSession } = await import('./run.js');
        return runReceiveSession(resolveReceiveSettings(flags), context);
      });
    });
}
