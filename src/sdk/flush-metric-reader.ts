/**
 * A metric reader that exports only when asked (forceFlush), exactly once per call. A one-shot
 * command wants one export of everything it recorded: PeriodicExportingMetricReader would export
 * again on shutdown (doubling the wait when the endpoint is down) and on its own timer.
 */
import { MetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ExportResult } from '@opentelemetry/core';

export class FlushMetricReader extends MetricReader {
  constructor(
    private readonly exporter: PushMetricExporter,
    private readonly exportTimeoutMs: number,
  ) {
    super({
      aggregationSelector: exporter.selectAggregation?.bind(exporter),
      aggregationTemporalitySelector: exporter.selectAggregationTemporality?.bind(exporter),
    });
  }

  protected override async onForceFlush(): Promise<void> {
    const { resourceMetrics } = await this.collect({ timeoutMillis: this.exportTimeoutMs });
    if (resourceMetrics.scopeMetrics.every((scope) => scope.metrics.every((metric) => metric.dataPoints.length === 0))) return;
    // The result is recorded by the export ledger wrapped around the exporter; here we only wait.
    await new Promise<ExportResult>((resolve) => this.exporter.export(resourceMetrics, resolve));
    await this.exporter.forceFlush();
  }

  protected override async onShutdown(): Promise<void> {
    await this.exporter.shutdown();
  }
}
