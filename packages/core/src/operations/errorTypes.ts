/**
 * What each operation can fail with, as unions in the manner of viem's `GetBalanceErrorType`: the input errors its
 * builder can raise, the rules its check enforces before signing (in the chain's order), and what sending can end
 * in. `switch (error.code)` on one of these narrows to the class and its figures.
 *
 * ```ts
 * try { await client.pool(pid).contribute(amount).send(signer); }
 * catch (e) {
 *   const error = e as ContributeErrorType;
 *   if (error.code === 'ContributionExceedsCap') console.log(error.capGap);
 * }
 * ```
 */
import type {
  AlreadyWhitelistedError,
  BenchmarkMissingError,
  BenchmarkTooLowError,
  CapBelowTotalStakeError,
  ClientClosedError,
  ContributionBelowMinimumError,
  ContributionExceedsCapError,
  CooldownNotOverError,
  DescriptionTooLongError,
  DispatchError,
  EmptyChainError,
  InsufficientDelegableBalanceError,
  InsufficientFreeStakeError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidPercentError,
  InvalidPoolDescriptionError,
  InvalidPoolIdError,
  InvalidWithdrawalError,
  InvalidWithdrawalInputError,
  InvalidWorkerKeyError,
  MiningDisabledError,
  NoRewardToClaimError,
  NoStakeError,
  NotPoolOwnerError,
  NotWhitelistedError,
  NotWorkerOperatorError,
  NoWhitelistError,
  PalletError,
  PoolBankruptError,
  PoolNotFoundError,
  PoolWorkersFullError,
  RestartStakeNotHigherError,
  StakeAboveMaximumError,
  StakeBelowMinimumError,
  TokenomicsMissingError,
  TransactionExpiredError,
  TransactionRejectedError,
  UnexpectedError,
  WhitelistFullError,
  WorkerAlreadyBoundError,
  WorkerNotInPoolError,
  WorkerNotRegisteredError,
  WorkerStateError,
} from '../errors/index.js';

/**
 * What any `send()` can end in once the rules passed: the chain's refusal, the node's, expiry, a closed client, or
 * anything unexpected; plus a signer address that is no account and a chain with nothing to send.
 */
export type SendErrorType =
  | InvalidAddressError
  | EmptyChainError
  | PalletError
  | DispatchError
  | TransactionRejectedError
  | TransactionExpiredError
  | ClientClosedError
  | UnexpectedError;

/** Rules every pool-level operation starts with: a pool id, the pool exists. */
type PoolErrorType = InvalidPoolIdError | PoolNotFoundError;
/** …and the caller owns it. */
type OwnedPoolErrorType = PoolErrorType | NotPoolOwnerError;

/** Everything `createPool(…)` and its `send()` can fail with. */
export type CreatePoolErrorType = SendErrorType;

/** Everything `setPayout(…)` and its `send()` can fail with. */
export type SetPayoutErrorType = InvalidPercentError | OwnedPoolErrorType | SendErrorType;

/** Everything `setCap(…)` and its `send()` can fail with. */
export type SetCapErrorType =
  | InvalidAmountError
  | OwnedPoolErrorType
  | CapBelowTotalStakeError
  | SendErrorType;

/** Everything `setDescription(…)` and its `send()` can fail with. */
export type SetDescriptionErrorType =
  | DescriptionTooLongError
  | InvalidPoolDescriptionError
  | OwnedPoolErrorType
  | SendErrorType;

/** Everything `whitelistAdd(…)` and its `send()` can fail with. */
export type WhitelistAddErrorType =
  | InvalidAddressError
  | OwnedPoolErrorType
  | AlreadyWhitelistedError
  | WhitelistFullError
  | SendErrorType;

/** Everything `whitelistRemove(…)` and its `send()` can fail with. */
export type WhitelistRemoveErrorType =
  | InvalidAddressError
  | OwnedPoolErrorType
  | NoWhitelistError
  | NotWhitelistedError
  | SendErrorType;

/** Everything `addWorker(…)` and its `send()` can fail with. */
export type AddWorkerErrorType =
  | InvalidWorkerKeyError
  | WorkerNotRegisteredError
  | NotWorkerOperatorError
  | BenchmarkMissingError
  | OwnedPoolErrorType
  | WorkerAlreadyBoundError
  | PoolWorkersFullError
  | WorkerStateError
  | SendErrorType;

/** Everything `removeWorker(…)` and its `send()` can fail with. */
export type RemoveWorkerErrorType =
  | InvalidWorkerKeyError
  | OwnedPoolErrorType
  | WorkerNotInPoolError
  | WorkerStateError
  | SendErrorType;

/** Everything `startMining(…)` and its `send()` can fail with. */
export type StartMiningErrorType =
  | InvalidWorkerKeyError
  | InvalidAmountError
  | OwnedPoolErrorType
  | InsufficientFreeStakeError
  | WorkerNotInPoolError
  | WorkerStateError
  | BenchmarkMissingError
  | BenchmarkTooLowError
  | TokenomicsMissingError
  | StakeBelowMinimumError
  | StakeAboveMaximumError
  | SendErrorType;

/** Everything `stopMining(…)` and its `send()` can fail with. */
export type StopMiningErrorType =
  | InvalidWorkerKeyError
  | MiningDisabledError
  | OwnedPoolErrorType
  | WorkerNotInPoolError
  | WorkerStateError
  | SendErrorType;

/** Everything `restartMining(…)` and its `send()` can fail with. */
export type RestartMiningErrorType = StartMiningErrorType | StopMiningErrorType | RestartStakeNotHigherError;

/** Everything `reclaimWorker(…)` and its `send()` can fail with. */
export type ReclaimWorkerErrorType =
  | InvalidWorkerKeyError
  | PoolErrorType
  | WorkerStateError
  | CooldownNotOverError
  | SendErrorType;

/** Everything `contribute(…)` and its `send()` can fail with. */
export type ContributeErrorType =
  | InvalidAmountError
  | PoolErrorType
  | NotWhitelistedError
  | ContributionBelowMinimumError
  | InsufficientDelegableBalanceError
  | PoolBankruptError
  | ContributionExceedsCapError
  | SendErrorType;

/** Everything `withdraw(…)` and its `send()` can fail with. */
export type WithdrawErrorType =
  | InvalidWithdrawalInputError
  | NoStakeError
  | InvalidWithdrawalError
  | PoolErrorType
  | SendErrorType;

/** Everything `claim(…)` and its `send()` can fail with. */
export type ClaimErrorType =
  | InvalidAddressError
  | PoolErrorType
  | NotPoolOwnerError
  | NoRewardToClaimError
  | SendErrorType;
