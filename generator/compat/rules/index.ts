/** Every compatibility rule, in the order docs/compatibility.md lists them. */
import type { CompatRule } from '../types.js';
import { fixedSizeMismatchRule } from './fixed-size-mismatch.js';
import { missingEnumSymbolsRule } from './missing-enum-symbols.js';
import { missingUnionBranchRule } from './missing-union-branch.js';
import { nameMismatchRule } from './name-mismatch.js';
import { readerFieldAliasAmbiguousRule } from './reader-field-alias-ambiguous.js';
import { readerFieldMissingDefaultValueRule } from './reader-field-missing-default-value.js';
import { typeMismatchRule } from './type-mismatch.js';

export const compatRules: readonly CompatRule[] = [
  typeMismatchRule,
  nameMismatchRule,
  fixedSizeMismatchRule,
  missingEnumSymbolsRule,
  readerFieldMissingDefaultValueRule,
  missingUnionBranchRule,
  readerFieldAliasAmbiguousRule,
];
