/**
 * Bundles the start-up path into one CommonJS file, dist/cli.cjs: src/cli.ts, the commands' flag
 * definitions (src/commands/<name>/index.ts), the helpers they import statically, and commander.
 *
 * Why: `--help` and `--version` should cost little more than starting Node. Node's ES module loader
 * alone costs about a fifth of a bare `node -e 0` (it starts, resolves and reads every module
 * asynchronously, and builds a namespace for every built-in imported), and commander is eight
 * CommonJS files. One CommonJS file is read and compiled once. The commands' bodies stay lazy
 * `import()`s of the ES modules tsc wrote, so a command loads what it needs when it runs.
 *
 * Modules in SINGLE_INSTANCE are used on both sides (the bundle throws and checks the errors that
 * the commands' bodies throw, with instanceof). Bundling a copy would make two classes of one name,
 * so each is built once as dist/<path>.cjs, the bundle requires it, and tsc's dist/<path>.js becomes
 * a re-export of it: one module, one class. Any other class of ours that lands in the bundle fails
 * the build until it is listed (esbuild drops what the bundle does not use, so a module that only
 * lends the flags a constant, like net/timing.ts, is fine).
 *
 * The version is written in, so start-up reads no package.json, and so is the list of commands with
 * their help lines (src/cli/command-list.ts), so `--help` and `--version` need not build every
 * command's options. tsc's dist/cli.js is removed:
 * bin/otel-proc.js runs it only when it is there, i.e. when tsc ran after this (development).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { build } from 'esbuild';

const SINGLE_INSTANCE = ['errors.ts'];

function sourcePath(sourceDir, file) {
  return relative(sourceDir, file).split(sep).join('/');
}

function toOutput(path, extension) {
  return `./${path.replace(/\.ts$/, extension)}`;
}

/**
 * Our own modules imported statically are inlined (SINGLE_INSTANCE ones required as .cjs); imported
 * dynamically (the commands' bodies), they stay tsc's files, at the same path relative to dist/.
 */
function linkOwnModules(sourceDir) {
  return {
    name: 'link-own-modules',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.importer.startsWith(sourceDir + sep)) return undefined;
        const target = join(dirname(args.importer), args.path).replace(/\.js$/, '.ts');
        const path = sourcePath(sourceDir, target);
        if (args.kind === 'dynamic-import') return { path: toOutput(path, '.js'), external: true };
        if (SINGLE_INSTANCE.includes(path)) return { path: toOutput(path, '.cjs'), external: true };
        return { path: target };
      });
      // Packages the commands import lazily (ora for doctor's spinner) stay lazy.
      builder.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
    },
  };
}

/**
 * commander requires node:child_process at load, for executable subcommands otel-proc never uses;
 * loading it pulls in node:net and node:stream. Hand commander a proxy that loads it on first use.
 */
const deferChildProcess = {
  name: 'defer-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`) ? { path: 'child_process', namespace: 'deferred' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'deferred' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/** dist/<path>.cjs for each SINGLE_INSTANCE module, and tsc's dist/<path>.js re-exporting it. */
async function buildSingleInstances(sourceDir, outDir, sourceMap) {
  for (const path of SINGLE_INSTANCE) {
    const source = join(sourceDir, path);
    if (/^\s*(import|export)\s[^;]*from\s+['"]\./m.test(readFileSync(source, 'utf8'))) {
      throw new Error(
        `src/${path} imports a module of ours; a SINGLE_INSTANCE module must stand alone (it is built on its own as CommonJS)`,
      );
    }
    const outfile = join(outDir, path.replace(/\.ts$/, '.cjs'));
    await build({
      entryPoints: [source],
      outfile,
      bundle: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: sourceMap,
      logLevel: 'warning',
    });
    const name = path.split('/').pop().replace(/\.ts$/, '.cjs');
    writeFileSync(
      join(outDir, path.replace(/\.ts$/, '.js')),
      `// One instance shared with dist/cli.cjs (scripts/build/bundle-cli.mjs).\nexport * from './${name}';\n`,
    );
  }
}

/**
 * esbuild's readable output heads each module's code with `// src/<path>`: a class under one of
 * ours would be a second class beside tsc's.
 */
function bundledClasses(readableBundle) {
  const found = [];
  for (const section of readableBundle.split(/^(?=\/\/ )/m)) {
    const module = /^\/\/ src\/(\S+)/.exec(section)?.[1];
    const match = module && /^\s*(?:var (\w+) = class\b|class (\w+))/m.exec(section);
    if (match) found.push(`${match[1] ?? match[2]} (src/${module})`);
  }
  return found;
}

/** The commands as tsc's build declares them, for `otel-proc --help` to list without declaring them. */
async function commandList(outDir) {
  const [{ COMMAND_REGISTRATIONS }, { listCommands }] = await Promise.all([
    import(pathToFileURL(join(outDir, 'commands', 'index.js')).href),
    import(pathToFileURL(join(outDir, 'cli', 'command-list.js')).href),
  ]);
  const program = new Command('otel-proc');
  for (const register of COMMAND_REGISTRATIONS) register(program);
  return listCommands(program);
}

export async function bundleCli({ root, sourceMap }) {
  const sourceDir = join(root, 'src');
  const outDir = join(root, 'dist');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  await buildSingleInstances(sourceDir, outDir, sourceMap);
  const options = {
    entryPoints: [join(sourceDir, 'cli.ts')],
    outfile: join(outDir, 'cli.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // import.meta.url keeps its meaning: dist/cli.cjs sits where tsc's dist/cli.js would.
    define: {
      OTEL_PROC_VERSION: JSON.stringify(version),
      OTEL_PROC_COMMAND_LIST: JSON.stringify(await commandList(outDir)),
      'import.meta.url': '__otelProcModuleUrl',
    },
    banner: { js: "'use strict';\nconst __otelProcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [linkOwnModules(sourceDir), deferChildProcess],
    logLevel: 'warning',
  };
  const readable = await build({ ...options, write: false, sourcemap: false });
  const classes = bundledClasses(readable.outputFiles[0].text);
  if (classes.length > 0) {
    throw new Error(
      `dist/cli.cjs would hold its own copy of ${classes.join(', ')}, beside tsc's: add the module to SINGLE_INSTANCE in scripts/build/bundle-cli.mjs`,
    );
  }
  await build({ ...options, minify: true, sourcemap: sourceMap });
  rmSync(join(outDir, 'cli.js'), { force: true });
  rmSync(join(outDir, 'cli.js.map'), { force: true });
}
