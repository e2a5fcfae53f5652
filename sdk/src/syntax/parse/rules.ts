// Forward declarations of the grammar rules composed with typescript-parsec.
// Rules are created once, here, with `rule()`; each grammar file gives its rules
// their pattern with `setPattern` when it loads. Declaring them in a module that
// imports no grammar file lets mutually recursive rules refer to each other
// across files (as a C grammar declares functions before defining them).
import { rule } from 'typescript-parsec';
import type { T } from '../token.ts';
import type { Attr, ItemKind, Meta, UseTree } from '../ast.ts';

export const R = {
  /** `#[...]` / `#![...]` */
  attr: rule<T, Attr>(),
  meta: rule<T, Meta>(),
  /** The part of an item after its attributes, visibility and first keyword. */
  fnItem: rule<T, ItemKind>(),
  structItem: rule<T, ItemKind>(),
  enumItem: rule<T, ItemKind>(),
  implItem: rule<T, ItemKind>(),
  traitItem: rule<T, ItemKind>(),
  constItem: rule<T, ItemKind>(),
  staticItem: rule<T, ItemKind>(),
  typeItem: rule<T, ItemKind>(),
  modItem: rule<T, ItemKind>(),
  useItem: rule<T, UseTree>(),
  useTree: rule<T, UseTree>(),
  externBlock: rule<T, ItemKind>(),
};
