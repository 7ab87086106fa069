import type { StorageValue } from '@phala-mining/types';
import { decodeBalanceOption } from '../storage/decode.js';
import type { AccountBalance } from './records.js';

/** Balances lock id of stake pool v1: `phala/sp`. */
export const STAKE_LOCK_ID = '0x7068616c612f7370';

/**
 * Builds {@link AccountBalance} from `System.Account`, `Balances.Locks` and `StakeLedger`. Delegable = free − the
 * `phala/sp` locks, as the Phala App's `useDelegableBalance` did (the chain itself checks free − StakeLedger, which
 * is the same amount whenever the lock is in sync with the ledger).
 */
export function accountBalance(
  account: StorageValue<'System', 'Account'>,
  locks: Readonly<StorageValue<'Balances', 'Locks'>>,
  ledger: StorageValue<'PhalaStakePool', 'StakeLedger'>,
): AccountBalance {
  const { data } = account;
  const free = data.free;
  const reserved = data.reserved;
  const frozen = data.misc_frozen;
  let stakeLocks = 0n;
  for (const lock of locks) {
    if (lock.id.toLowerCase() === STAKE_LOCK_ID) stakeLocks += lock.amount;
  }
  const lockedByPools = decodeBalanceOption(ledger);
  const delegable = free - stakeLocks;
  return { free, reserved, frozen, lockedByPools, delegable: delegable > 0n ? delegable : 0n };
}
