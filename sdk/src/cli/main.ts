// The `orizon` command line. Commands are registered here; each lives in its own
// file under commands/ and returns an exit status. Only built commands appear.
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import { EXIT_USAGE, printError, reportError } from '../util/errors.ts';
import { doctor } from './commands/doctor.ts';
import { run } from './commands/run.ts';
import { explain } from './commands/explain.ts';
import { check, EMIT_KINDS, MESSAGE_FORMATS } from './commands/check.ts';
import { DEFAULT_BOARD } from '../boards/board.ts';
import { listBoards, showBoard } from './commands/boards.ts';

function makeProgram(): Command {
  const program = new Command('orizon');
  program
    .description('Orizon SDK: compile, run and flash firmware for ARM Cortex-M and RISC-V boards')
    .version(pkg.version, '-V, --version', 'print the SDK version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Commander's own messages start with "error: "; route them through our style.
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(s),
    });

  program
    .command('doctor')
    .description('check the toolchains and simulators Orizon uses, with install commands for what is missing')
    .option('--json', 'machine-readable report')
    .action(async (opts: { json?: boolean }) => {
      process.exitCode = await doctor(opts);
    });

  program
    .command('boards')
    .description('list the supported boards, or show one in detail')
    .argument('[board]', 'a board id')
    .option('--json', 'machine-readable output')
    .action((board: string | undefined, opts: { json?: boolean }) => {
      process.exitCode = board ? showBoard(board, opts) : listBoards(opts);
    });

  program
    .command('run')
    .description('boot a firmware image (ELF) on a simulated board in QEMU; exits with the program\'s status')
    .argument('<image>', 'firmware image, an ELF file')
    .option('-b, --board <board>', 'board to simulate (`orizon boards` lists them)', DEFAULT_BOARD)
    .option('--timeout <seconds>', 'stop the program after this many seconds (exit status 124)')
    .action(async (image: string, opts: { board?: string; timeout?: string }) => {
      process.exitCode = await run(image, opts);
    });

  program
    .command('check')
    .description('check Orizon sources for errors without building (lexing and parsing for now)')
    .argument('<path>', 'an .oriz file, or a folder: every .oriz file below it')
    .addOption(new Option('--message-format <format>', 'how to print diagnostics').choices(MESSAGE_FORMATS).default('human'))
    .addOption(new Option('--emit <what>', 'also print the parsed program (ast: back as source) on stdout').choices(EMIT_KINDS))
    .action((path: string, opts: { messageFormat?: string; emit?: string }) => {
      process.exitCode = check(path, opts);
    });

  program
    .command('explain')
    .description('explain an error code: what it means, a wrong and a fixed example')
    .argument('[code]', 'error code, e.g. E0101')
    .option('--list', 'list every error code with its title')
    .action((code: string | undefined, opts: { list?: boolean }) => {
      process.exitCode = explain(code, opts);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = makeProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      if (err.exitCode === 0) { process.exitCode = 0; return; }
      process.exitCode = EXIT_USAGE;
      if (!err.message.startsWith('error:')) printError(err.message);
      const sub = argv.slice(2).find((a) => !a.startsWith('-'));
      const known = sub !== undefined && program.commands.some((c) => c.name() === sub);
      process.stderr.write(`hint: run \`orizon ${known ? `${sub} ` : ''}--help\` for usage\n`);
      return;
    }
    process.exitCode = reportError(err);
  }
}

await main(process.argv);
