/**
 * `doctor --bundle`: check the archive's folder and read --collector-config before any probing (a
 * typo costs no network time), then pack the redacted entries (bundle.ts) and write the archive,
 * readable by its owner only.
 */
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, UsageError } from '../../errors.js';

export interface BundleRequest {
  path: string;
  collectorConfigs: Array<{ path: string; text: string }>;
}

/** Checks --bundle's folder and reads --collector-config before the run, so a typo costs no network time. */
export async function prepareBundle(path: string, collectorConfigs: readonly string[], cwd: string): Promise<BundleRequest> {
  const [{ access, readFile, stat }, { constants }, { dirname, resolve }, { fileErrorReason, WRITING }] = await Promise.all([
    import('node:fs/promises'),
    import('node:fs'),
    import('node:path'),
    import('../../errors.js'),
  ]);
  const target = resolve(cwd, path);
  if (
    await stat(target).then(
      (info) => info.isDirectory(),
      () => false,
    )
  )
    throw new UsageError(`cannot write --bundle ${path}: it is a folder`);
  await access(dirname(target), constants.W_OK).catch((error: unknown) => {
    throw new UsageError(`cannot write --bundle ${path}: ${fileErrorReason(error, { words: WRITING })}`);
  });
  const read = collectorConfigs.map(async (collectorConfig) => {
    const text = await readFile(resolve(cwd, collectorConfig), 'utf8').catch((error: unknown) => {
      throw new ConfigurationError(`cannot read --collector-config ${collectorConfig}: ${fileErrorReason(error)}`);
    });
    return { path: collectorConfig, text };
  });
  return { path, collectorConfigs: await Promise.all(read) };
}

/** Builds the redacted entries (doctor/bundle.ts), packs them and writes the archive, readable by its owner only. */
export async function writeBundle(
  bundle: BundleRequest,
  report: import('../../doctor/types.js').DoctorReport,
  resolution: import('../../config/types.js').Resolution,
  context: CommandContext,
): Promise<void> {
  const [
    { writeFile },
    os,
    { resolve },
    { buildBundle },
    { packBundle },
    { collectVersions },
    { buildValidateReport },
    { fileErrorReason, WRITING },
  ] = await Promise.all([
    import('node:fs/promises'),
    import('node:os'),
    import('node:path'),
    import('../../doctor/bundle.js'),
    import('../../doctor/bundle-archive.js'),
    import('../../doctor/bundle-versions.js'),
    import('../../validate/report.js'),
    import('../../errors.js'),
  ]);
  const runtime = { node: process.version, platform: process.platform, arch: process.arch, osType: os.type(), osRelease: os.release() };
  const entries = await buildBundle({
    report,
    validate: buildValidateReport(resolution, false),
    resolution,
    env: context.env,
    cwd: context.cwd,
    collectorConfigs: bundle.collectorConfigs,
    versions: await collectVersions(context.cwd, runtime),
    createdAt: new Date().toISOString(),
    boundary: context.boundary,
  });
  await writeFile(resolve(context.cwd, bundle.path), await packBundle(entries), { mode: 0o600 }).catch((error: unknown) => {
    throw new UsageError(`cannot write --bundle ${bundle.path}: ${fileErrorReason(error, { words: WRITING })}`);
  });
}
