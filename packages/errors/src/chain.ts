/**
 * What the chain said when a dispatch failed: the one `PalletError` every package decodes module errors into, and the
 * one `DispatchError` for every other failure.
 */
import { ChainError } from './base.js';
import { type PalletRuleCode, palletErrorRule } from './palletRules.js';

/**
 * The dispatch failed on chain with a module error; carries the pallet's own identification and docs. Core's
 * transactions and testing's `sendTx` both reject with this class.
 */
export class PalletError extends ChainError {
  override readonly name = 'PalletError' as const;
  readonly code = 'PalletError' as const;
  constructor(
    /** pallet name: as in metadata (`PhalaStakePool`) or as `@polkadot/api` spells it (`phalaStakePool`) */
    readonly section: string,
    /** error variant, e.g. `InsufficientContribution` */
    readonly errorName: string,
    /** The error's documentation from metadata, joined into one line; empty when the runtime has none. */
    readonly docs: string,
    /** Index of the pallet in the runtime (88 for PhalaStakePool on Khala). */
    readonly index: number,
    /** Position of the error in that pallet's error enum. */
    readonly errorIndex: number,
    /** The block the failed extrinsic is in, when the decoder knew it. */
    readonly blockHash?: string,
  ) {
    super(`${section}.${errorName}${docs ? `: ${docs}` : ''}`);
    this.rule = palletErrorRule(section, errorName);
  }
  /**
   * The code of the SDK rule this pallet error enforces (e.g. `ContributionBelowMinimum` for
   * `phalaStakePool.InsufficientContribution`), from `PALLET_ERROR_RULES`; undefined for other errors.
   */
  readonly rule: PalletRuleCode | undefined;

  /** `section.errorName`, the form testing's `toThrowPalletError` matcher takes. */
  get qualifiedName(): string {
    return `${this.section}.${this.errorName}`;
  }
}

/**
 * The dispatch failed on chain with a non-module error (`BadOrigin`, `Token`, `Arithmetic`, …). Core's transactions
 * and testing's `sendTx` both reject with this class (testing's `DispatchFailedError` is a deprecated alias of it).
 */
export class DispatchError extends ChainError {
  override readonly name = 'DispatchError' as const;
  readonly code = 'DispatchError' as const;
  constructor(
    /** The variant, e.g. `BadOrigin`, `Arithmetic`, `Token`; `Module` when metadata did not name a module error. */
    readonly kind: string,
    /**
     * The variant's payload as JSON text, e.g. `"NoFunds"` for `Token`; `null` when the variant has none. Text rather
     * than the decoded value so the error stays serialisable and one shape whichever package decoded it.
     */
    readonly detail: string,
    /** The block the failed extrinsic is in, when the decoder knew it. */
    readonly blockHash?: string,
  ) {
    super(`dispatch failed: ${kind}${detail && detail !== 'null' ? ` (${detail})` : ''}`);
  }
}
