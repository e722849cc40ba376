/**
 * Builds dist/ in one pass.
 *
 *   node scripts/build/build.mjs         what the package ships (npm run build, prepare, npm pack):
 *                                        tsconfig.build.json, no source maps, no dev tooling
 *   node scripts/build/build.mjs --dev   everything under src/ with source maps (npm run build:dev):
 *                                        adds the benchmarks and the native stack runner
 *
 * Both start from an empty dist/, so a file removed from src/ or left out of the package cannot
 * linger there and be shipped. tsc compiles every module, the chart assets are copied next to the
 * HTML report renderer, and esbuild replaces tsc's dist/cli.js by dist/cli.cjs: one file holding
 * the entry, the commands' flag definitions and commander (scripts/build/bundle-cli.mjs).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleCli } from './bundle-cli.mjs';

const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsconfig = values.dev ? 'tsconfig.json' : 'tsconfig.build.json';

rmSync(new URL('../../dist/', import.meta.url), { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
// The HTML report inlines uPlot, copied from its npm package next to the renderer.
const copied = spawnSync(process.execPath, ['scripts/build/copy-chart-assets.mjs'], { cwd: root, stdio: 'inherit' });
if (copied.status !== 0) process.exit(copied.status ?? 1);

await bundleCli({ root, sourceMap: values.dev }).catch((error) => {
  // esbuild has printed its own errors, with their place in the source, before rejecting.
  if (!error.errors) console.error(`build: ${error.message}`);
  process.exit(1);
});
