/** `--json`: exactly one JSON document on stdout, nothing else. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
