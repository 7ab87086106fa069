/**
 * Which of the SDK's rules each pallet error enforces. The pallets check the rules on chain and the SDK checks them
 * before signing; this table is where the two meet. `PalletError.rule` reads it for every failure on chain, whichever
 * package decoded it (core's transactions, testing's `sendTx`), so the table lives beside `PalletError`. The rule
 * classes themselves are @phala-mining/core's: core checks at compile time that every code here is one of them, and
 * a test of core's sends each rule's failing input raw to the dev chain and checks that the pallet's error maps to
 * the code the SDK's own check gives.
 */

/** The table: pallet (as named in metadata) → error variant → the code of the SDK rule it enforces. */
export const PALLET_ERROR_RULES = {
  PhalaStakePool: {
    WorkerNotRegistered: 'WorkerNotRegistered',
    BenchmarkMissing: 'BenchmarkMissing',
    WorkerExists: 'WorkerAlreadyBound',
    WorkerDoesNotExist: 'WorkerNotInPool',
    WorkerInAnotherPool: 'WorkerNotInPool',
    UnauthorizedOperator: 'NotWorkerOperator',
    UnauthorizedPoolOwner: 'NotPoolOwner',
    InadequateCapacity: 'CapBelowTotalStake',
    StakeExceedsCapacity: 'ContributionExceedsCap',
    PoolDoesNotExist: 'PoolNotFound',
    InsufficientContribution: 'ContributionBelowMinimum',
    InsufficientBalance: 'InsufficientDelegableBalance',
    PoolStakeNotFound: 'NoStake',
    InsufficientFreeStake: 'InsufficientFreeStake',
    InvalidWithdrawalAmount: 'InvalidWithdrawal',
    // any failure to bind the worker's miner: the worker is bound elsewhere (or its miner is not Ready)
    FailedToBindMinerAndWorker: 'WorkerAlreadyBound',
    PoolBankrupt: 'PoolBankrupt',
    NoRewardToClaim: 'NoRewardToClaim',
    FeatureNotEnabled: 'MiningDisabled',
    WorkersExceedLimit: 'PoolWorkersFull',
    CannotRestartWithLessStake: 'RestartStakeNotHigher',
    NotInContributeWhitelist: 'NotWhitelisted',
    AlreadyInContributeWhitelist: 'AlreadyWhitelisted',
    ExceedWhitelistMaxLen: 'WhitelistFull',
    NoWhitelistCreated: 'NoWhitelist',
    // declared but never raised (an over-long description fails to decode); listed for completeness
    ExceedMaxDescriptionLen: 'DescriptionTooLong',
    // spec 1191+: remove_worker needs a Ready miner
    MinerDoesNotExist: 'WorkerState',
    WorkerIsNotReady: 'WorkerState',
  },
  PhalaMining: {
    WorkerNotRegistered: 'WorkerNotRegistered',
    BenchmarkMissing: 'BenchmarkMissing',
    BenchmarkTooLow: 'BenchmarkTooLow',
    DuplicateBoundMiner: 'WorkerAlreadyBound',
    DuplicateBoundWorker: 'WorkerAlreadyBound',
    MinerNotFound: 'WorkerState',
    MinerNotBound: 'WorkerState',
    MinerNotReady: 'WorkerState',
    MinerNotMining: 'WorkerState',
    CoolDownNotReady: 'CooldownNotOver',
    InsufficientStake: 'StakeBelowMinimum',
    TooMuchStake: 'StakeAboveMaximum',
    InternalErrorBadTokenomicParameters: 'TokenomicsMissing',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

type Rules = typeof PALLET_ERROR_RULES;

/** The code of an SDK rule some pallet error enforces (a `RuleErrorCode` of @phala-mining/core). */
export type PalletRuleCode = { [P in keyof Rules]: Rules[P][keyof Rules[P]] }[keyof Rules];

/**
 * The SDK rule a pallet error enforces, or undefined for errors that are no rule of an operation (internal errors,
 * other pallets). The section may be spelled as metadata does (`PhalaStakePool`) or as `@polkadot/api` does
 * (`phalaStakePool`).
 */
export function palletErrorRule(section: string, errorName: string): PalletRuleCode | undefined {
  const pallet = `${section.charAt(0).toUpperCase()}${section.slice(1)}`;
  const errors: Readonly<Record<string, Readonly<Record<string, PalletRuleCode>>>> = PALLET_ERROR_RULES;
  const ofPallet = Object.hasOwn(errors, pallet) ? errors[pallet] : undefined;
  return ofPallet && Object.hasOwn(ofPallet, errorName) ? ofPallet[errorName] : undefined;
}
