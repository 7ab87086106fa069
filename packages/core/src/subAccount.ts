import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { workerKeyBytes } from './accounts.js';

const PREFIX = new TextEncoder().encode('spm/');

/**
 * The pool's "miner" sub-account for a worker: `spm/` ‖ blake2_256(pid u64 LE ‖ worker)[0..28]. All mining state
 * (`PhalaMining.Miners`, `Stakes`) is keyed by it, so computing it locally saves a storage read per worker.
 */
export function poolSubAccount(pid: bigint, worker: string, ss58 = 30): string {
  const pidBytes = new Uint8Array(8);
  new DataView(pidBytes.buffer).setBigUint64(0, pid, true);
  const h = blake2AsU8a(u8aConcat(pidBytes, workerKeyBytes(worker)), 256);
  return encodeAddress(u8aConcat(PREFIX, h.subarray(0, 28)), ss58);
}

/** The sub-account as 0x-hex of its 32 bytes. */
export function poolSubAccountHex(pid: bigint, worker: string): string {
  return u8aToHex(decodeAddress(poolSubAccount(pid, worker)));
}
