/**
 * A whole burst planned at once: `count` traces, the measurements and log records they imply.
 * One PRNG stream per concern (shapes, metrics) so that adding a signal to a run never changes the
 * trace shapes a seed produces: `--seed 7 --signals traces` and `--seed 7` send the same trees.
 */
import { planLogRecords } from './log-plan.js';
import { planMeasurements } from './metric-plan.js';
import { planTrace, scenarioServices } from './plan-trace.js';
import { createRandom } from './random.js';
import type { PlannedLogRecord, PlannedMeasurement, PlannedTrace, Scenario } from './types.js';

export interface RunPlanOptions {
  seed: string;
  count: number;
  defaultService: string;
  services?: number;
  errorRatio?: number;
}

export interface RunPlan {
  traces: PlannedTrace[];
  /** measurements[i] belong to traces[i]. */
  measurements: PlannedMeasurement[][];
  /** logRecords[i] belong to traces[i]. */
  logRecords: PlannedLogRecord[][];
  /** The distinct service names the traces use, root service first. */
  services: string[];
}

export function planRun(scenario: Scenario, options: RunPlanOptions): RunPlan {
  const shapes = createRandom(`${options.seed}/traces`);
  const metrics = createRandom(`${options.seed}/metrics`);
  const traces: PlannedTrace[] = [];
  const measurements: PlannedMeasurement[][] = [];
  const logRecords: PlannedLogRecord[][] = [];
  for (let index = 0; index < options.count; index++) {
    const trace = planTrace(scenario, shapes, {
      index,
      defaultService: options.defaultService,
      services: options.services,
      errorRatio: options.errorRatio,
    });
    traces.push(trace);
    measurements.push(planMeasurements(trace, metrics));
    logRecords.push(planLogRecords(trace));
  }
  const used = new Set(traces.flatMap((t) => t.spans.map((s) => s.service)));
  const services = scenarioServices(scenario, options.defaultService).filter((s) => used.has(s));
  return { traces, measurements, logRecords, services };
}
