// DWARF 4 line information for an object: the `.debug_line` program built from
// the object's LineRows, plus the smallest `.debug_info`/`.debug_abbrev`/
// `.debug_ranges` that lets gdb find it (a compile unit with DW_AT_stmt_list and
// the code ranges it covers, and one DW_TAG_subprogram per function so
// backtraces and `info scope` have names).
//
// The output is more of the data model: `debug` sections and relocations
// (the target's 32-bit absolute type against sections), added to a copy of the
// object. The object writer then emits them as `.rel(a).debug_*` records that
// GNU ld resolves, and the Orizon linker applies them like any other relocation
// (debug sections have address 0, so a reference to `.debug_line` becomes the
// compile unit's offset in the merged section). One code path serves both.
//
// DWARF 4 rather than 5: its file table is a plain list, readelf/objdump/gdb
// of every age read it, and gdb needs nothing from v5 for line lookups.
import type { ArchBackend } from './arch.ts';
import type { LineRow, ObjectFile, ObjReloc, ObjSection, SectionId } from './object.ts';
import { ByteBuffer } from './bytes.ts';

// DWARF constants (DWARF 4 §7).
const DW_TAG_compile_unit = 0x11;
const DW_TAG_subprogram = 0x2e;
const DW_CHILDREN_yes = 1;
const DW_CHILDREN_no = 0;
const DW_AT_name = 0x03;
const DW_AT_stmt_list = 0x10;
const DW_AT_low_pc = 0x11;
const DW_AT_high_pc = 0x12;
const DW_AT_language = 0x13;
const DW_AT_comp_dir = 0x1b;
const DW_AT_producer = 0x25;
const DW_AT_external = 0x3f;
const DW_AT_ranges = 0x55;
const DW_FORM_addr = 0x01;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_string = 0x08;
const DW_FORM_flag = 0x0c;
const DW_FORM_sec_offset = 0x17;
/** Orizon is a Rust subset; gdb then prints values with Rust syntax. */
const DW_LANG_Rust = 0x1c;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;

// Line-program parameters (the values GCC uses): special opcodes cover line
// steps of -5..+8 and address steps of up to 17 bytes in one byte.
const LINE_BASE = -5;
const LINE_RANGE = 14;
const OPCODE_BASE = 13;
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];

export interface DwarfOptions {
  /** DW_AT_comp_dir: relative file names are resolved against it. */
  compDir: string;
  producer?: string;
}

/**
 * Returns `obj` plus debug sections for its line rows (only rows in sections
 * `keep` accepts), or `obj` itself when there are none.
 */
export function withLineInfo(obj: ObjectFile, arch: ArchBackend, opts: DwarfOptions, keep: (id: SectionId) => boolean = () => true): ObjectFile {
  const rows = obj.lines.filter((r) => keep(r.section));
  if (rows.length === 0) return obj;

  const base = obj.sections.length;
  const ids = { abbrev: base, info: base + 1, line: base + 2, ranges: base + 3 };
  const relocs: ObjReloc[] = [];
  // An address-sized field at `at` in debug section `sec` that points to `target+addend`.
  const addr = (buf: ByteBuffer, sec: SectionId, target: SectionId, addend: number) => {
    relocs.push({ section: sec, offset: buf.length, type: arch.absReloc, target: { section: target }, addend });
    buf.u32(0); // the field is the relocation's; writers store the addend as their format requires
  };

  const files = fileTable(rows);
  const rowsBySection = new Map<SectionId, LineRow[]>();
  for (const r of rows) {
    const list = rowsBySection.get(r.section);
    if (list) list.push(r); else rowsBySection.set(r.section, [r]);
  }
  const codeSections = [...rowsBySection.keys()].sort((a, b) => a - b);

  // .debug_line
  const line = new ByteBuffer();
  line.u32(0).u16(4);
  const headerLengthAt = line.length;
  line.u32(0);
  const headerStart = line.length;
  line.u8(1).u8(1).u8(1).i8(LINE_BASE).u8(LINE_RANGE).u8(OPCODE_BASE);
  for (const n of STANDARD_OPCODE_LENGTHS) line.u8(n);
  for (const d of files.dirs) line.cstring(d);
  line.u8(0);
  for (const f of files.entries) line.cstring(f.name).uleb(f.dir).uleb(0).uleb(0);
  line.u8(0);
  line.patchU32(headerLengthAt, line.length - headerStart);
  for (const sec of codeSections) {
    sequence(line, obj.sections[sec]!, rowsBySection.get(sec)!, files.index, (buf, addend) => addr(buf, ids.line, sec, addend));
  }
  line.patchU32(0, line.length - 4);

  // .debug_abbrev
  const abbrev = new ByteBuffer();
  abbrev.uleb(1).uleb(DW_TAG_compile_unit).u8(DW_CHILDREN_yes);
  for (const [at, form] of [[DW_AT_producer, DW_FORM_string], [DW_AT_language, DW_FORM_data2], [DW_AT_name, DW_FORM_string],
    [DW_AT_comp_dir, DW_FORM_string], [DW_AT_low_pc, DW_FORM_addr], [DW_AT_ranges, DW_FORM_sec_offset], [DW_AT_stmt_list, DW_FORM_sec_offset]]) abbrev.uleb(at!).uleb(form!);
  abbrev.u8(0).u8(0);
  abbrev.uleb(2).uleb(DW_TAG_subprogram).u8(DW_CHILDREN_no);
  for (const [at, form] of [[DW_AT_name, DW_FORM_string], [DW_AT_external, DW_FORM_flag], [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data4]]) abbrev.uleb(at!).uleb(form!);
  abbrev.u8(0).u8(0);
  abbrev.u8(0);

  // .debug_ranges: every code section with rows; low_pc 0 makes the entries absolute.
  const ranges = new ByteBuffer();
  for (const sec of codeSections) {
    const size = obj.sections[sec]!.size;
    if (size === 0) continue;
    addr(ranges, ids.ranges, sec, 0);
    addr(ranges, ids.ranges, sec, size);
  }
  ranges.u32(0).u32(0);

  // .debug_info
  const info = new ByteBuffer();
  info.u32(0).u16(4);
  addr(info, ids.info, ids.abbrev, 0);
  info.u8(4);
  info.uleb(1).cstring(opts.producer ?? 'orizon').u16(DW_LANG_Rust).cstring(rows[0]!.file).cstring(opts.compDir).u32(0);
  addr(info, ids.info, ids.ranges, 0);
  addr(info, ids.info, ids.line, 0);
  for (const s of obj.symbols) {
    if (s.type !== 'func' || typeof s.section !== 'number' || !rowsBySection.has(s.section) || s.size === 0) continue;
    info.uleb(2).cstring(s.name).u8(s.binding === 'local' ? 0 : 1);
    addr(info, ids.info, s.section, s.offset);
    info.u32(s.size);
  }
  info.u8(0);
  info.patchU32(0, info.length - 4);

  const debug = (name: string, buf: ByteBuffer): ObjSection => {
    const data = buf.finish();
    return { name, kind: 'debug', align: 1, data, size: data.length };
  };
  return {
    ...obj,
    sections: [...obj.sections, debug('.debug_abbrev', abbrev), debug('.debug_info', info), debug('.debug_line', line), debug('.debug_ranges', ranges)],
    relocs: [...obj.relocs, ...relocs],
  };
}

