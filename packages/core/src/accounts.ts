import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { InvalidAddressError, InvalidPoolIdError, InvalidWorkerKeyError } from './errors/index.js';

/** Normalises an SS58 address (any prefix) or 32-byte hex account id to SS58 with the given prefix. */
export function normalizeAddress(input: string | Uint8Array, ss58 = 30): string {
  try {
    const bytes = decodeAddress(input);
    if (bytes.length !== 32) throw new Error('not 32 bytes');
    return encodeAddress(bytes, ss58);
  } catch {
    throw new InvalidAddressError(
      typeof input === 'string'
        ? input
        : input instanceof Uint8Array
          ? u8aToHex(input)
          : `(${input === undefined ? 'missing' : typeof input})`,
    );
  }
}

/** True when both name the same account, whatever their SS58 prefix. */
export function sameAccount(a: string, b: string): boolean {
  return u8aToHex(decodeAddress(a)) === u8aToHex(decodeAddress(b));
}

/** The 32 bytes of a worker public key given as 0x-hex (or raw bytes). */
export function workerKeyBytes(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? (isHex(key) ? hexToU8a(key) : undefined) : key;
  if (bytes?.length !== 32) throw new InvalidWorkerKeyError(typeof key === 'string' ? key : u8aToHex(key));
  return bytes;
}

/** A worker public key as lowercase 0x-hex; throws {@link InvalidWorkerKeyError}. */
export function normalizeWorkerKey(key: string | Uint8Array): string {
  return u8aToHex(workerKeyBytes(key));
}

/** A pool id as bigint; throws {@link InvalidPoolIdError}. */
export function normalizePid(pid: bigint | number | string): bigint {
  try {
    const v = BigInt(pid);
    if (v < 0n || v >= 1n << 64n) throw new RangeError();
    if (typeof pid === 'number' && !Number.isSafeInteger(pid)) throw new RangeError();
    return v;
  } catch {
    throw new InvalidPoolIdError(pid);
  }
}
