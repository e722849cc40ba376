/**
 * Fuzz-style robustness: thousands of random and hostile values (unicode, huge strings, `%` soup,
 * `=` and `,` storms, control characters, odd numbers and URLs) for every variable the resolver
 * reads, alone and in random combinations. Never a crash; every value ends as a well-formed
 * diagnostic or a clean pass; the effective configuration stays usable; every renderer copes; and a
 * token planted in header values never reaches any output. Seeded, so a failure reproduces: the
 * seed and the environment are in the assertion message: replay one with OTEL_PROC_FUZZ_SEED=<seed>,
 * and multiply the case counts with FUZZ_CASES=<n> (as the CLI fuzzers do, docs/fuzzing.md).
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/config/catalogue.js';
import { KNOWN_VARIABLES } from '../../../src/config/known-variables.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { OTLP_PROTOCOLS, SIGNALS, type Resolution } from '../../../src/config/types.js';
import { renderValidateGithub } from '../../../src/report/validate-github.js';
import { renderValidateHuman } from '../../../src/report/validate-human.js';
import { buildValidateReport } from '../../../src/validate/report.js';

const SEED = Number(process.env.OTEL_PROC_FUZZ_SEED ?? 20_261_125);
const SCALE = Number(process.env.FUZZ_CASES) > 0 ? Number(process.env.FUZZ_CASES) : 1;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PLANTED = 'PLANTEDtoken9f3k';
const FRAGMENTS = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '=',
  ',',
  ';',
  '%',
  '%%',
  '%2',
  '%zz',
  '%E0%A4%A',
  '%2C',
  '%3D',
  '%00',
  '"',
  "'",
  '\\',
  '${',
  '}',
  '${A:-b}',
  ':',
  '//',
  '/v1/traces',
  '?',
  '#',
  '@',
  'true',
  'TRUE',
  'false',
  '1',
  '0',
  '-1',
  '-0',
  '1e3',
  '1e309',
  'NaN',
  'Infinity',
  '0x1F',
  '08',
  '2147483648',
  '9'.repeat(40),
  '0.5',
  '.5',
  '1.',
  '+7',
  'http://',
  'https://',
  'http://collector:4318',
  'grpc://x',
  'unix:///tmp/s',
  'http://[::1]:99999',
  'http://[::1',
  'localhost:4317',
  'http://user:pw@h:1',
  'grpc',
  'http/protobuf',
  'HTTP/JSON',
  'gzip',
  'none',
  'otlp',
  'always_off',
  'traceidratio',
  'tracecontext',
  'b3',
  'jaeger',
  'xray',
  'é',
  'ü',
  '中文',
  '🔥',
  '👨‍👩‍👧',
  'ﷺ',
  '\u202e',
  '\u0301',
  '\u200b',
  '\ud800',
  '\u0000',
  '\u0007',
  '\u00ff',
  '\uffff',
  `authorization=Bearer ${PLANTED}`,
  `x-key=${PLANTED}`,
  `Bearer%20${PLANTED}`,
];

const SAFE_FRAGMENTS = FRAGMENTS.filter((fragment) => !fragment.includes(PLANTED));

/** Only header variables get the planted token: it stands for a secret, and only header values are secret. */
function hostileValue(next: () => number, planted = false): string {
  const fragments = planted ? FRAGMENTS : SAFE_FRAGMENTS;
  const pick = next();
  if (pick < 0.05) return '='.repeat(1 + Math.floor(next() * 5000));
  if (pick < 0.1) return ','.repeat(1 + Math.floor(next() * 5000));
  if (pick < 0.15)
    return Array.from({ length: 1 + Math.floor(next() * 2000) }, () =>
      next() < 0.5 ? '%' : fragments[Math.floor(next() * fragments.length)],
    ).join('');
  if (pick < 0.18) return 'x'.repeat(10_000 + Math.floor(next() * 40_000));
  if (pick < 0.25)
    return Array.from({ length: 1 + Math.floor(next() * 50) }, () => String.fromCodePoint(Math.floor(next() * 0x10ffff) & ~0x800)).join('');
  const parts = 1 + Math.floor(next() * 6);
  return Array.from({ length: parts }, () => fragments[Math.floor(next() * fragments.length)]).join(
    next() < 0.3 ? ',' : next() < 0.5 ? '=' : '',
  );
}

