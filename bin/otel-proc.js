#!/usr/bin/env -S node --
// The `--` stops Node 20 from taking our own `--env-file` flag as its own (it scans the whole
// command line for it and exits 9 on a missing file before otel-proc could say anything).
import '../dist/cli.js';
