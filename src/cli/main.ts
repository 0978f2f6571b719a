// The ficbind command line: yargs over the library, and the one place that prints errors and sets exit codes.
import yargs, { type Argv } from 'yargs';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FicbindError, UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { nearestName } from '../did-you-mean.ts';
import { processIO, standardInput, type CliIO } from './io.ts';
// Each command module holds only its flags and help; what a command runs is imported when it runs.
import * as build from './commands/build.ts';
import * as fix from './commands/fix.ts';
import * as check from './commands/check.ts';
import * as themes from './commands/themes.ts';
import * as cover from './commands/cover.ts';
import * as covers from './commands/covers.ts';
import * as send from './commands/send.ts';
import * as init from './commands/init.ts';
import * as add from './commands/add.ts';
import * as update from './commands/update.ts';
import * as studio from './commands/studio.ts';
import * as watch from './commands/watch.ts';

interface CommandModule {
  command: string;
  describe: string;
  examples: [string, string][];
  builder(yargs: Argv): Argv<any>;
  handler(args: any, io: CliIO): Promise<number>;
}

const commands: CommandModule[] = [init, add, update, build, watch, studio, fix, check, themes, cover, covers, send];
/** Commands yargs adds itself. */
const builtInCommands = ['completion'];
const commandNames = [...commands.map((module) => module.command.split(' ')[0]), ...builtInCommands];

/** ` (did you mean "build"?)` when a known name is near the typed one. */
function didYouMean(typed: string, known: readonly string[], quote = (name: string) => `"${name}"`): string {
  const near = nearestName(typed, known);
  return near === undefined ? '' : ` (did you mean ${quote(near)}?)`;
}

/** Runs the CLI and returns the exit status: 0 ok, 1 bad input, 2 bad usage. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  let status = 0;
  const debug = argv.includes('--debug');
  if (argv.includes('--quiet') || argv.includes('-q')) io = { ...io, quiet: true, isTTY: false };
  // The command named first, unless help is asked for (see the loop below).
  const chosen = wantsHelp(argv) ? undefined : commands.find((module) => module.command.split(' ')[0] === argv[0]);
  let parser = yargs()
    .scriptName('ficbind')
    .usage('$0 <command> [options]')
    .version(version)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'Print only errors and what the command is asked for (no summary, progress or warnings)' })
    .option('debug', { type: 'boolean', describe: 'Show stack traces for errors' })
    .completion('completion', 'Print a completion script for bash or zsh (add `source <(ficbind completion)` to ~/.bashrc or ~/.zshrc)')
    .demandCommand(chosen ? 0 : 1, `Name a command: ${commandNames.join(', ')}`)
    .strict()
    // yargs lays out the whole help text for every command it runs (kept for a later showHelp); unwrapped, that costs a tenth of the time.
    .wrap(wantsHelp(argv) ? Math.min(100, process.stdout.columns || 100) : null)
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs before any command runs (a typo'd flag must not start a build).
      throw error ?? new UsageError(`${message}${suggestion(message, argv[0])} (see ficbind --help)`);
    });
  // The command named first is yargs' default command, the only one it is told of: for any other, yargs lays out
  // the command's whole help text as it starts (kept for a later showHelp), about 0.1 s of every run.
  for (const module of chosen ? [chosen] : commands) {
    parser = parser.command(
      chosen ? module.command.replace(/^\S+/, '$0') : module.command,
      module.describe,
      (command) => module.examples.reduce((withExamples, [example, what]) => withExamples.example(example, what), module.builder(command)),
      async (args) => {
        status = await module.handler(args, io);
      },
    );
  }
  let yargsOutput = '';
  try {
    const typo = unknownCommand(argv);
    if (typo) throw new UsageError(`unknown command "${typo}"${didYouMean(typo, commandNames)}; the commands are ${commandNames.join(', ')}`);
    // With a callback, yargs hands back --help/--version text and usage errors instead of printing them.
    const args = (chosen ? argv.slice(1) : argv).map((arg) => (arg === '-' ? standardInput : arg));
    await parser.parseAsync(args, {}, (_error, _args, output) => {
      yargsOutput = output;
    });
  } catch (error) {
    if (error instanceof FicbindError) {
      io.err(`ficbind: ${error.describe(io.cwd)}`);
      if (debug && error.stack) io.err(error.stack);
      return error.exitCode;
    }
    io.err(`ficbind: internal error: ${(error as Error).message ?? error}${debug ? '' : ' (run with --debug for details)'}`);
    if (debug && (error as Error).stack) io.err((error as Error).stack!);
    return 1;
  }
  if (yargsOutput) io.out(yargsOutput);
  return status;
}

/** The first word when it is meant as a command but names none (`ficbind buid`); flags and completion requests pass. */
function unknownCommand(argv: string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || commandNames.includes(first)) return undefined;
  return first;
}

/** " (did you mean --title?)" for `Unknown argument: titel`, from the flags of the command being run. */
function suggestion(message: string, commandName: string | undefined): string {
  const unknown = /^Unknown arguments?: ([^,\s]+)/.exec(message)?.[1];
  if (!unknown) return '';
  const module = commands.find((candidate) => candidate.command.split(' ')[0] === commandName);
  // yargs keeps the flags it was given in getOptions(), which its types leave out.
  const parser = (module ? module.builder(yargs()) : yargs()) as unknown as { getOptions(): { key: Record<string, unknown> } };
  const flags = [...Object.keys(parser.getOptions().key), 'quiet', 'debug', 'help', 'version'].filter((name) => name.length > 1 && !/[A-Z]/.test(name));
  return didYouMean(unknown.replace(/^-+/, ''), flags, (flag) => `--${flag}`);
}

/** True when Node runs this file as the program (`node dist/cli/main.js`, `tsx src/cli/main.ts`), on every platform. */
function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await runCli(process.argv.slice(2));
}

/** Whether yargs will print help: `--help`, `-h` or `help` anywhere, or no command at all. */
function wantsHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || argv.some((arg) => arg === '--help' || arg === '-h' || arg === 'help');
}
