export {
  AccountUnavailableError,
  ClientNotReadyError,
  MissingProviderError,
  NoSignerError,
  OperationSupersededError,
  WalletUnavailableError,
} from './errors.js';
export {
  type PlanWithdrawalCoverHook,
  type PlanWithdrawalCoverOptions,
  usePlanWithdrawalCover,
} from './guardian/usePlanWithdrawalCover.js';
export { useReclaimable } from './guardian/useReclaimable.js';
export { useWithdrawalRisk } from './guardian/useWithdrawalRisk.js';
export { useApr } from './hooks/useApr.js';
export { useBalance } from './hooks/useBalance.js';
export { type ConnectionStatus, useConnection } from './hooks/useConnection.js';
export {
  type QueryArg,
  type QueryOptions,
  type QueryResult,
  type SuspenseQueryState,
  useMiningQuery,
} from './hooks/useMiningQuery.js';
export { useOverview } from './hooks/useOverview.js';
export { usePendingMultisigs } from './hooks/usePendingMultisigs.js';
export { usePool } from './hooks/usePool.js';
export { usePoolOverview } from './hooks/usePoolOverview.js';
export { usePools } from './hooks/usePools.js';
export { useProxies } from './hooks/useProxies.js';
export { useStake } from './hooks/useStake.js';
export { useTokenomics } from './hooks/useTokenomics.js';
export { useWithdrawQueue } from './hooks/useWithdrawQueue.js';
export { useWorkers } from './hooks/useWorkers.js';
export { useAddWorker } from './operations/useAddWorker.js';
export { useClaim } from './operations/useClaim.js';
export { useContribute } from './operations/useContribute.js';
export { useCreatePool } from './operations/useCreatePool.js';
export {
  type OperationHook,
  type OperationOptions,
  type OperationStage,
  type OperationState,
  type OperationStatus,
  useOperation,
} from './operations/useOperation.js';
export { useReclaimWorker } from './operations/useReclaimWorker.js';
export { useRemoveWorker } from './operations/useRemoveWorker.js';
export { useRestartMining } from './operations/useRestartMining.js';
export { useSetCap } from './operations/useSetCap.js';
export { useSetDescription } from './operations/useSetDescription.js';
export { useSetPayout } from './operations/useSetPayout.js';
export { useStartMining } from './operations/useStartMining.js';
export { useStopMining } from './operations/useStopMining.js';
export { useWhitelistAdd } from './operations/useWhitelistAdd.js';
export { useWhitelistRemove } from './operations/useWhitelistRemove.js';
export { useWithdraw } from './operations/useWithdraw.js';
export {
  MiningProvider,
  type MiningProviderProps,
  type ProviderClientOptions,
} from './provider/MiningProvider.js';
export {
  type QueryState,
  type QueryStatus,
  QueryStore,
  type QueryStoreOptions,
} from './provider/queryStore.js';
export type { ClientState, ClientStatus } from './provider/runtime.js';
export { useMiningClient } from './provider/useMiningClient.js';
export { useQueryStore } from './provider/useQueryStore.js';
export { useAccounts } from './wallet/useAccounts.js';
export { type SignerState, useSigner } from './wallet/useSigner.js';
export {
  DEV_ACCOUNT_NAMES,
  type WalletAccount,
  type WalletOptions,
  type WalletState,
  type WalletStatus,
} from './wallet/walletStore.js';
