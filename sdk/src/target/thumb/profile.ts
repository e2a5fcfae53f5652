// Target profiles: which Thumb encodings a core has.
//
// The instruction table tags every encoding with one feature; an encoding is
// usable on a profile iff the profile has that feature. The features follow the
// architecture manuals' split, not the cores: ARMv6-M is the 16-bit Thumb set
// plus BL, MRS/MSR, the barriers and UDF; ARMv7-M adds Thumb-2 (32-bit data
// processing, IT, CBZ, wide branches, ...) and hardware divide; ARMv7E-M adds
// the DSP extension (saturating and SIMD arithmetic, halfword multiplies).

export type Feature =
  /** Every M-profile core (16-bit Thumb, BL, MRS/MSR, DMB/DSB/ISB). */
  | 'base'
  /** Thumb-2: 32-bit data processing and memory forms, IT, CBZ, B.W, ... */
  | 't2'
  /** SDIV/UDIV. */
  | 'div'
  /** ARMv7E-M DSP extension. */
  | 'dsp'
  /** Cores *without* Thumb-2. GNU as picks different encodings there (a
   *  negative immediate flips ADDS to SUBS in 16 bits instead of going wide),
   *  and byte-exact output needs those rows too. */
  | 'no-t2';

export type ProfileName = 'thumbv6m' | 'thumbv7m' | 'thumbv7em';

export interface Profile {
  readonly name: ProfileName;
  /** The `-mcpu=` GNU as uses for the same encodings. */
  readonly cpu: string;
  readonly arch: string;
  readonly features: ReadonlySet<Feature>;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  thumbv6m: { name: 'thumbv6m', cpu: 'cortex-m0', arch: 'armv6-m', features: new Set<Feature>(['base', 'no-t2']) },
  thumbv7m: { name: 'thumbv7m', cpu: 'cortex-m3', arch: 'armv7-m', features: new Set<Feature>(['base', 't2', 'div']) },
  thumbv7em: { name: 'thumbv7em', cpu: 'cortex-m4', arch: 'armv7e-m', features: new Set<Feature>(['base', 't2', 'div', 'dsp']) },
};

export function profile(name: ProfileName): Profile {
  return PROFILES[name];
}

export const hasFeature = (p: Profile, f: Feature): boolean => p.features.has(f);
