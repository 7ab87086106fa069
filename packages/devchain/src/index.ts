export * from './runtime/interface.js';
export { BlockState, Overlay } from './runtime/state.js';
export { createKhalaRuntime, KhalaRuntime, KHALA_VERSION, type KhalaRuntimeOptions } from './runtime/khala.js';
export { devAccounts, DEV_ACCOUNT_NAMES, type DevAccount, type DevAccountName } from './runtime/devAccounts.js';
export type { GenesisConfig } from './runtime/genesisConfig.js';
