import { describe, expect, it } from 'vitest';
import { parsePrometheusDuration, scrapeIntervalFromConfig } from '../../../../src/doctor/checks/prometheus-scrape.js';

describe('Prometheus scrape interval', () => {
  it('parses Prometheus durations', () => {
    expect(parsePrometheusDuration('15s')).toBe(15_000);
    expect(parsePrometheusDuration('1m30s')).toBe(90_000);
    expect(parsePrometheusDuration('500ms')).toBe(500);
    expect(parsePrometheusDuration('15 seconds')).toBeUndefined();
  });

  it('takes the shortest job interval, jobs without one inheriting the global', () => {
    const yaml =
      'global:\n  scrape_interval: 30s\nscrape_configs:\n  - job_name: a\n  - job_name: otel-collector\n    scrape_interval: 2s\n';
    expect(scrapeIntervalFromConfig(yaml)).toBe(2000);
    expect(scrapeIntervalFromConfig('global:\n  scrape_interval: 30s\nscrape_configs:\n  - job_name: a\n')).toBe(30_000);
    // Prometheus' own default is one minute.
    expect(scrapeIntervalFromConfig('scrape_configs: []\n')).toBe(60_000);
  });
});
