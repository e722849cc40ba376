/**
 * Every note `otel-proc init` prints after writing its files.
 */
import { entry, type CatalogueEntry } from '../findings/entry.js';

export const INIT_CATALOGUE = {
  INIT_FILES_KEPT: entry('warning', 'existing files that differ from what init would write were left as they were'),
  INIT_OTHER_CONFIG_FILE: entry(
    'warning',
    'another otel-proc config file (or a package.json key) is read instead of, or next to, the one written',
  ),
  INIT_SECRETS_FILE: entry('info', 'the env file written holds the auth token: add it to .gitignore'),
} as const satisfies Record<string, CatalogueEntry>;
