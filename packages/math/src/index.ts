export * from './fixed.js';
export * from './permill.js';
export * from './dust.js';
export * from './shares.js';
export * from './tokenomics.js';
export * from './gatekeeper.js';
export * from './pool.js';
