export {
  type CallName,
  firstFilteredCall,
  isSuperset,
  PROXY_TYPES,
  type ProxyTypeName,
  proxyTypeAllows,
} from './proxyFilter.js';
export { addProxy, type ProxyRelation, removeProxy } from './proxyOperations.js';
export type { ColdDryRun } from './send.js';
export {
  type AnySigner,
  asMultisig,
  asProxy,
  type ColdSigner,
  isColdSigner,
  type MultisigSigner,
  multisigAccount,
  type ProxySigner,
} from './signers.js';
export type { PendingMultisig, ProxyAnnouncement, ProxyDefinition, Timepoint } from './state.js';
