/**
 * uPlot (https://github.com/leeoniya/uPlot), inlined into every HTML report so it opens offline.
 * The build copies its minified script, stylesheet and licence from the npm package into
 * dist/report/html/vendor/ (scripts/build/copy-chart-assets.mjs); a bare `tsc` build has no copy, so
 * they are then read from the installed package itself. Nothing is fetched at run time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChartAssets {
  /** uPlot's IIFE build: defines the global `uPlot`. */
  script: string;
  css: string;
  /** uPlot's MIT licence, which must travel with every copy. */
  license: string;
}

export const CHART_ASSET_FILES = { script: 'uPlot.iife.min.js', css: 'uPlot.min.css', license: 'LICENSE' } as const;

async function readAll(folder: string): Promise<ChartAssets> {
  const [script, css, license] = await Promise.all([
    readFile(join(folder, CHART_ASSET_FILES.script), 'utf8'),
    readFile(join(folder, CHART_ASSET_FILES.css), 'utf8'),
    readFile(join(folder, CHART_ASSET_FILES.license), 'utf8'),
  ]);
  return { script, css, license };
}

function packageFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('uplot/package.json'));
}

let cached: Promise<ChartAssets> | undefined;

export function loadChartAssets(): Promise<ChartAssets> {
  cached ??= readAll(fileURLToPath(new URL('./vendor/', import.meta.url))).catch(async () => {
    const root = packageFolder();
    const [script, css, license] = await Promise.all([
      readFile(join(root, 'dist', CHART_ASSET_FILES.script), 'utf8'),
      readFile(join(root, 'dist', CHART_ASSET_FILES.css), 'utf8'),
      readFile(join(root, CHART_ASSET_FILES.license), 'utf8'),
    ]);
    return { script, css, license };
  });
  return cached;
}
