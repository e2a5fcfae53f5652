// The `orizon` command line. Commands are registered here; each lives in its own
// file under commands/ and returns an exit status. Only built commands appear.
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import { EXIT_USAGE, printError, reportError } from '../util/errors.ts';
import { doctor } from './commands/doctor.ts';
import { run, type RunOptions } from './commands/run.ts';
import { buildCommand, BUILD_EMIT, type BuildOptions } from './commands/build.ts';
import { explain } from './commands/explain.ts';
import { check, EMIT_KINDS, MESSAGE_FORMATS } from './commands/check.ts';
import { DEFAULT_BOARD, TARGETS } from '../boards/board.ts';
import { listBoards, showBoard } from './commands/boards.ts';
import { newProject } from './commands/new.ts';
import { size } from './commands/size.ts';
import { clean } from './commands/clean.ts';

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
    .command('build')
    .description('compile an Orizon program into a firmware image (ELF) for a board')
    .argument('[file]', 'the program\'s root source file (.oriz); default: the project around the working directory')
    .option('-b, --board <board>', `board to build for (default: the project's, else ${DEFAULT_BOARD}; \`orizon boards\` lists them)`)
    .addOption(new Option('--target <target>', 'instruction set (default: the board\'s)').choices(TARGETS))
    .option('--release', 'optimise; arithmetic overflow wraps instead of panicking')
    .option('-o, --output <path>', 'output file (default: the source path with .elf, .o, ...)')
    .addOption(new Option('--emit <what>', 'produce assembly, IR or a relocatable object instead of an image').choices(BUILD_EMIT))
    .option('--timings', 'print the time each phase took')
    .action((file: string | undefined, opts: BuildOptions) => {
      process.exitCode = buildCommand(file, opts);
    });

  program
    .command('run')
    .description('build a program (or take a firmware image) and run it on a simulated board in QEMU; exits with the program\'s status')
    .argument('[file]', 'an Orizon source file (.oriz) or a firmware image (ELF); default: the project around the working directory')
    .option('-b, --board <board>', `board to simulate (default: the project's, else ${DEFAULT_BOARD}; \`orizon boards\` lists them)`)
    .option('--release', 'build with optimisations (for .oriz files)')
    .option('--timeout <seconds>', 'stop the program after this many seconds (exit status 124)')
    .action(async (image: string | undefined, opts: RunOptions) => {
      process.exitCode = await run(image, opts);
    });

  program
    .command('check')
    .description('check Orizon sources for errors (syntax, names, types, patterns, index proofs) without building')
    .argument('<path>', 'an .oriz file, or a folder: every .oriz file below it')
    .addOption(new Option('--message-format <format>', 'how to print diagnostics').choices(MESSAGE_FORMATS).default('human'))
    .addOption(new Option('--emit <what>', 'also print the program on stdout (ast: the parsed source; hir: the typed program)').choices(EMIT_KINDS))
    .option('--explain-bounds', 'list every index expression and whether it was proven in range, proven out of range, or checked at run time')
    .action((path: string, opts: { messageFormat?: string; emit?: string; explainBounds?: boolean }) => {
      process.exitCode = check(path, opts);
    });

  program
    .command('new')
    .description('create a project folder: orizon.toml, src/main.oriz from a template, README.md, .gitignore')
    .argument('<name>', 'the project folder (its last component is the package name)')
    .option('-b, --board <board>', `board to build for (\`orizon boards\` lists them; default ${DEFAULT_BOARD})`)
    .option('-t, --template <template>', 'starting program: hello, blinky or interrupts (default hello)')
    .action((name: string, opts: { board?: string; template?: string }) => {
      process.exitCode = newProject(name, opts);
    });

  program
    .command('size')
    .description('flash and RAM used by an image, per section and against the board\'s memory (inside a project: its built image)')
    .argument('[image]', 'an ELF image; default: the project\'s target/<board>/<profile>/<name>.elf')
    .option('-b, --board <board>', 'board whose memory to measure against (default: the project\'s)')
    .option('--release', 'inside a project: the release image')
    .option('--json', 'machine-readable output')
    .action((image: string | undefined, opts: { board?: string; release?: boolean; json?: boolean }) => {
      process.exitCode = size(image, opts);
    });

  program
    .command('clean')
    .description('remove the project\'s target/ folder (every build output)')
    .action(() => {
      process.exitCode = clean();
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
