/**
 * Every failure the SDK reports is one of these classes, each with a stable `code` and the numbers behind the
 * decision, so callers can branch on `error.code` (or `instanceof`) and show the figures the Phala App showed.
 * One file per domain: input, pool, workers, stake (the rules), cold keys (proxy, multisig), chain and transport.
 */
import { UnexpectedError } from './base.js';
import {
  DispatchError,
  MissingStorageError,
  PalletError,
  StorageKeyArityError,
  UnsupportedRuntimeError,
} from './chain.js';
import {
  InsufficientFeeBalanceError,
  InvalidColdSignerError,
  MultisigAlreadyApprovedError,
  MultisigCallDataRequiredError,
  MultisigCallMismatchError,
  MultisigNotFoundError,
  NotMultisigDepositorError,
  NotProxyError,
  ProxyAlreadyExistsError,
  ProxyAnnouncementPendingError,
  ProxyAnnouncementRequiredError,
  ProxyCallFilteredError,
  ProxyNotFoundError,
} from './coldKeys.js';
import {
  EmptyChainError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidPercentError,
  InvalidPoolDescriptionError,
  InvalidPoolIdError,
  InvalidWithdrawalInputError,
  InvalidWorkerKeyError,
} from './input.js';
import {
  AlreadyWhitelistedError,
  CapBelowTotalStakeError,
  DescriptionTooLongError,
  NotPoolOwnerError,
  NotWhitelistedError,
  NoWhitelistError,
  PoolNotFoundError,
  WhitelistFullError,
} from './pool.js';
import {
  ContributionBelowMinimumError,
  ContributionExceedsCapError,
  InsufficientDelegableBalanceError,
  InsufficientFreeStakeError,
  InvalidWithdrawalError,
  NoRewardToClaimError,
  NoStakeError,
  PoolBankruptError,
  RestartStakeNotHigherError,
  StakeAboveMaximumError,
  StakeBelowMinimumError,
} from './stake.js';
import {
  ClientClosedError,
  ConnectAbortedError,
  ConnectionFailedError,
  ConnectionTimeoutError,
  StaleNonceError,
  TransactionExpiredError,
  TransactionRejectedError,
} from './transport.js';
import {
  BenchmarkMissingError,
  BenchmarkTooLowError,
  CooldownNotOverError,
  MiningDisabledError,
  NotWorkerOperatorError,
  PoolWorkersFullError,
  TokenomicsMissingError,
  WorkerAlreadyBoundError,
  WorkerNotInPoolError,
  WorkerNotRegisteredError,
  WorkerStateError,
} from './workers.js';

export * from './base.js';

import type { RuleError } from './base.js';
import type { RuleErrorCode } from './ruleCodes.js';

export * from './chain.js';
export * from './coldKeys.js';
export * from './input.js';
export { PALLET_ERROR_RULES, type PalletErrorRules, palletErrorRule } from './palletRules.js';
export * from './pool.js';
export * from './stake.js';
export * from './transport.js';
export * from './workers.js';

/**
 * Every concrete error class of the SDK. A new class must be listed here (a test checks it), so that
 * {@link KnownMiningError} and {@link MiningErrorCode} stay complete.
 */
export const MINING_ERROR_CLASSES = [
  InvalidAmountError,
  InvalidPercentError,
  InvalidAddressError,
  InvalidWorkerKeyError,
  InvalidPoolIdError,
  DescriptionTooLongError,
  EmptyChainError,
  InvalidWithdrawalInputError,
  PoolNotFoundError,
  NotPoolOwnerError,
  CapBelowTotalStakeError,
  AlreadyWhitelistedError,
  WhitelistFullError,
  NoWhitelistError,
  NotWhitelistedError,
  WorkerNotRegisteredError,
  NotWorkerOperatorError,
  BenchmarkMissingError,
  BenchmarkTooLowError,
  WorkerAlreadyBoundError,
  PoolWorkersFullError,
  WorkerNotInPoolError,
  WorkerStateError,
  CooldownNotOverError,
  MiningDisabledError,
  TokenomicsMissingError,
  StakeBelowMinimumError,
  StakeAboveMaximumError,
  InsufficientFreeStakeError,
  RestartStakeNotHigherError,
  ContributionBelowMinimumError,
  InsufficientDelegableBalanceError,
  ContributionExceedsCapError,
  PoolBankruptError,
  NoStakeError,
  InvalidWithdrawalError,
  NoRewardToClaimError,
  UnsupportedRuntimeError,
  PalletError,
  DispatchError,
  TransactionRejectedError,
  ConnectionFailedError,
  ConnectionTimeoutError,
  ConnectAbortedError,
  MissingStorageError,
  StorageKeyArityError,
  TransactionExpiredError,
  UnexpectedError,
  ClientClosedError,
  StaleNonceError,
  InvalidColdSignerError,
  ProxyCallFilteredError,
  NotProxyError,
  ProxyAnnouncementRequiredError,
  ProxyAnnouncementPendingError,
  InsufficientFeeBalanceError,
  MultisigAlreadyApprovedError,
  MultisigNotFoundError,
  NotMultisigDepositorError,
  MultisigCallDataRequiredError,
  MultisigCallMismatchError,
  ProxyAlreadyExistsError,
  ProxyNotFoundError,
  InvalidPoolDescriptionError,
] as const;

/** Any error the SDK throws, as a union discriminated by `code`: `switch (error.code)` narrows to the class. */
export type KnownMiningError = InstanceType<(typeof MINING_ERROR_CLASSES)[number]>;

/** Every `code` an SDK error can carry. */
export type MiningErrorCode = KnownMiningError['code'];

export type { RuleErrorCode };

/** Fails to compile when ruleCodes.ts and the union disagree (a rule class added to one list and not the other). */
type SameCodes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ruleCodesAgree: SameCodes<RuleErrorCode, Extract<KnownMiningError, RuleError>['code']> = true;
void ruleCodesAgree;

/**
 * Narrows an unknown failure to one of this package's errors (then `switch (error.code)` is exhaustive). Errors of
 * other packages that extend {@link MiningError} (e.g. @phala-mining/react's) are not among them.
 */
export function isKnownMiningError(error: unknown): error is KnownMiningError {
  return MINING_ERROR_CLASSES.some((errorClass) => error instanceof errorClass);
}
