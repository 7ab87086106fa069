import type { TokenomicParameters } from '@phala-mining/math';
import { map, type Observable } from 'rxjs';
import { decodeTokenomics } from '../storage/decode.js';
import { watchDecoded$ } from '../storage/source.js';
import type { ObservableDeps } from './observableDeps.js';

/** Chain-wide mining parameters. */
export interface TokenomicsView {
  /** undefined on a chain without tokenomic parameters (nothing can start) */
  params: TokenomicParameters | undefined;
  /** seconds */
  coolDownPeriod: bigint;
  /** Workers mining on the whole chain (`PhalaMining.OnlineMiners`); they share the block reward budget. */
  onlineMiners: number;
  /** the stake pool's mining switch (stop/restart need it on) */
  miningEnabled: boolean;
}

/** Live tokenomic parameters, cooldown, online miners and the mining switch (one subscription). */
export function tokenomicsState$(deps: ObservableDeps): Observable<TokenomicsView> {
  return watchDecoded$(deps.api, [
    ['PhalaMining', 'TokenomicParameters'],
    ['PhalaMining', 'CoolDownPeriod'],
    ['PhalaMining', 'OnlineMiners'],
    ['PhalaStakePool', 'MiningEnabled'],
  ]).pipe(
    map(([params, coolDownPeriod, online, enabled]) => ({
      params: decodeTokenomics(params),
      coolDownPeriod: BigInt(coolDownPeriod),
      onlineMiners: Number(online),
      miningEnabled: enabled === true,
    })),
  );
}
