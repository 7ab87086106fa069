import type { Definitions } from '@polkadot/types/types';

/**
 * App-level names Phala's own clients use for values that the runtime metadata only knows by their Rust type
 * (a worker key is an `sp_core::sr25519::Public`, a pool id a `u64`, fixed-point numbers their `u128` bits).
 * The lookup types generated from metadata are structurally identical, so these are interchangeable with them.
 */
export default {
  rpc: {},
  types: {
    /** sr25519 public key identifying a worker (pRuntime) */
    WorkerPublicKey: '[u8; 32]',
    /** sr25519 public key a worker uses for ECDH key agreement */
    EcdhPublicKey: '[u8; 32]',
    /** stake pool id (`PhalaStakePool.PoolCount` at creation) */
    PoolId: 'u64',
    /** raw bits of a `fixed::types::U64F64` (value × 2^64) as Khala stores V, Ve and shares */
    U64F64Bits: 'u128',
  },
} satisfies Definitions;
