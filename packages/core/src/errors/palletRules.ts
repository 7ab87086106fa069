/**
 * Which of the SDK's rules each pallet error enforces. The table lives in @phala-mining/errors beside `PalletError`
 * (whose `rule` reads it, whichever package decoded the failure); here it is typed with core's rule codes, which
 * checks at compile time that every code in it is a rule class of core's.
 */
import {
  PALLET_ERROR_RULES as FAMILY_PALLET_ERROR_RULES,
  palletErrorRule as familyPalletErrorRule,
} from '@phala-mining/errors';
import type { RuleErrorCode } from './ruleCodes.js';

/** Pallet (as named in metadata) → error variant → the code of the SDK rule it enforces. */
export type PalletErrorRules = Readonly<Record<string, Readonly<Record<string, RuleErrorCode>>>>;

/** The table: pallet (as named in metadata) → error variant → the code of the SDK rule it enforces. */
export const PALLET_ERROR_RULES: PalletErrorRules = FAMILY_PALLET_ERROR_RULES;

/**
 * The SDK rule a pallet error enforces, or undefined for errors that are no rule of an operation (internal errors,
 * other pallets). The section may be spelled as metadata does (`PhalaStakePool`) or as `@polkadot/api` does
 * (`phalaStakePool`).
 */
export function palletErrorRule(section: string, errorName: string): RuleErrorCode | undefined {
  return familyPalletErrorRule(section, errorName);
}
