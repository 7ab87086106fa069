import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';
import { workerKeyBytes } from './accounts.js';

// @polkadot/util's own encoder: a TextEncoder from another realm (jsdom) yields arrays @polkadot/util rejects
const PREFIX = stringToU8a('spm/');
// deriving costs a blake2 hash (and SS58 a second one); a pool overview needs it for every worker on every subscribe
const hexCache = new Map<string, string>();
const ss58Cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The pool's "miner" sub-account for a worker as 0x-hex: `spm/` ‖ blake2_256(pid u64 LE ‖ worker)[0..28]. All mining
 * state (`PhalaMining.Miners`, `Stakes`) is keyed by it, so computing it locally saves a storage read per worker.
 */
export function poolSubAccountHex(pid: bigint, worker: string): string {
  const key = `${pid}:${worker}`;
  const hit = hexCache.get(key);
  if (hit) return hit;
  const pidBytes = new Uint8Array(8);
  new DataView(pidBytes.buffer).setBigUint64(0, pid, true);
  const h = blake2AsU8a(u8aConcat(pidBytes, workerKeyBytes(worker)), 256);
  return remember(hexCache, key, u8aToHex(u8aConcat(PREFIX, h.subarray(0, 28))));
}

/** {@link poolSubAccountHex} as an SS58 address. */
export function poolSubAccount(pid: bigint, worker: string, ss58 = 30): string {
  const hex = poolSubAccountHex(pid, worker);
  const key = `${ss58}:${hex}`;
  return ss58Cache.get(key) ?? remember(ss58Cache, key, encodeAddress(hex, ss58));
}
