/**
 * Runs several generators on worker threads and folds their results into one, as if one generator
 * had done it all: counts and rates add up, latency histograms merge, timelines add per second.
 */
import { Worker } from 'node:worker_threads';
import type { GeneratorResult, GeneratorSpec } from './generator.js';
import { mergeSignalReports } from './merge-reports.js';
import type { ProgressSnapshot } from './types.js';
import type { WorkerMessage } from './worker-entry.js';

function sumSnapshots(snapshots: ProgressSnapshot[]): ProgressSnapshot {
  const signals = new Map<string, ProgressSnapshot['signals'][number]>();
  for (const snapshot of snapshots) {
    for (const s of snapshot.signals) {
      const current = signals.get(s.signal);
      if (!current) {
        signals.set(s.signal, { ...s });
        continue;
      }
      current.targetRate += s.targetRate;
      current.currentRate += s.currentRate;
      current.inFlight += s.inFlight;
      current.sent += s.sent;
      current.accepted += s.accepted;
      current.rejected += s.rejected;
      current.failed += s.failed;
      current.dropped += s.dropped;
      current.p99Ms = Math.max(current.p99Ms, s.p99Ms);
    }
  }
  return { elapsedSeconds: Math.max(0, ...snapshots.map((s) => s.elapsedSeconds)), signals: [...signals.values()] };
}

export function mergeGeneratorResults(results: GeneratorResult[]): GeneratorResult {
  const seconds = Math.max(...results.map((r) => r.generationSeconds));
  const names = [...new Set(results.flatMap((r) => r.signals.map((s) => s.signal)))];
  return {
    startedAt: results.map((r) => r.startedAt).sort()[0]!,
    generationSeconds: seconds,
    drainSeconds: Math.max(...results.map((r) => r.drainSeconds)),
    interrupted: results.some((r) => r.interrupted),
    signals: names.map((name) =>
      mergeSignalReports(
        results.flatMap((r) => r.signals.filter((s) => s.signal === name)),
        seconds,
      ),
    ),
  };
}

export async function runOnWorkers(
  specs: GeneratorSpec[],
  signal?: AbortSignal,
  onProgress?: (snapshot: ProgressSnapshot) => void,
): Promise<GeneratorResult> {
  const latest: ProgressSnapshot[] = [];
  const workers: Worker[] = [];
  const stop = (): void => {
    for (const worker of workers) worker.postMessage('stop');
  };
  signal?.addEventListener('abort', stop, { once: true });
  const progress = onProgress ? setInterval(() => latest.length > 0 && onProgress(sumSnapshots(latest.filter(Boolean))), 1000) : undefined;
  try {
    const results = await Promise.all(
      specs.map(
        (spec, index) =>
          new Promise<GeneratorResult>((resolve, reject) => {
            const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { workerData: spec });
            workers.push(worker);
            let settled = false;
            worker.on('message', (message: WorkerMessage) => {
              if (message.type === 'progress') latest[index] = message.snapshot;
              else if (message.type === 'result') {
                settled = true;
                resolve(message.result);
              } else {
                settled = true;
                reject(new Error(`worker ${index}: ${message.message}`));
              }
            });
            worker.on('error', (error) => {
              settled = true;
              reject(error);
            });
            worker.on('exit', (code) => {
              if (!settled) reject(new Error(`worker ${index} exited with code ${code} before reporting`));
            });
            if (signal?.aborted) worker.postMessage('stop');
          }),
      ),
    );
    return mergeGeneratorResults(results);
  } finally {
    if (progress) clearInterval(progress);
    signal?.removeEventListener('abort', stop);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
