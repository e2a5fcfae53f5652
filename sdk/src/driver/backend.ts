// The interface every target back end implements. The driver hands it the
// whole-program IR module and gets back ELF object data for the linker; the
// shared IR never imports from a target, and targets never see the HIR.
import type { Board, TargetName } from '../boards/board.ts';
import type { Module, SourceLoc } from '../ir/ir.ts';
import type { ObjectFile } from '../link/index.ts';

export interface CompileOptions {
  target: TargetName;
  /** Release builds run the optimiser; debug builds keep every check and compile fast. */
  release: boolean;
  /** Name recorded in the object (the root source file). */
  sourceName: string;
  /** Produce assembly text too (`--emit asm`). */
  wantAsm: boolean;
}

export interface CompiledModule {
  object: ObjectFile;
  asm?: string;
}

export interface RuntimeOptions {
  target: TargetName;
  board: Board;
  /** Interrupt handlers of the program: vector/source name → function symbol. */
  interrupts: readonly { name: string; func: string }[];
}

/**
 * A problem in the user's program that only a back end can see (inline
 * assembly the encoder rejects, an unknown interrupt name): the driver turns
 * it into a diagnostic at `loc`. Anything else a back end throws is a bug.
 */
export class BackendError extends Error {
  constructor(message: string, readonly loc?: SourceLoc) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface Backend {
  /** Every function and data object of the module → one relocatable object. */
  compileModule(m: Module, o: CompileOptions): CompiledModule;
  /**
   * Start-up code for a board: vector table or trap entry (with the program's
   * interrupt handlers bound by name), reset handler (copy .data, zero .bss,
   * call `main`, exit), and the target-specific runtime functions
   * (`__orizon_write`, `__orizon_exit` through semihosting on simulators).
   */
  runtime(o: RuntimeOptions): ObjectFile[];
  /** Entry symbol of linked images (e_entry). */
  readonly entry: string;
  /** Core exceptions an `#[interrupt]` handler may bind besides the board's interrupts. */
  interruptNames?(board: Board): string[];
}
