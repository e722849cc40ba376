/**
 * deploy/kubernetes/load-job.yaml: valid against the Kubernetes batch/v1 Job schema, runs the image
 * the Dockerfile builds, and keeps its sharding contract (an Indexed Job whose completions,
 * parallelism and --shard n agree; no loss budget on a shard, which would fail the whole Job).
 */
import { readFileSync } from 'node:fs';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifestText = readFileSync(new URL('../../deploy/kubernetes/load-job.yaml', import.meta.url), 'utf8');
const manifest = parse(manifestText) as NonNullable<ConstructorParameters<typeof Job>[0]>;

describe('deploy/kubernetes/load-job.yaml', () => {
  it('is a valid batch/v1 Job', () => {
    expect(() => new Job(manifest).validate()).not.toThrow();
  });

  it('would be caught if it were not (the validator sees the Job)', () => {
    const broken = structuredClone(manifest);
    (broken.spec as { completionMode: string }).completionMode = 'Sharded';
    expect(() => new Job(broken).validate()).toThrow(/completionMode/);
  });

  it('runs the image built from the Dockerfile, under a registry the user sets, without npx', () => {
    const [container] = manifest.spec!.template.spec!.containers;
    expect(container!.image).toBe(
      `REGISTRY/otel-proc:${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}`,
    );
    expect(container!.command).toBeUndefined(); // the image's ENTRYPOINT is otel-proc
    expect(manifestText).not.toMatch(/\bnpx\b/);
    expect(container!.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false });
  });

  it('shards one load test over an Indexed Job, with the loss budget left to load-merge', () => {
    const spec = manifest.spec!;
    const args = spec.template.spec!.containers[0]!.args!;
    expect(spec.completionMode).toBe('Indexed');
    expect(args[0]).toBe('load');
    const shard = args.find((arg) => arg.startsWith('--shard='));
    expect(shard).toBe(`--shard=$(SHARD_INDEX)/${spec.completions}`);
    expect(spec.parallelism).toBe(spec.completions);
    expect(args.some((arg) => arg.startsWith('--max-loss'))).toBe(false);
    expect(spec.backoffLimit).toBe(0);
  });
});
