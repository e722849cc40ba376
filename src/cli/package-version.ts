/** otel-proc's own version (package.json), for reports that name their tool (SARIF). */
import { readFile } from 'node:fs/promises';

export async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
