export { BlockModeError, parseBlockMode } from './node/blockMode.js';
export type { BlockRecord } from './node/chain.js';
export { type DevChain, type DevChainOptions, isRuntime, startDevChain } from './node/devchain.js';
export {
  DevControlError,
  ErrorCode,
  PoolRejectedError,
  RpcError,
  StateUnavailableError,
} from './node/errors.js';
export {
  DEFAULT_MAX_NEW_BLOCKS,
  DevNode,
  type DevNodeOptions,
  MAX_TIME_TRAVEL_MS,
  type NewBlockOptions,
  type RefusedTransaction,
  type ResetReason,
} from './node/node.js';
export { PersistenceError, type StateFile } from './node/persistence.js';
export { type BlockMode, SLOT_MS } from './node/producer.js';
export { DEFAULT_MAX_BATCH_LENGTH, DEFAULT_MAX_RESPONSE_BYTES } from './node/rpc/dispatcher.js';
export { type CorsPolicy, DEFAULT_RPC_CORS, parseCors } from './node/rpc/origins.js';
export { DEFAULT_MAX_CONNECTIONS, MAX_REQUEST_BYTES } from './node/rpc/server.js';
export type { PoolTransaction, TxStatus } from './node/txpool.js';
export { DEFAULT_POOL_LIMITS, type PoolLimits } from './node/txpool.js';
export type { PalletConfigs } from './runtime/config.js';
export {
  createRuntime,
  DevRuntime,
  type RuntimeDefinition,
  type RuntimeHooks,
} from './runtime/createRuntime.js';
export {
  DEV_ACCOUNT_NAMES,
  type DevAccount,
  type DevAccountName,
  devAccounts,
} from './runtime/devAccounts.js';
export type { GenesisConfig } from './runtime/genesisConfig.js';
export * from './runtime/interface.js';
export {
  createKhalaRuntime,
  KHALA_VERSION,
  type KhalaRuntime,
  type KhalaRuntimeOptions,
} from './runtime/khala.js';
export { BlockState, Overlay } from './runtime/state.js';
