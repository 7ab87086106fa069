/**
 * The codes of the rules checked before signing, from the rule classes themselves. It lives apart from the error
 * index because the pallet error table and `PalletError` (in chain.ts) need it, and the index imports them: deriving
 * it from the index's union would make the modules import each other. `index.ts` checks that it equals every
 * `RuleError` code of the union.
 */
import type {
  InsufficientFeeBalanceError,
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
import type {
  AlreadyWhitelistedError,
  CapBelowTotalStakeError,
  DescriptionTooLongError,
  NotPoolOwnerError,
  NotWhitelistedError,
  NoWhitelistError,
  PoolNotFoundError,
  WhitelistFullError,
} from './pool.js';
import type {
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
import type {
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

/** The classes of the rules checked before signing. */
type RuleErrorClass =
  | typeof ProxyCallFilteredError
  | typeof NotProxyError
  | typeof ProxyAnnouncementRequiredError
  | typeof ProxyAnnouncementPendingError
  | typeof InsufficientFeeBalanceError
  | typeof MultisigAlreadyApprovedError
  | typeof MultisigNotFoundError
  | typeof NotMultisigDepositorError
  | typeof MultisigCallDataRequiredError
  | typeof MultisigCallMismatchError
  | typeof ProxyAlreadyExistsError
  | typeof ProxyNotFoundError
  | typeof DescriptionTooLongError
  | typeof PoolNotFoundError
  | typeof NotPoolOwnerError
  | typeof CapBelowTotalStakeError
  | typeof AlreadyWhitelistedError
  | typeof WhitelistFullError
  | typeof NoWhitelistError
  | typeof NotWhitelistedError
  | typeof StakeBelowMinimumError
  | typeof StakeAboveMaximumError
  | typeof InsufficientFreeStakeError
  | typeof RestartStakeNotHigherError
  | typeof ContributionBelowMinimumError
  | typeof InsufficientDelegableBalanceError
  | typeof ContributionExceedsCapError
  | typeof PoolBankruptError
  | typeof NoStakeError
  | typeof InvalidWithdrawalError
  | typeof NoRewardToClaimError
  | typeof WorkerNotRegisteredError
  | typeof NotWorkerOperatorError
  | typeof BenchmarkMissingError
  | typeof BenchmarkTooLowError
  | typeof WorkerAlreadyBoundError
  | typeof PoolWorkersFullError
  | typeof WorkerNotInPoolError
  | typeof WorkerStateError
  | typeof CooldownNotOverError
  | typeof MiningDisabledError
  | typeof TokenomicsMissingError;

/** The codes of the rules checked before signing (the `RuleError` classes). */
export type RuleErrorCode = InstanceType<RuleErrorClass>['code'];
