import type { TokenomicParameters } from '@phala-mining/math';
import type { Codec } from '@polkadot/types/types';
import { map, type Observable } from 'rxjs';
import { big, decodeTokenomics } from './codec.js';
import { type ObservableDeps, promiseQuery, queryMulti$ } from './observableDeps.js';

/** Chain-wide mining parameters. */
export interface TokenomicsView {
  /** undefined on a chain without tokenomic parameters (nothing can start) */
  params: TokenomicParameters | undefined;
  /** seconds */
  coolDownPeriod: bigint;
  onlineMiners: number;
  /** the stake pool's mining switch (stop/restart need it on) */
  miningEnabled: boolean;
}

/** Live tokenomic parameters, cooldown, online miners and the mining switch (one subscription). */
export function tokenomicsState$(deps: ObservableDeps): Observable<TokenomicsView> {
  const q = promiseQuery(deps.api);
  return queryMulti$(deps.api, [
    [q.phalaMining!.tokenomicParameters],
    [q.phalaMining!.coolDownPeriod],
    [q.phalaMining!.onlineMiners],
    [q.phalaStakePool!.miningEnabled],
  ]).pipe(
    map((values) => {
      const [params, cooldown, online, enabled] = values as unknown as (Codec & Record<string, any>)[];
      return {
        params: decodeTokenomics(params!),
        coolDownPeriod: big(cooldown!),
        onlineMiners: Number(big(online!)),
        miningEnabled: enabled!.isTrue as boolean,
      };
    }),
  );
}
