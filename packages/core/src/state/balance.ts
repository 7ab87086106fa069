import { decodeAddress } from '@polkadot/util-crypto';
import { map, type Observable } from 'rxjs';
import { watchDecoded$ } from '../storage/source.js';
import { accountBalance } from './accountBalance.js';
import type { ObservableDeps } from './observableDeps.js';
import type { AccountBalance } from './records.js';

/** Live balance of an account: free, locked by pools (StakeLedger) and delegable — one subscription. */
export function balanceState$(deps: ObservableDeps, account: string): Observable<AccountBalance> {
  const id = decodeAddress(account);
  return watchDecoded$(deps.api, [
    ['System', 'Account', id],
    ['Balances', 'Locks', id],
    ['PhalaStakePool', 'StakeLedger', id],
  ]).pipe(map(([acc, locks, ledger]) => accountBalance(acc, locks, ledger)));
}
