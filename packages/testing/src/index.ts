export {
  type AccountLike,
  accountId,
  DEV_ACCOUNT_NAMES,
  type DevAccountName,
  type DevAccounts,
  devAccounts,
  SS58_FORMAT,
} from './accounts.js';
export {
  BULK_DEV_RPC,
  type RegisterWorkersOptions,
  registerWorkers,
  setWorkersOnline,
} from './bulk.js';
export {
  createTestChain,
  DEV_RPC,
  type Hex,
  type RegisterWorkerOptions,
  type TestChain,
  type TestChainOptions,
} from './chain.js';
export {
  addProxy,
  type MultisigRun,
  multisigAddress,
  type ProxyTypeName,
  sendAsMultisig,
} from './coldKeys.js';
export * from './errors.js';
export { describeEvent, type EventSource, eventFields, eventName, eventsOf, findEvents } from './events.js';
export {
  createMiningPool,
  type MiningPoolOptions,
  nowSeconds,
  queueWithdrawal,
  travelTo,
} from './pools.js';
export { type Duration, durationMs } from './time.js';
export { type SendTxOptions, sendTx, toDispatchError } from './tx.js';
