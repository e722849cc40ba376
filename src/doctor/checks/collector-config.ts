/**
 * Collector configuration (--collector-config): what `validate --collector-config` finds, the
 * Collector's own refusals and the cross-check with the app, as doctor findings; and when the live
 * canary is refused or the endpoint refuses connections, the Collector line responsible for it.
 * Runs after the canary and reachability checks so it can read their (memoised) results.
 */
import type { Diagnostic } from '../../config/types.js';
import type { Check, DoctorContext, Finding, FindingStatus } from '../types.js';
import type { RefusalKind } from '../../collector/cross-check/responsible-line.js';
import { finding, forwardedCode } from './finding.js';

function statusOf(diagnostic: Diagnostic): FindingStatus {
  if (diagnostic.severity === 'error') return 'fail';
  return diagnostic.severity === 'warning' ? 'warn' : 'pass';
}

function where(diagnostic: Diagnostic): string | undefined {
  const source = diagnostic.source;
  return source?.kind === 'file' ? `${source.path}${source.line ? `:${source.line}` : ''}` : undefined;
}

function fromDiagnostic(diagnostic: Diagnostic): Finding {
  return finding({
    code: forwardedCode(diagnostic.code),
    status: statusOf(diagnostic),
    title: `${where(diagnostic) ?? 'collector config'}: ${diagnostic.code}`,
    message: diagnostic.message,
    hint: diagnostic.hint,
    target: where(diagnostic),
    details: { rule: diagnostic.code, severity: diagnostic.severity, ...(diagnostic.source ? { source: diagnostic.source } : {}) },
  });
}

/** The canary's failure reason in the vocabulary of the Collector's configuration. */
function refusalKind(reason: string): RefusalKind | undefined {
  if (reason === 'http-401' || reason === 'grpc-unauthenticated') return 'unauthenticated';
  if (reason === 'http-404' || reason === 'grpc-unimplemented') return 'not-found';
  if (reason === 'http-413' || reason === 'grpc-resource-exhausted') return 'too-large';
  if (reason === 'tls') return 'tls';
  if (reason === 'protocol-mismatch') return 'protocol-mismatch';
  return undefined;
}

async function liveRefusals(context: DoctorContext): Promise<Finding[]> {
  const collector = context.options.collector;
  if (!collector) return [];
  const { responsibleLine } = await import('../../collector/cross-check/responsible-line.js');
  const findings: Finding[] = [];
  for (const signal of context.activeSignals) {
    const target = context.facts.targetFor(signal);
    if (!target) continue;
    let kind: RefusalKind | undefined;
    let observed = '';
    if (context.selected.has('reachability')) {
      const reach = await context.facts.reach(target);
      if (reach.tcp?.outcome === 'refused')
        [kind, observed] = ['connection-refused', `connecting to ${target.host}:${target.port} failed (${reach.tcp.outcome})`];
    }
    if (!kind && context.selected.has('canary')) {
      const canary = await context.facts.canary(signal).catch(() => undefined);
      const outcome = canary?.outcome;
      if (outcome && outcome.kind !== 'success') {
        kind = refusalKind(outcome.reason);
        observed = `the ${signal} canary was refused (${outcome.reason})`;
      }
    }
    if (!kind) continue;
    const line = responsibleLine(
      collector.model,
      { signal, protocol: target.protocol === 'grpc' ? 'grpc' : 'http', port: target.port, host: target.host },
      kind,
    );
    if (!line) continue;
    const at = `${line.origin.path}:${line.origin.line}`;
    findings.push(
      finding({
        code: 'COLLECTOR_CONFIG_REFUSAL_LINE',
        status: 'fail',
        title: `${signal}: refused because of ${at} (${line.key})`,
        message: `${observed}; in the Collector configuration, ${line.why} (${at})`,
        hint: `Compare ${line.key} at ${at} with the app's settings (the cross-check findings above say how they differ).`,
        target: signal,
        details: { source: { kind: 'file', path: line.origin.path, key: line.key, line: line.origin.line }, refusal: kind },
      }),
    );
  }
  return findings;
}

export const collectorConfigCheck: Check = {
  id: 'collector-config',
  title: 'Collector configuration',
  async run(context: DoctorContext): Promise<Finding[]> {
    const collector = context.options.collector;
    if (!collector)
      return [
        finding({
          code: 'COLLECTOR_CONFIG_NOT_GIVEN',
          status: 'skip',
          title: 'no Collector configuration given',
          message: 'pass --collector-config <file> to check it against the app and to locate refusals in it',
        }),
      ];
    const findings = collector.report.diagnostics.map(fromDiagnostic);
    findings.push(...(await liveRefusals(context)));
    if (findings.every((entry) => entry.status === 'pass'))
      findings.unshift(
        finding({
          code: 'COLLECTOR_CONFIG_AGREES',
          status: 'pass',
          title: `${collector.report.files.join(' + ')} agrees with the app`,
          message: 'no Collector finding and no refusal traced to its configuration',
        }),
      );
    return findings;
  },
};
