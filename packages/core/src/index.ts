// Khala's generated chain types. Importing core augments the app's @polkadot/api with them (types only, nothing at
// run time): api.tx / api.query / api.events of Khala's pallets are typed; see the types package's README.
export type { KhalaStorage, StorageValue } from '@phala-mining/types';
export { normalizeAddress, normalizePid, normalizeWorkerKey, sameAccount } from './accounts.js';
export {
  type FormatPhaOptions,
  formatPha,
  PHA_DECIMALS,
  PLANCK_PER_PHA,
  percentToPermill,
  permillToPercent,
  pha,
} from './amount.js';
export { createMiningClient, MiningClient, type MiningClientOptions } from './client.js';
export * from './coldkeys/index.js';
export type { ConnectionState } from './connection.js';
export * from './errors/index.js';
export type { FleetView } from './fleet/fleetState.js';
export * from './guardian/index.js';
export type { LibraryLogEntry, LibraryLogger } from './libraryLogs.js';
export { DEVCHAIN, KHALA, NETWORKS, type NetworkPreset, PHALA, PHALA_SIGNED_EXTENSIONS } from './networks.js';
export { type AddWorkerState, checkAddWorker } from './operations/addWorker.js';
export { type ClaimableRewards, type ClaimKind, checkClaim, claimableRewards } from './operations/claim.js';
export { capGap, checkContribute } from './operations/contribute.js';
export type * from './operations/errorTypes.js';
export type { Operation, OperationContext } from './operations/operation.js';
export {
  type CheckResult,
  type DryRunResult,
  OperationChain,
  type SendOptions,
} from './operations/operationChain.js';
export { checkReclaimWorker, cooldownEnd } from './operations/reclaimWorker.js';
export { checkRemoveWorker } from './operations/removeWorker.js';
export { checkRestartMining, type RestartMiningState } from './operations/restartMining.js';
export { checkSetCap } from './operations/setCap.js';
export { checkSetDescription, MAX_DESCRIPTION_BYTES } from './operations/setDescription.js';
export { checkSetPayout } from './operations/setPayout.js';
export { checkStakeRange, checkStartMining, type StartMiningState } from './operations/startMining.js';
export { checkStopMining } from './operations/stopMining.js';
export { checkWhitelistAdd } from './operations/whitelistAdd.js';
export { checkWhitelistRemove } from './operations/whitelistRemove.js';
export { checkWithdraw, sharesToWithdraw, type WithdrawInput } from './operations/withdraw.js';
export { detectRuntime, type RuntimeSupport } from './runtimeSupport.js';
export { BLOCKS_PER_YEAR, estimateApr, miningShare } from './state/apr.js';
export type { PoolConstants } from './state/chainView.js';
export { type Overview, type OverviewTotals, overviewTotals, type PoolOverview } from './state/overview.js';
export {
  encodePoolDescription,
  POOL_DESCRIPTION_FIELDS,
  type PoolDescription,
  type PoolDescriptionContent,
  type PoolDescriptionField,
  parsePoolDescription,
} from './state/poolDescription.js';
export type { PoolsFilter } from './state/poolList.js';
export {
  aprQuery,
  balanceQuery,
  connectionQuery,
  fleetQuery,
  type MiningQuery,
  overviewQuery,
  pendingMultisigsQuery,
  planWithdrawalCoverQuery,
  poolOverviewQuery,
  poolQuery,
  poolsQuery,
  proxiesQuery,
  queryKeys,
  reclaimableQuery,
  stakeQuery,
  tokenomicsQuery,
  withdrawalRiskQuery,
  withdrawQueueQuery,
  workersQuery,
} from './state/queries.js';
export type * from './state/records.js';
export { type QueuedWithdrawal, queuedWithdrawal, type StakeView, stakeView } from './state/stake.js';
export type { TokenomicsView } from './state/tokenomics.js';
export {
  type WorkerDisplayState,
  type WorkerEnvironment,
  type WorkerView,
  workerView,
} from './state/workers.js';
export { poolSubAccount, poolSubAccountHex } from './subAccount.js';
export { type DecodedEvent, decodeEvent } from './tx/events.js';
export {
  assertFeeCovered,
  type CheckedFee,
  checkFeeCovered,
  type FeeBalance,
  feeAndDepositAvailable,
  feeSpendable,
  spendableForFee,
} from './tx/fee.js';
export type { MiningSigner } from './tx/signer.js';
export {
  type MultisigOutcome,
  type TxResult,
  type TxStage,
  TxSubmission,
  type WaitFor,
} from './tx/txSubmission.js';
