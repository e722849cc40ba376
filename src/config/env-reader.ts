/**
 * Typed reads of OTEL_* variables with the spec's rules (configuration/common) and a diagnostic for
 * every value that is ignored, clamped or suspicious. Each getter returns what the JS SDK will
 * actually use, because that is what the user's Node application will run with; where the SDK
 * deviates from the spec, the diagnostic says so.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { nearestValue } from './known-variables.js';
import { consequenceOfHuge, infinitySpelling, NODE_TIMER_MAX_MS, nonDecimalNotation, type NumberConsumer } from './number-semantics.js';
import type { Severity, Sourced, ValueSource } from './types.js';

/** A variable from an --env-file: real environment variables win over these. */
export interface EnvFileVariable {
  value: string;
  file: string;
  line?: number;
}

export interface RawVariable {
  /** The value exactly as set (not trimmed). */
  raw: string;
  source: ValueSource;
}

const INT32_MAX = 2 ** 31 - 1;
/** Below this many milliseconds a timeout or interval most likely was meant in seconds (`10` → 10 ms). */
const SECONDS_SUSPICION_MS = 100;

export interface NumberRules {
  /** JS rejects 0 for this variable (OTLP timeouts, BSP/BLRP, metric interval/timeout). */
  mustBePositive?: boolean;
  /** A millisecond duration: small values look like seconds. */
  duration?: boolean;
  /** What the SDK does with the value (Infinity, huge values); default 'limit'. */
  consumer?: NumberConsumer;
}

export class EnvReader {
  constructor(
    readonly env: Record<string, string | undefined>,
    readonly fileVariables: ReadonlyMap<string, EnvFileVariable>,
    readonly sink: DiagnosticSink,
  ) {}

  /** The variable as set, from the real environment or else the env file; empty counts as set here. */
  lookup(name: string): RawVariable | undefined {
    const real = this.env[name];
    if (real !== undefined) return { raw: real, source: { kind: 'env', name } };
    const fromFile = this.fileVariables.get(name);
    if (fromFile) {
      const source: ValueSource = { kind: 'env', name, file: fromFile.file };
      if (fromFile.line !== undefined) source.line = fromFile.line;
      return { raw: fromFile.value, source };
    }
    return undefined;
  }

  /** Every variable name visible (real environment and env file). */
  names(): string[] {
    const names = new Set(Object.keys(this.env).filter((name) => this.env[name] !== undefined));
    for (const name of this.fileVariables.keys()) names.add(name);
    return [...names];
  }

  /** Spec: an empty value means unset; JS also treats whitespace-only as unset. Trimmed. */
  string(name: string): Sourced<string> | undefined {
    const variable = this.lookup(name);
    if (!variable || variable.raw.trim() === '') return undefined;
    return { value: variable.raw.trim(), source: variable.source };
  }

  /**
   * The JS SDK trims some values but not others (getStringFromEnv returns the raw text). Where it
   * does not, surrounding whitespace changes what the SDK does: report it and say what happens.
   */
  untrimmed(name: string, consequence: string): boolean {
    const variable = this.lookup(name);
    if (!variable || variable.raw.trim() === '' || variable.raw.trim() === variable.raw) return false;
    this.sink.report(
      'VALUE_WHITESPACE',
      `${name} has leading or trailing whitespace, which the JS SDK does not trim here: ${consequence}.`,
      {
        source: variable.source,
        hint: 'Remove the spaces (look for trailing spaces in .env files and quoted YAML values).',
      },
    );
    return true;
  }

  /** Spec: only case-insensitive `true` is true. JS turns anything else into false, with a warning. */
  boolean(name: string): Sourced<boolean> | undefined {
    const variable = this.string(name);
    if (!variable) return undefined;
    const lower = variable.value.toLowerCase();
    if (lower === 'true') return { value: true, source: variable.source };
    if (lower !== 'false') {
      const meant = ['1', 'yes', 'on', 'y', 't', 'enabled'].includes(lower) ? ' It looks like it means true, but' : '';
      this.sink.report(
        'BOOLEAN_INVALID',
        `${name}="${abbreviate(variable.value)}" is not a boolean.${meant} only "true" counts as true; the JS SDK reads it as false.`,
        {
          source: variable.source,
          hint: `Set ${name}=true or ${name}=false.`,
        },
      );
    }
    return { value: false, source: variable.source };
  }

