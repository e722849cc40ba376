/**
 * The sampler named by OTEL_TRACES_SAMPLER
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration),
 * built the way the JS SDK builds it. JS supports only the six below; an unsupported name (jaeger_remote,
 * xray, a typo) falls back to the spec default parentbased_always_on, which is what the user's Node
 * application would do too.
 */
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import type { SamplerConfig } from '../config/types.js';

export interface BuiltSampler {
  sampler: Sampler;
  /** The sampler actually in use, after any fallback. */
  name: string;
  /** Set when the configured sampler was replaced by the default. */
  fallbackFrom?: string;
}

function clampRatio(ratio: number | undefined): number {
  // Spec: the argument is a probability in [0, 1]; JS treats a missing or invalid one as 1.
  if (ratio === undefined || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) return 1;
  return ratio;
}

export function buildSampler(config: SamplerConfig): BuiltSampler {
  const name = config.name.value;
  const ratio = clampRatio(config.ratio?.value);
  switch (name) {
    case 'always_on':
      return { sampler: new AlwaysOnSampler(), name };
    case 'always_off':
      return { sampler: new AlwaysOffSampler(), name };
    case 'traceidratio':
      return { sampler: new TraceIdRatioBasedSampler(ratio), name };
    case 'parentbased_always_on':
      return { sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }), name };
    case 'parentbased_always_off':
      return { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }), name };
    case 'parentbased_traceidratio':
      return { sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }), name };
    default:
      return { sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }), name: 'parentbased_always_on', fallbackFrom: name };
  }
}
