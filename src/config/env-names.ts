/**
 * Variables nobody reads: OTEL_* names that are typos of real ones (with the nearest real name),
 * names that were removed or renamed, and names this SDK ignores. A typo is the most common reason
 * "my setting has no effect", and the SDK never says a word about it.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate, type EnvReader } from './env-reader.js';
import { isForeignVariable, KNOWN_VARIABLES, nearestName, obsoleteReplacement } from './known-variables.js';

export function checkVariableNames(reader: EnvReader, sink: DiagnosticSink): void {
  for (const name of reader.names().sort()) {
    const upper = name.toUpperCase();
    if (!upper.startsWith('OTEL_') || KNOWN_VARIABLES.has(name)) continue;
    const source = reader.lookup(name)!.source;
    const shown = abbreviate(name, 80);
    if (name !== upper && KNOWN_VARIABLES.has(upper)) {
      sink.report('ENV_NAME_TYPO', `${shown} is not read: variable names are case-sensitive.`, { source, hint: `Did you mean ${upper}?` });
      continue;
    }
    const replacement = obsoleteReplacement(upper);
    if (replacement) {
      sink.report('ENV_NAME_OBSOLETE', `${shown} is obsolete and no longer read by the JS SDK.`, { source, hint: `Use ${replacement}.` });
      continue;
    }
    if (isForeignVariable(upper)) continue;
    const nearest = nearestName(upper);
    if (nearest) {
      sink.report('ENV_NAME_TYPO', `${shown} is not an OpenTelemetry variable, so it has no effect.`, {
        source,
        hint: `Did you mean ${nearest}?`,
      });
    } else {
      sink.report('ENV_NAME_UNKNOWN', `${shown} is not a variable the OpenTelemetry JS SDK reads.`, { source });
    }
  }
}