interface FileTable {
  dirs: string[];
  entries: { name: string; dir: number }[];
  /** File path → 1-based DWARF file number. */
  index: Map<string, number>;
}

/** Splits each path into directory + name; directory 0 is the compilation directory. */
function fileTable(rows: readonly LineRow[]): FileTable {
  const t: FileTable = { dirs: [], entries: [], index: new Map() };
  for (const r of rows) {
    if (t.index.has(r.file)) continue;
    const slash = r.file.lastIndexOf('/');
    let dir = 0;
    if (slash >= 0) {
      const d = r.file.slice(0, slash) || '/';
      let k = t.dirs.indexOf(d);
      if (k < 0) { t.dirs.push(d); k = t.dirs.length - 1; }
      dir = k + 1;
    }
    t.entries.push({ name: r.file.slice(slash + 1), dir });
    t.index.set(r.file, t.entries.length);
  }
  return t;
}

/** One line-number sequence covering a whole code section. */
function sequence(out: ByteBuffer, sec: ObjSection, rows: LineRow[], files: Map<string, number>, setAddress: (buf: ByteBuffer, addend: number) => void): void {
  // Stable sort by offset; of several rows at one address the last describes the code there.
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.offset - b.r.offset || a.i - b.i).map((x) => x.r);
  const uniq = sorted.filter((r, i) => i + 1 >= sorted.length || sorted[i + 1]!.offset !== r.offset);
  let address = uniq[0]!.offset;
  let file = 1;
  let line = 1;
  let column = 0;
  out.u8(0).uleb(5).u8(DW_LNE_set_address);
  setAddress(out, address);
  for (const r of uniq) {
    const f = files.get(r.file)!;
    if (f !== file) { out.u8(DW_LNS_set_file).uleb(f); file = f; }
    if (r.column !== column) { out.u8(DW_LNS_set_column).uleb(r.column); column = r.column; }
    let dLine = r.line - line;
    const dAddr = r.offset - address;
    if (dLine < LINE_BASE || dLine >= LINE_BASE + LINE_RANGE) {
      out.u8(DW_LNS_advance_line).sleb(dLine);
      dLine = 0;
    }
    const special = dLine - LINE_BASE + LINE_RANGE * dAddr + OPCODE_BASE;
    if (special <= 255) {
      out.u8(special);
    } else {
      out.u8(DW_LNS_advance_pc).uleb(dAddr);
      out.u8(dLine - LINE_BASE + OPCODE_BASE);
    }
    address = r.offset;
    line = r.line;
  }
  if (sec.size > address) out.u8(DW_LNS_advance_pc).uleb(sec.size - address);
  out.u8(0).uleb(1).u8(DW_LNE_end_sequence);
}
