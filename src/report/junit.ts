/**
 * JUnit XML, the test-report format GitLab (`artifacts:reports:junit`), Jenkins and most CI servers
 * show: test suites of test cases, a `<failure>` per problem, `<skipped>` for what did not run.
 * Written to the schema Jenkins' xUnit plugin validates against (junit-10.xsd).
 * https://docs.gitlab.com/ci/testing/unit_test_reports/
 */
export interface JunitFailure {
  /** The finding's code. */
  type: string;
  message: string;
  /** Longer text: where, and the fix. */
  body?: string;
}

export interface JunitCase {
  name: string;
  classname: string;
  failures: JunitFailure[];
  skipped?: string;
  /** Kept in the report without failing the case (warnings without --strict). */
  output?: string[];
  timeSeconds?: number;
}

export interface JunitSuite {
  name: string;
  file?: string;
  cases: JunitCase[];
}

// XML 1.0 allows tab, newline, carriage return and characters from U+0020 on (minus surrogates and U+FFFE/F).
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function renderCase(testCase: JunitCase): string {
  const open = `    <testcase${attributes({ name: testCase.name, classname: testCase.classname, time: (testCase.timeSeconds ?? 0).toFixed(3) })}`;
  const children: string[] = [];
  if (testCase.skipped !== undefined) children.push(`      <skipped${attributes({ message: testCase.skipped })}/>`);
  for (const failure of testCase.failures)
    children.push(
      `      <failure${attributes({ type: failure.type, message: failure.message })}>${escapeXml(failure.body ?? failure.message)}</failure>`,
    );
  if (testCase.output && testCase.output.length > 0)
    children.push(`      <system-out>${escapeXml(testCase.output.join('\n'))}</system-out>`);
  return children.length === 0 ? `${open}/>` : `${open}>\n${children.join('\n')}\n    </testcase>`;
}

export function renderJunit(name: string, suites: JunitSuite[]): string {
  let totalTests = 0;
  let totalFailures = 0;
  const rendered = suites.map((suite) => {
    const failures = suite.cases.filter((testCase) => testCase.failures.length > 0).length;
    const skipped = suite.cases.filter((testCase) => testCase.skipped !== undefined).length;
    totalTests += suite.cases.length;
    totalFailures += failures;
    const head = `  <testsuite${attributes({ name: suite.name, tests: suite.cases.length, failures, errors: 0, skipped, time: '0', file: suite.file })}>`;
    return [head, ...suite.cases.map(renderCase), '  </testsuite>'].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attributes({ name, tests: totalTests, failures: totalFailures, errors: 0 })}>\n${rendered.join('\n')}\n</testsuites>\n`;
}
