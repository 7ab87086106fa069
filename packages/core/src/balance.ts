import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { big, decodeBalanceOption } from './codec.js';
import type { AccountBalance } from './state.js';

/** Balances lock id of stake pool v1: `phala/sp`. */
export const STAKE_LOCK_ID = '0x7068616c612f7370';

type AnyCodec = Codec & Record<string, any>;

/**
 * Builds {@link AccountBalance} from `System.Account`, `Balances.Locks` and `StakeLedger`. Delegable = free − the
 * `phala/sp` locks, as the Phala App's `useDelegableBalance` did (the chain itself checks free − StakeLedger, which
 * is the same amount whenever the lock is in sync with the ledger).
 */
export function accountBalance(account: Codec, locks: Codec, ledger: Codec): AccountBalance {
  const data = (account as AnyCodec).data as AnyCodec;
  const free = big(data.free);
  const reserved = big(data.reserved);
  const frozen = big(data.miscFrozen ?? data.frozen ?? data.feeFrozen);
  let stakeLocks = 0n;
  for (const lock of locks as unknown as AnyCodec[]) {
    if (u8aToHex(lock.id.toU8a(true)) === STAKE_LOCK_ID) stakeLocks += big(lock.amount);
  }
  const lockedByPools = decodeBalanceOption(ledger);
  const delegable = free - stakeLocks;
  return { free, reserved, frozen, lockedByPools, delegable: delegable > 0n ? delegable : 0n };
}
