export * from './dust.js';
export * from './fixed.js';
export * from './formatPha.js';
export * from './gatekeeper.js';
export * from './permill.js';
export * from './pool.js';
export * from './shares.js';
export * from './tokenomics.js';
