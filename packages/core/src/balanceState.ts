import type { Codec } from '@polkadot/types/types';
import { map, type Observable } from 'rxjs';
import { accountBalance } from './balance.js';
import { type ObservableDeps, promiseQuery, queryMulti$ } from './observableDeps.js';
import type { AccountBalance } from './state.js';

/** Live balance of an account: free, locked by pools (StakeLedger) and delegable — one subscription. */
export function balanceState$(deps: ObservableDeps, account: string): Observable<AccountBalance> {
  const q = promiseQuery(deps.api);
  return queryMulti$(deps.api, [
    [q.system!.account, account],
    [q.balances!.locks, account],
    [q.phalaStakePool!.stakeLedger, account],
  ]).pipe(map((v) => accountBalance(...(v as unknown as [Codec, Codec, Codec]))));
}
