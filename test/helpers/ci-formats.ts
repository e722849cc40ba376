/**
 * Checks for the CI formats against what real consumers use: SARIF against the OASIS SARIF 2.1.0
 * JSON schema (fixtures/schemas, draft-04, so Ajv's draft-04 build), JUnit XML against the XSD
 * Jenkins' xUnit plugin validates with, run by libxml2 (the parser GitLab's Nokogiri wraps), then
 * parsed into suites and cases with fast-xml-parser.
 */
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

// CommonJS packages that also set `exports.default`: under NodeNext the default import is the
// module object, and `.default` the class (the same object at run time).
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

const SCHEMAS = fileURLToPath(new URL('../../fixtures/schemas/', import.meta.url));

export function sarifSchemaErrors(document: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(`${SCHEMAS}sarif-schema-2.1.0.json`, 'utf8')) as object);
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [readFileSync(`${SCHEMAS}junit-10.xsd`, 'utf8')],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

export interface ParsedCase {
  suite: string;
  name: string;
  classname: string;
  failures: Array<{ type: string; message: string; text: string }>;
  skipped: boolean;
  output?: string;
}

export function parseJunit(xml: string): ParsedCase[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name),
    textNodeName: 'text',
  });
  const document = parser.parse(xml) as { testsuites: { testsuite?: Array<{ name: string; testcase?: Array<Record<string, unknown>> }> } };
  return (document.testsuites.testsuite ?? []).flatMap((suite) =>
    (suite.testcase ?? []).map((testCase) => ({
      suite: suite.name,
      name: String(testCase.name),
      classname: String(testCase.classname),
      failures: ((testCase.failure as Array<Record<string, string>> | undefined) ?? []).map((failure) => ({
        type: failure.type!,
        message: failure.message!,
        text: failure.text ?? '',
      })),
      skipped: testCase.skipped !== undefined,
      ...(testCase['system-out'] !== undefined ? { output: String(testCase['system-out']) } : {}),
    })),
  );
}
