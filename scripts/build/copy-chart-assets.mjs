// Build step: copies uPlot's browser build, stylesheet and licence from its npm package next to
// the HTML report renderer (dist/report/html/vendor/), which inlines them into every report.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
const target = fileURLToPath(new URL('../../dist/report/html/vendor/', import.meta.url));
mkdirSync(target, { recursive: true });
for (const [from, name] of [
  ['dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['dist/uPlot.min.css', 'uPlot.min.css'],
  ['LICENSE', 'LICENSE'],
]) {
  copyFileSync(join(root, from), join(target, name));
}
