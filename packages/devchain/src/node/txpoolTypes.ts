/** The transaction pool's shapes, limits and status helpers, shared by the pool, the RPC layer and persistence. */
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { ValidTransaction } from '../runtime/interface.js';
import type { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';

/** `author_extrinsicUpdate` payloads, as Substrate serializes `TransactionStatus`. */
export type TxStatus =
  | 'future'
  | 'ready'
  | { inBlock: Hex }
  | { finalized: Hex }
  | { usurped: Hex }
  | 'invalid'
  | 'dropped';

export interface PoolTransaction {
  readonly hash: Hex;
  readonly bytes: Uint8Array;
  readonly hex: Hex;
  /** insertion order, the tie-breaker after priority */
  readonly seq: number;
  validity: ValidTransaction;
  status: 'ready' | 'future';
}

/** A pool entry; its hex (author_pendingExtrinsics, state files) is made when first asked for, not per submission. */
export class PoolEntry implements PoolTransaction {
  private hexText: Hex | undefined;
  status: 'ready' | 'future' = 'future';

  constructor(
    readonly hash: Hex,
    readonly bytes: Uint8Array,
    readonly seq: number,
    public validity: ValidTransaction,
  ) {}

  get hex(): Hex {
    this.hexText ??= u8aToHex(this.bytes) as Hex;
    return this.hexText;
  }
}

export interface PoolHead {
  readonly state: BlockState;
  readonly number: number;
  readonly hash: Hex;
}

export interface PoolSnapshot {
  readonly transactions: ReadonlyArray<{ bytes: Uint8Array; seq: number; validity: ValidTransaction }>;
}

/** How much the pool holds; over a limit a submission is refused with 1016 "Immediately Dropped". */
export interface PoolLimits {
  readyCount: number;
  readyBytes: number;
  futureCount: number;
  futureBytes: number;
}

/** sc-transaction-pool's defaults: `--pool-limit 8192`, `--pool-kbytes 20480`, future a tenth of each. */
export const DEFAULT_POOL_LIMITS: PoolLimits = {
  readyCount: 8192,
  readyBytes: 20 * 1024 * 1024,
  futureCount: 819,
  futureBytes: 2 * 1024 * 1024,
};

const hashes = new WeakMap<Uint8Array, Hex>();
/** blake2-256 computations so far (tests check a block hashes each extrinsic once, with or without `--db`) */
export const extrinsicHashes = { computed: 0 };

/**
 * An extrinsic's hash, computed once per byte array: the producer (for the pool it persists with `--db`) and the
 * pool (for its watchers) both ask it for every extrinsic of a block.
 */
export function extrinsicHash(bytes: Uint8Array): Hex {
  let hash = hashes.get(bytes);
  if (hash === undefined) {
    const digest = blake2AsU8a(bytes, 256);
    hash = `0x${Buffer.from(digest.buffer, digest.byteOffset, digest.length).toString('hex')}` as Hex;
    extrinsicHashes.computed++;
    hashes.set(bytes, hash);
  }
  return hash;
}

/** True when a status ends the watch (Substrate closes the subscription after it). */
export function isFinalStatus(status: TxStatus): boolean {
  return (
    status === 'invalid' ||
    status === 'dropped' ||
    (typeof status === 'object' && ('finalized' in status || 'usurped' in status))
  );
}

/** The System.Events storage key: twox128("System") ++ twox128("Events"). */
export const SYSTEM_EVENTS_KEY: Hex = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7';
