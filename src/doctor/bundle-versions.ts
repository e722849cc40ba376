/**
 * Versions for a support bundle: otel-proc, Node and the OS (given by the command, which owns
 * `process`), and the @opentelemetry/* packages both otel-proc and the application in the current
 * folder depend on, as installed (node_modules) and as declared (package.json).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuntimeFacts {
  node: string;
  platform: string;
  arch: string;
  osType: string;
  osRelease: string;
}

export interface PackageVersion {
  /** The range package.json asks for. */
  declared: string;
  /** The version node_modules holds, or undefined when it is not installed there. */
  installed?: string;
}

export interface BundleVersions {
  otelProc: string;
  runtime: RuntimeFacts;
  /** @opentelemetry/* packages otel-proc itself runs with. */
  otelProcSdk: Record<string, PackageVersion>;
  /** @opentelemetry/* packages of the application in the current folder (empty when there is no package.json). */
  applicationSdk: Record<string, PackageVersion>;
}

interface PackageJson {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

async function readPackageJson(path: string): Promise<PackageJson | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The @opentelemetry/* dependencies a package declares, with what its node_modules holds. */
export async function openTelemetryPackages(root: string): Promise<Record<string, PackageVersion>> {
  const manifest = await readPackageJson(join(root, 'package.json'));
  const declared = { ...manifest?.devDependencies, ...manifest?.dependencies };
  const names = Object.keys(declared)
    .filter((name) => name.startsWith('@opentelemetry/'))
    .sort();
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, PackageVersion]> => {
      const installed = (await readPackageJson(join(root, 'node_modules', name, 'package.json')))?.version;
      return [name, { declared: declared[name]!, ...(installed ? { installed } : {}) }];
    }),
  );
  return Object.fromEntries(entries);
}

/** otel-proc's own folder: dist/doctor/ → the package root. */
const TOOL_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function collectVersions(cwd: string, runtime: RuntimeFacts): Promise<BundleVersions> {
  const [tool, otelProcSdk, applicationSdk] = await Promise.all([
    readPackageJson(join(TOOL_ROOT, 'package.json')),
    openTelemetryPackages(TOOL_ROOT),
    openTelemetryPackages(cwd),
  ]);
  return { otelProc: tool?.version ?? 'unknown', runtime, otelProcSdk, applicationSdk };
}
