/**
 * The foundation of the SDK's error family: the {@link MiningError} base, one class per category, and the shapes
 * more than one package reports (a bad argument, a pallet or dispatch error, a failed connection). It depends on nothing, so every package —
 * the dev chain at the bottom of the graph included — extends the same classes, and `instanceof` a category holds
 * whichever package threw. @phala-mining/core re-exports all of it unchanged.
 */
import { UnexpectedError } from './base.js';
import { DispatchError, PalletError } from './chain.js';
import { InvalidArgumentError } from './input.js';
import { ConnectionFailedError } from './transport.js';

export * from './base.js';
export * from './chain.js';
export * from './input.js';
export { PALLET_ERROR_RULES, type PalletRuleCode, palletErrorRule } from './palletRules.js';
export * from './transport.js';

/** The concrete classes of this package (the categories are abstract). */
export const FAMILY_ERROR_CLASSES = [
  UnexpectedError,
  InvalidArgumentError,
  PalletError,
  DispatchError,
  ConnectionFailedError,
] as const;
