// Thumb core registers and register lists.
//
// A register is its architectural number 0..15. GNU as accepts the AAPCS and
// APCS aliases too (`ip`, `fp`, `a1`..`v8`), and gas-compatible text is the
// input of `asm!`, so the parser accepts them; the encoder only sees numbers.

export type Reg = number;

export const SP: Reg = 13;
export const LR: Reg = 14;
export const PC: Reg = 15;

const ALIASES: Record<string, Reg> = {
  sp: 13, lr: 14, pc: 15, ip: 12, fp: 11, sl: 10, sb: 9,
  a1: 0, a2: 1, a3: 2, a4: 3,
  v1: 4, v2: 5, v3: 6, v4: 7, v5: 8, v6: 9, v7: 10, v8: 11,
};

/** Register number of `name` (case-insensitive), or undefined. */
export function parseReg(name: string): Reg | undefined {
  const n = name.toLowerCase();
  const m = /^r(\d{1,2})$/.exec(n);
  if (m) {
    const v = Number(m[1]);
    return v <= 15 && String(v) === m[1] ? v : undefined;
  }
  return ALIASES[n];
}

/** Canonical name, as objdump prints it. */
export function regName(r: Reg): string {
  return r === 13 ? 'sp' : r === 14 ? 'lr' : r === 15 ? 'pc' : `r${r}`;
}

export const isLow = (r: Reg): boolean => r <= 7;

/** A register list is a 16-bit mask: bit n set means rn is in the list. */
export type RegList = number;

export function regListText(mask: RegList): string {
  const names: string[] = [];
  for (let r = 0; r < 16; r++) if (mask & (1 << r)) names.push(regName(r));
  return `{${names.join(', ')}}`;
}

export function popCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** The only register of a one-register list, or undefined. */
export function singleReg(mask: RegList): Reg | undefined {
  return popCount(mask) === 1 ? 31 - Math.clz32(mask) : undefined;
}
