export {
  AccountUnavailableError,
  ClientNotReadyError,
  MissingProviderError,
  NoSignerError,
  OperationSupersededError,
  WalletUnavailableError,
} from './errors.js';
export { MiningProvider, type MiningProviderProps, type ProviderClientOptions } from './MiningProvider.js';
export { type QueryState, type QueryStatus, QueryStore, type QueryStoreOptions } from './queryStore.js';
export type { ClientState, ClientStatus } from './runtime.js';
export { useAccounts } from './useAccounts.js';
export { useAddWorker } from './useAddWorker.js';
export { useApr } from './useApr.js';
export { useBalance } from './useBalance.js';
export { useClaim } from './useClaim.js';
export { type ConnectionStatus, useConnection } from './useConnection.js';
export { useContribute } from './useContribute.js';
export { useCreatePool } from './useCreatePool.js';
export { useMiningClient } from './useMiningClient.js';
export {
  type QueryArg,
  type QueryOptions,
  type QueryResult,
  type SuspenseQueryState,
  useMiningQuery,
} from './useMiningQuery.js';
export {
  type OperationHook,
  type OperationOptions,
  type OperationStage,
  type OperationState,
  type OperationStatus,
  useOperation,
} from './useOperation.js';
export { useOverview } from './useOverview.js';
export { usePool } from './usePool.js';
export { usePoolOverview } from './usePoolOverview.js';
export { usePools } from './usePools.js';
export { useQueryStore } from './useQueryStore.js';
export { useReclaimWorker } from './useReclaimWorker.js';
export { useRemoveWorker } from './useRemoveWorker.js';
export { useRestartMining } from './useRestartMining.js';
export { useSetCap } from './useSetCap.js';
export { useSetDescription } from './useSetDescription.js';
export { useSetPayout } from './useSetPayout.js';
export { type SignerState, useSigner } from './useSigner.js';
export { useStake } from './useStake.js';
export { useStartMining } from './useStartMining.js';
export { useStopMining } from './useStopMining.js';
export { useTokenomics } from './useTokenomics.js';
export { useWhitelistAdd } from './useWhitelistAdd.js';
export { useWhitelistRemove } from './useWhitelistRemove.js';
export { useWithdraw } from './useWithdraw.js';
export { useWithdrawQueue } from './useWithdrawQueue.js';
export { useWorkers } from './useWorkers.js';
export {
  DEV_ACCOUNT_NAMES,
  type WalletAccount,
  type WalletOptions,
  type WalletState,
  type WalletStatus,
} from './walletStore.js';