  /**
   * Spec: integers 0..2^31-1; invalid values warn and count as unset. JS parses with Number(), so
   * `1e3`, `2.5`, `0x10` and `Infinity` are accepted; the value returned is the one JS uses,
   * undefined when JS falls back to its default (number-semantics.ts says which consumer does what).
   */
  number(name: string, rules: NumberRules = {}): Sourced<number> | undefined {
    const variable = this.string(name);
    if (!variable) return undefined;
    const value = Number(variable.value);
    const text = abbreviate(variable.value);
    const source = variable.source;
    if (Number.isNaN(value)) {
      this.sink.report('NUMBER_INVALID', `${name}="${abbreviate(text)}" is not a number; the default applies.`, {
        source,
        hint: `Set ${name} to a whole number${rules.duration ? ' of milliseconds' : ''}.`,
      });
      return undefined;
    }
    if (value === Infinity) {
      const consumer = rules.consumer ?? 'limit';
      const hint = `Set ${name} to a finite whole number${rules.duration ? ' of milliseconds' : ''}, or unset it for the default.`;
      if (consumer === 'finite-timeout') {
        this.sink.report('NUMBER_INFINITE', `${name}=${text} ${infinitySpelling(variable.value)}; ${consequenceOfHuge(name, consumer)}.`, {
          source,
          hint,
        });
        return undefined;
      }
      // The SDK uses it: say what that does, as an error where it breaks batching or memory.
      const severity = consumer === 'batch' || name === 'OTEL_METRIC_EXPORT_TIMEOUT' ? 'warning' : 'error';
      this.sink.report(
        'NUMBER_INFINITE',
        `${name}=${text} ${infinitySpelling(variable.value)}, which it uses: ${consequenceOfHuge(name, consumer)}.`,
        { source, hint, severity },
      );
      return { value, source };
    }
    if (value < 0) {
      this.sink.report('NUMBER_NEGATIVE', `${name}=${text} is negative; the default applies.`, { source });
      return undefined;
    }
    if (value === 0 && rules.mustBePositive) {
      // `-0` too: Number('-0') is -0, and -0 <= 0.
      this.sink.report(
        'NUMBER_NOT_POSITIVE',
        `${name}=${text}: the JS SDK needs a value greater than 0 and uses the default instead${rules.duration ? ' (the spec reads a timeout of 0 as "no limit")' : ''}.`,
        { source, hint: `Unset ${name} for the default, or set a value greater than 0.` },
      );
      return undefined;
    }
    const notation = nonDecimalNotation(variable.value);
    if (notation) {
      this.sink.report(
        'NUMBER_NOT_DECIMAL',
        `${name}=${text} is ${notation}: the JS SDK (Number()) reads it as ${value}, while the spec wants a decimal integer and other SDKs reject it.`,
        { source, hint: `Write it as ${value}.` },
      );
    } else if (!/^[+-]?\d+$/.test(variable.value)) {
      this.sink.report(
        'NUMBER_NOT_INTEGER',
        `${name}=${text} is not an integer; the spec wants one, the JS SDK uses ${abbreviate(String(value))}.`,
        { source, hint: `Write it as ${abbreviate(String(Math.round(value)))}.` },
      );
    }
    if (value > INT32_MAX && rules.consumer === 'timer') {
      // A timer delay Node cannot hold fires after 1 ms: the same effect as Infinity.
      this.sink.report(
        'NUMBER_OUT_OF_RANGE',
        `${name}=${text} is larger than 2^31-1 ms, the longest timer Node holds: ${consequenceOfHuge(name, 'timer')}.`,
        {
          source,
          severity: name === 'OTEL_METRIC_EXPORT_TIMEOUT' ? 'warning' : 'error',
          hint: `Set ${name} to at most ${NODE_TIMER_MAX_MS}.`,
        },
      );
    } else if (value > INT32_MAX) {
      this.sink.report('NUMBER_OUT_OF_RANGE', `${name}=${text} is larger than 2^31-1; other SDKs reject it.`, { source });
    }
    if (rules.duration && value > 0 && value < SECONDS_SUSPICION_MS) {
      this.sink.report('DURATION_LOOKS_LIKE_SECONDS', `${name}=${text} means ${value} milliseconds, not seconds.`, {
        source,
        hint: `For ${value} seconds set ${name}=${Math.round(value * 1000)}.`,
      });
    }
    return { value, source };
  }

  /**
   * Spec: enumerations SHOULD be case-insensitive and unknown values MUST be ignored with a warning.
   * JS compares case-sensitively, so `GRPC` is ignored by the SDK: report it as such.
   */
  enumeration<T extends string>(name: string, allowed: readonly T[], options: { caseInsensitive?: boolean } = {}): Sourced<T> | undefined {
    const variable = this.string(name);
    if (!variable) return undefined;
    const value = options.caseInsensitive ? variable.value.toLowerCase() : variable.value;
    if ((allowed as readonly string[]).includes(value)) return { value: value as T, source: variable.source };
    reportBadEnum(this.sink, name, variable.value, allowed, variable.source);
    return undefined;
  }

  /** A comma-separated list: entries trimmed, empty entries dropped (as JS getStringListFromEnv). */
  list(name: string): Sourced<string[]> | undefined {
    const variable = this.string(name);
    if (!variable) return undefined;
    const entries = variable.value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    return { value: entries, source: variable.source };
  }
}

/** Case-only mismatches get their own code: the spec says the value is fine, the JS SDK skips it. */
export function reportCaseMismatch(
  sink: DiagnosticSink,
  name: string,
  value: string,
  allowed: readonly string[],
  source: ValueSource,
  consequence: string,
  severity?: Severity,
): boolean {
  const caseMatch = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!caseMatch) return false;
  sink.report(
    'ENUM_CASE',
    `${name} contains "${abbreviate(value, 40)}": the spec matches case-insensitively, but the JS SDK does not, so ${consequence}.`,
    { source, hint: `Write it as "${caseMatch}".`, ...(severity ? { severity } : {}) },
  );
  return true;
}

export function reportBadEnum(sink: DiagnosticSink, name: string, value: string, allowed: readonly string[], source: ValueSource): void {
  if (reportCaseMismatch(sink, name, value, allowed, source, 'it is ignored')) return;
  const nearest = nearestValue(value, allowed);
  sink.report('ENUM_INVALID', `${name}="${abbreviate(value)}" is not one of ${allowed.join(', ')}; it is ignored.`, {
    source,
    hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${allowed.join(', ')}.`,
  });
}

/**
 * Values quoted in messages: long hostile values must not flood a report, and control or
 * bidirectional-override characters must not break or disguise a terminal line, so they are shown
 * escaped.
 */
export function abbreviate(text: string, max = 80): string {
  const shown = text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
  return shown.replace(
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
