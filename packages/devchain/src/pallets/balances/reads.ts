import type { StateReader } from '../../runtime/interface.js';
import type { Hex } from '../../scale/types.js';
import { Account as SystemAccount } from '../system/index.js';
import type { AccountInfoValue } from '../system/types.js';
import { EXISTENTIAL_DEPOSIT, Locks, TotalIssuance, type WithdrawReason } from './storage.js';
import type { AccountDataValue, BalanceLockValue, ReasonsValue } from './types.js';

export function dataOf(state: StateReader, who: Hex): AccountDataValue {
  return SystemAccount.get(state, who).data;
}

export function freeBalance(state: StateReader, who: Hex): bigint {
  return dataOf(state, who).free;
}

export function reservedBalance(state: StateReader, who: Hex): bigint {
  return dataOf(state, who).reserved;
}

/** free + reserved */
export function totalBalance(state: StateReader, who: Hex): bigint {
  const d = dataOf(state, who);
  return d.free + d.reserved;
}

export function frozen(data: AccountDataValue, reasons: ReasonsValue): bigint {
  if (reasons === 'Fee') return data.fee_frozen;
  if (reasons === 'Misc') return data.misc_frozen;
  return data.misc_frozen > data.fee_frozen ? data.misc_frozen : data.fee_frozen;
}

export const reasonsOf = (reason: WithdrawReason): ReasonsValue => (reason === 'fee' ? 'Fee' : 'Misc');

/** What can leave the account for `reason` without breaking a lock (`usable_balance` / `usable_balance_for_fees`). */
export function usableBalance(state: StateReader, who: Hex, reason: WithdrawReason): bigint {
  const d = dataOf(state, who);
  const f = frozen(d, reasonsOf(reason));
  return d.free > f ? d.free - f : 0n;
}

export function locks(state: StateReader, who: Hex): BalanceLockValue[] {
  return Locks.get(state, who);
}

export function totalIssuance(state: StateReader): bigint {
  return TotalIssuance.get(state);
}

/**
 * What `transfer_all` moves (`fungible::Inspect::reducible_balance`): free minus the strictest lock, minus what must
 * stay for the ED when the account has to (or is made to) survive.
 */
export function reducibleBalance(state: StateReader, who: Hex, keepAlive: boolean): bigint {
  const info = SystemAccount.get(state, who);
  const a = info.data;
  const strictest = a.fee_frozen > a.misc_frozen ? a.fee_frozen : a.misc_frozen;
  const liquid = a.free > strictest ? a.free - strictest : 0n;
  if (canDecProvider(info) && !keepAlive) return liquid;
  const total = a.free + a.reserved;
  const mustRemain = EXISTENTIAL_DEPOSIT > total - liquid ? EXISTENTIAL_DEPOSIT - (total - liquid) : 0n;
  return liquid > mustRemain ? liquid - mustRemain : 0n;
}

/** `frame_system::can_dec_provider`: the account may lose its last provider only if nothing consumes it. */
export function canDecProvider(info: AccountInfoValue): boolean {
  return info.consumers === 0 || info.providers > 1;
}
