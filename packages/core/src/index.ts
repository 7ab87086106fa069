export { normalizeAddress, normalizePid, normalizeWorkerKey, sameAccount } from './accounts.js';
export { type AddWorkerState, checkAddWorker } from './addWorker.js';
export {
  type FormatPhaOptions,
  formatPha,
  PHA_DECIMALS,
  PLANCK_PER_PHA,
  percentToPermill,
  permillToPercent,
  pha,
} from './amount.js';
export { BLOCKS_PER_YEAR, estimateApr, miningShare } from './apr.js';
export type { PoolConstants } from './chainView.js';
export { type ClaimableRewards, type ClaimKind, checkClaim, claimableRewards } from './claim.js';
export { createMiningClient, MiningClient, type MiningClientOptions } from './client.js';
export * from './coldkeys/index.js';
export type { ConnectionState } from './connection.js';
export { capGap, checkContribute } from './contribute.js';
export * from './errors.js';
export { type DecodedEvent, decodeEvent } from './events.js';
export type { FleetView } from './fleet/fleetState.js';
export { DEVCHAIN, KHALA, NETWORKS, type NetworkPreset, PHALA, PHALA_SIGNED_EXTENSIONS } from './networks.js';
export type { Operation, OperationContext } from './operation.js';
export { type DryRunResult, OperationChain } from './operationChain.js';
export { type Overview, type OverviewTotals, overviewTotals, type PoolOverview } from './overviewState.js';
export type { PoolsFilter } from './poolsState.js';
export { checkReclaimWorker, cooldownEnd } from './reclaimWorker.js';
export { checkRemoveWorker } from './removeWorker.js';
export { checkRestartMining, type RestartMiningState } from './restartMining.js';
export { detectRuntime, type RuntimeSupport } from './runtimeSupport.js';
export { checkSetCap } from './setCap.js';
export { checkSetDescription, MAX_DESCRIPTION_BYTES } from './setDescription.js';
export { checkSetPayout } from './setPayout.js';
export type { MiningSigner } from './signer.js';
export { type QueuedWithdrawal, queuedWithdrawal, type StakeView, stakeView } from './stakeState.js';
export { checkStakeRange, checkStartMining, type StartMiningState } from './startMining.js';
export type * from './state.js';
export { checkStopMining } from './stopMining.js';
export { poolSubAccount, poolSubAccountHex } from './subAccount.js';
export type { TokenomicsView } from './tokenomicsState.js';
export {
  type MultisigOutcome,
  type TxResult,
  type TxStage,
  TxSubmission,
  type WaitFor,
} from './txSubmission.js';
export { checkWhitelistAdd } from './whitelistAdd.js';
export { checkWhitelistRemove } from './whitelistRemove.js';
export { checkWithdraw, sharesToWithdraw, type WithdrawInput } from './withdraw.js';
export {
  type WorkerDisplayState,
  type WorkerEnvironment,
  type WorkerView,
  workerView,
} from './workersState.js';
