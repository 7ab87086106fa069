/** Account ids the runtime derives rather than reads from a key pair, and MultiAddress resolution. */
import { stringToU8a, u8aToHex } from '@polkadot/util';
import type { Hex } from '../scale/types.js';
import { DispatchError } from './pallet.js';
import type { MultiAddressValue } from './primitives.js';

/**
 * `PalletId(*b"py/trsry").into_account_truncating()`: `modl` ‖ the 8-byte id, zero-padded to 32 bytes. Pallets
 * hold funds in these keyless accounts (Treasury, the `phala/pp` mining subsidy pool).
 */
export function palletAccount(palletId: string): Hex {
  const id = stringToU8a(palletId);
  if (id.length !== 8)
    throw new RangeError(`a PalletId is exactly 8 bytes, got ${id.length} for ${JSON.stringify(palletId)}`);
  const out = new Uint8Array(32);
  out.set(stringToU8a('modl'), 0);
  out.set(id, 4);
  return u8aToHex(out) as Hex;
}

/** Khala's Treasury (`py/trsry`), where fees, slashes and stake-pool dust end up. */
export const TREASURY_ACCOUNT: Hex = palletAccount('py/trsry');

/**
 * Khala's `AccountIdLookup<AccountId, ()>`: only `MultiAddress::Id` resolves (there is no Indices pallet);
 * everything else is `DispatchError::CannotLookup`, as `T::Lookup::lookup(..)?` reports it.
 */
export function lookupAddress(address: MultiAddressValue): Hex {
  if (address.tag === 'Id') return address.value;
  throw new DispatchError('CannotLookup', `address kind ${address.tag} cannot be looked up`);
}
