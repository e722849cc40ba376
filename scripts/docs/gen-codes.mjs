/**
 * Writes docs/codes.md from the catalogues in dist/ (run by `npm run docs:codes`, which builds first).
 */
import { writeFileSync } from 'node:fs';
import { renderCodesDoc } from '../../dist/codes/codes-doc.js';

const target = new URL('../../docs/codes.md', import.meta.url);
writeFileSync(target, renderCodesDoc());
console.log(`wrote ${target.pathname}`);
