// The ficbind command line: yargs over the library, and the one place that prints errors and sets exit codes.
import yargs, { type Argv } from 'yargs';
import { FicbindError, UsageError } from '../errors.ts';
import { version } from '../version.ts';
import { processIO, type CliIO } from './io.ts';
import * as build from './commands/build.ts';
import * as fix from './commands/fix.ts';
import * as check from './commands/check.ts';
import * as themes from './commands/themes.ts';
import * as cover from './commands/cover.ts';
import * as covers from './commands/covers.ts';
import * as send from './commands/send.ts';
import * as init from './commands/init.ts';

interface CommandModule {
  command: string;
  describe: string;
  builder(yargs: Argv): Argv<any>;
  handler(args: any, io: CliIO): Promise<number>;
}

const commands: CommandModule[] = [init, build, fix, check, themes, cover, covers, send];

/** Runs the CLI and returns the exit status: 0 ok, 1 bad input, 2 bad usage. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  let status = 0;
  const debug = argv.includes('--debug');
  let parser = yargs()
    .scriptName('ficbind')
    .usage('$0 <command> [options]')
    .version(version)
    .option('debug', { type: 'boolean', describe: 'Show stack traces for errors' })
    .demandCommand(1, `Name a command: ${commands.map((module) => module.command.split(' ')[0]).join(', ')}`)
    .strict()
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs before any command runs (a typo'd flag must not start a build).
      throw error ?? new UsageError(`${message} (see ficbind --help)`);
    });
  for (const module of commands) {
    parser = parser.command(module.command, module.describe, module.builder, async (args) => {
      status = await module.handler(args, io);
    });
  }
  let yargsOutput = '';
  try {
    // With a callback, yargs hands back --help/--version text and usage errors instead of printing them.
    await parser.parseAsync(argv, {}, (_error, _args, output) => {
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

if (process.argv[1]?.endsWith('/src/cli/main.ts')) {
  process.exitCode = await runCli(process.argv.slice(2));
}