const VARIABLES = [
  ...KNOWN_VARIABLES,
  'OTEL_TRACE_EXPORTER',
  'OTEL_EXPORTER_OTLP_HEADER',
  'OTEL_EXPORTER_JAEGER_ENDPOINT',
  'https_proxy',
  'grpc_proxy',
  'no_proxy',
  'HTTPS_PROXY',
].filter(
  // A declarative file path would make the resolver read arbitrary files from disk; it has its own tests.
  (name) => name !== 'OTEL_CONFIG_FILE',
);

function isHeaderVariable(name: string): boolean {
  return /HEADERS?$/.test(name);
}

async function check(env: Record<string, string>, label: string): Promise<void> {
  let resolution: Resolution;
  try {
    resolution = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true });
  } catch (error) {
    throw new Error(`resolveConfig threw for ${label}: ${String(error)}\nenv: ${JSON.stringify(env).slice(0, 2000)}`);
  }
  const context = `${label} env=${JSON.stringify(env).slice(0, 500)}`;
  // Thousands of cases: each condition is a plain test whose failure is named, and one expect per case
  // reports them all (vitest's expect costs more per call than resolving the configuration).
  const problems: string[] = [];
  const must = (holds: boolean, problem: string): void => {
    if (!holds) problems.push(problem);
  };
  for (const diagnostic of resolution.diagnostics) {
    must(diagnostic.code in CATALOGUE, `${diagnostic.code} is not in the catalogue`);
    must(['error', 'warning', 'info'].includes(diagnostic.severity), `${diagnostic.code} has severity ${diagnostic.severity}`);
    must(diagnostic.message.length > 0, `${diagnostic.code} has an empty message`);
    // Hostile values are abbreviated, never echoed in full.
    must(diagnostic.message.length < 1500, `${diagnostic.code}: a message of ${diagnostic.message.length} characters`);
  }
  const { config } = resolution;
  for (const signal of SIGNALS) {
    const exporter = config[signal];
    must(OTLP_PROTOCOLS.includes(exporter.protocol.value), `${signal} protocol ${exporter.protocol.value}`);
    must(typeof exporter.url === 'string', `${signal} url ${String(exporter.url)}`);
    must(Number.isFinite(exporter.timeoutMs.value) && exporter.timeoutMs.value > 0, `${signal} timeout ${exporter.timeoutMs.value}`);
    must(['gzip', 'none'].includes(exporter.compression.value), `${signal} compression ${exporter.compression.value}`);
  }
  must(
    ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'].includes(
      config.sampler.name.value,
    ),
    `sampler ${config.sampler.name.value}`,
  );
  if (config.sampler.ratio) must(config.sampler.ratio.value >= 0 && config.sampler.ratio.value <= 1, `ratio ${config.sampler.ratio.value}`);
  // Infinity is a value the JS SDK really uses (an unbounded queue); NaN never is.
  for (const [name, value] of Object.entries(config.spanBatch))
    must(!Number.isNaN(value.value) && value.value > 0, `span batch ${name} ${value.value}`);

  const report = buildValidateReport(resolution, true);
  const outputs = [JSON.stringify(report), renderValidateHuman(report, false), renderValidateGithub(report)];
  for (const output of outputs) {
    const at = output.indexOf(PLANTED);
    must(at === -1, `planted token leaked near ${JSON.stringify(output.slice(Math.max(0, at - 200), at + 40))}`);
  }
  expect(problems, context).toEqual([]);
}

describe(`fuzz (seed ${SEED})`, () => {
  it('survives hostile values in every variable, one at a time', async () => {
    const next = random(SEED);
    let runs = 0;
    for (const name of VARIABLES) {
      for (let round = 0; round < 25 * SCALE; round += 1) {
        await check({ [name]: hostileValue(next, isHeaderVariable(name)) }, `${name} round ${round}`);
        runs += 1;
      }
    }
    expect(runs).toBeGreaterThan(2000 * SCALE);
  });

  it('survives random combinations of hostile variables', async () => {
    const next = random(SEED + 1);
    for (let round = 0; round < 2000 * SCALE; round += 1) {
      const env: Record<string, string> = {};
      const count = 1 + Math.floor(next() * 8);
      for (let index = 0; index < count; index += 1) {
        const name = VARIABLES[Math.floor(next() * VARIABLES.length)]!;
        env[name] = hostileValue(next, isHeaderVariable(name));
      }
      await check(env, `combination ${round}`);
    }
  });

  it('survives hostile variable names', async () => {
    const next = random(SEED + 2);
    for (let round = 0; round < 300 * SCALE; round += 1) {
      const name = `OTEL_${hostileValue(next).slice(0, 200)}`;
      await check({ [name]: 'x', OTEL_SERVICE_NAME: 'svc' }, `name round ${round}`);
    }
  });
});
