// ISA profiles: which extensions the encoder may use. A profile gates both
// which mnemonics are accepted (an `mul` on rv32i is rejected, as GNU as
// rejects it) and whether eligible instructions are compressed.
//
// Every profile includes Zicsr and Zifencei: machine-mode firmware cannot live
// without CSR access, and GNU as (ISA spec 20191213) needs them named in
// -march, so `marchOf` spells them out for the oracle.

export type Ext = 'i' | 'm' | 'a' | 'c' | 'zicsr' | 'zifencei';

export interface Profile {
  readonly name: string;
  readonly exts: ReadonlySet<Ext>;
}

function profile(name: string, exts: Ext[]): Profile {
  return { name, exts: new Set<Ext>(exts) };
}

export const RV32I = profile('rv32i', ['i', 'zicsr', 'zifencei']);
export const RV32IM = profile('rv32im', ['i', 'm', 'zicsr', 'zifencei']);
export const RV32IMC = profile('rv32imc', ['i', 'm', 'c', 'zicsr', 'zifencei']);
export const RV32IMAC = profile('rv32imac', ['i', 'm', 'a', 'c', 'zicsr', 'zifencei']);

export const PROFILES: readonly Profile[] = [RV32I, RV32IM, RV32IMC, RV32IMAC];

export function profileByName(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/** A profile with some extensions removed (tests use it to check rejections). */
export function without(p: Profile, ...drop: Ext[]): Profile {
  const exts = [...p.exts].filter((e) => !drop.includes(e));
  return profile(`${p.name}-${drop.join('-')}`, exts);
}

/** The `-march=` string GNU as needs for the same instruction set. */
export function marchOf(p: Profile): string {
  let s = 'rv32i';
  for (const e of ['m', 'a', 'c'] as const) if (p.exts.has(e)) s += e;
  for (const z of ['zicsr', 'zifencei'] as const) if (p.exts.has(z)) s += `_${z}`;
  return s;
}
