/**
 * The commands a run needs. `otel-proc --help`, `--version` or nothing at all names no command:
 * such a run only lists the commands, so the build (scripts/build/bundle-cli.mjs) writes in each
 * command's name and help line (OTEL_PROC_COMMAND_LIST), and the run declares just those instead of
 * building every command's options. Any run that names a word (a command, `help`, a typo) gets every
 * command in full, so dispatch, `help <command>` and suggestions work as ever.
 */
import { Help, type Command } from 'commander';

/** One command as the top-level help lists it: commander's Help.subcommandTerm and subcommandDescription. */
export interface CommandListEntry {
  name: string;
  term: string;
  description: string;
}

declare const OTEL_PROC_COMMAND_LIST: CommandListEntry[] | undefined;

/** otel-proc's own options take no values, so any argument not starting with `-` names a command. */
function namesACommand(args: readonly string[]): boolean {
  return args.some((arg) => !arg.startsWith('-'));
}

export function declareCommands(program: Command, registrations: ReadonlyArray<(program: Command) => void>, args: readonly string[]): void {
  const list = typeof OTEL_PROC_COMMAND_LIST === 'undefined' ? undefined : OTEL_PROC_COMMAND_LIST;
  if (list === undefined || namesACommand(args)) {
    for (const register of registrations) register(program);
    return;
  }
  for (const entry of list) program.command(entry.name).summary(entry.description);
  const terms = new Map(list.map((entry) => [entry.name, entry.term]));
  program.configureHelp({
    subcommandTerm(this: Help, command: Command): string {
      return terms.get(command.name()) ?? Help.prototype.subcommandTerm.call(this, command); // commander's own `help [command]`
    },
  });
}

/**
 * What the build writes in: every visible command of a program with all commands registered.
 * scripts/build/bundle-cli.mjs imports it from dist/, a path knip cannot follow.
 * @public
 */
export function listCommands(program: Command): CommandListEntry[] {
  const help = program.createHelp();
  return help
    .visibleCommands(program)
    .filter((command) => command.name() !== 'help')
    .map((command) => ({ name: command.name(), term: help.subcommandTerm(command), description: help.subcommandDescription(command) }));
}
