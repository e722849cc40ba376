#!/usr/bin/env -S node --
// The `--` stops Node 20 from taking our own `--env-file` flag as its own (it scans the whole
// command line for it and exits 9 on a missing file before otel-proc could say anything).
//
// CommonJS (bin/package.json), like dist/cli.cjs, the one-file build of the start-up path: an ES
// module entry would start Node's ES module loader before anything is parsed (scripts/build/).
// dist/cli.js exists only when tsc has compiled after the last build (development): run it then,
// so what runs is what was compiled last.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiledEntry = join(__dirname, '..', 'dist', 'cli.js');
if (existsSync(compiledEntry)) import('../dist/cli.js');
else require('../dist/cli.cjs');
