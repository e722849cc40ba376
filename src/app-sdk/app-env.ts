/**
 * The environment an application sees: the real environment over the --env-file's variables
 * (real variables win, as with --env-file everywhere in otel-proc). otel-proc's own flags and
 * config file are not part of it: the application never reads them.
 */
import { loadEnvFile } from '../config/env-file.js';

export async function applicationEnv(
  env: Record<string, string | undefined>,
  cwd: string,
  envFile?: string,
): Promise<Record<string, string | undefined>> {
  const real = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  if (!envFile) return real;
  const loaded = await loadEnvFile(cwd, envFile);
  return { ...Object.fromEntries([...loaded.variables].map(([name, variable]) => [name, variable.value])), ...real };
}
