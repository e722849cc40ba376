/**
 * Component lists: a binary's `components` output (types, signals), the pinned distributions
 * (core lacks contrib-only types; deprecated aliases count), and derived types matching with
 * underscores.
 */
import { describe, expect, it } from 'vitest';
import { catalogFromComponentsOutput } from '../../../src/collector/binary-components.js';
import { findComponent, loadDistribution } from '../../../src/collector/distribution.js';
import { pinnedCatalogText } from '../../helpers/collector-corpus.js';

describe('component lists', () => {
  it("reads a binary's components output with each component's signals", () => {
    const catalog = catalogFromComponentsOutput(pinnedCatalogText(), 'otelcol');
    expect(findComponent(catalog, 'receivers', 'otlp')?.signals).toEqual(expect.arrayContaining(['traces', 'metrics', 'logs']));
    expect(findComponent(catalog, 'exporters', 'prometheus')?.signals).toEqual(['metrics']);
    expect(findComponent(catalog, 'exporters', 'kafka')).toBeUndefined();
  });

  it('refuses output that is not a component list', () => {
    expect(() => catalogFromComponentsOutput('hello: world\n', './not-otelcol')).toThrow(/printed no component list/);
  });

  it('pins core and contrib: bearertokenauth is contrib only, otlp is an alias of otlp_grpc in both', async () => {
    const [core, contrib] = await Promise.all([loadDistribution('core'), loadDistribution('contrib')]);
    expect(findComponent(core, 'extensions', 'bearertokenauth')).toBeUndefined();
    expect(findComponent(contrib, 'extensions', 'bearertokenauth')).toBeDefined();
    for (const catalog of [core, contrib]) {
      expect(findComponent(catalog, 'exporters', 'otlp_grpc')).toBeDefined();
      expect(findComponent(catalog, 'exporters', 'otlp')).toBe(findComponent(catalog, 'exporters', 'otlp_grpc'));
    }
  });

  it('matches a derived type written with underscores, and only derived ones', async () => {
    const contrib = await loadDistribution('contrib');
    expect(findComponent(contrib, 'receivers', 'k8s_cluster')?.derived).toBe(true);
    expect(findComponent(contrib, 'receivers', 'prometheus_simple')).toBeDefined();
    expect(findComponent(contrib, 'processors', 'memory_limiter')).toBeDefined();
    expect(findComponent(contrib, 'processors', 'memorylimiter')).toBeUndefined();
  });
});

describe('removed component types', () => {
  it('says what replaced the logging exporter', async () => {
    const { corpusCases, lintCase, pinnedCatalog } = await import('../../helpers/collector-corpus.js');
    const testCase = corpusCases().find((entry) => entry.name === 'removed-logging-exporter')!;
    const { report } = await lintCase(testCase, { catalog: pinnedCatalog() });
    const unknown = report.diagnostics.find((diagnostic) => diagnostic.code === 'COLLECTOR_COMPONENT_TYPE_UNKNOWN');
    expect(unknown?.hint).toMatch(/use debug/);
  });
});
