/**
 * How often Prometheus scrapes, read from its running configuration (GET /api/v1/status/config,
 * whose `data.yaml` is the loaded prometheus.yml), so `--prometheus` alone is enough for the
 * export-interval advice. The shortest interval of any job (or the global one) is what matters:
 * the collector's exporter is scraped at least that often.
 */
import { parse } from 'yaml';
import { apiUrl } from '../../backends/query.js';
import { httpGet } from '../../net/http-get.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Prometheus durations: `15s`, `1m30s`, `500ms`. */
export function parsePrometheusDuration(text: string): number | undefined {
  const parts = [...text.trim().matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  return parts.reduce((total, part) => total + Number(part[1]) * UNIT_MS[part[2]!]!, 0);
}

interface PrometheusConfig {
  global?: { scrape_interval?: string };
  scrape_configs?: Array<{ job_name?: string; scrape_interval?: string }>;
}

/** The shortest scrape interval in the configuration text; Prometheus' default is 1m. */
export function scrapeIntervalFromConfig(yamlText: string): number | undefined {
  const config = parse(yamlText) as PrometheusConfig | null;
  if (!config) return undefined;
  const global = parsePrometheusDuration(config.global?.scrape_interval ?? '1m');
  const jobs = (config.scrape_configs ?? []).map((job) => (job.scrape_interval ? parsePrometheusDuration(job.scrape_interval) : global));
  const known = (jobs.length > 0 ? jobs : [global]).filter((ms): ms is number => ms !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

export async function fetchScrapeInterval(prometheusUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<number | undefined> {
  const response = await httpGet(apiUrl(prometheusUrl, '/api/v1/status/config'), timeoutMs, signal);
  if (!response.ok || response.status !== 200) return undefined;
  try {
    const body = JSON.parse(response.body) as { data?: { yaml?: string } };
    return body.data?.yaml ? scrapeIntervalFromConfig(body.data.yaml) : undefined;
  } catch {
    return undefined;
  }
}
