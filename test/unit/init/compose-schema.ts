/**
 * Validation against the Compose Specification JSON schema (draft-07), as shipped in the dclint
 * package (node_modules/dclint/schemas/compose.schema.json, from github.com/compose-spec/compose-spec).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schemaPath = join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
// The file names its draft-07 meta-schema by an https URL Ajv does not register; the keywords are plain draft-07.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** The schema's complaints about a compose file (empty when valid). */
export function composeSchemaErrors(yamlText: string): string[] {
  if (validate(parse(yamlText))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
