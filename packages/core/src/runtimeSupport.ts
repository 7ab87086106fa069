import type { ApiPromise } from '@polkadot/api';
import { UnsupportedRuntimeError } from './errors/index.js';

/** What the connected runtime offers, read from its metadata. */
export interface RuntimeSupport {
  /** The runtime's spec name, e.g. `khala`. */
  specName: string;
  /** The runtime's spec version; which calls exist depends on it (see the flags below). */
  specVersion: number;
  /** `claim_owner_rewards`/`claim_staker_rewards` exist (since June 2022); otherwise only `claim_rewards` */
  splitClaims: boolean;
  /** `restart_mining` exists (since March 2022) */
  restartMining: boolean;
  /** contribution whitelists exist (since May 2022) */
  whitelists: boolean;
}

/**
 * Reads the runtime's capabilities from metadata. Throws {@link UnsupportedRuntimeError} when the runtime has no
 * stake pool v1 — no `phalaStakePool.contribute` call (StakePool v2 runtimes keep the pallet without calls).
 */
export function detectRuntime(api: ApiPromise): RuntimeSupport {
  const specName = api.runtimeVersion.specName.toString();
  const specVersion = api.runtimeVersion.specVersion.toNumber();
  const pool = (api.tx as Record<string, Record<string, unknown> | undefined>).phalaStakePool;
  if (!pool || typeof pool.contribute !== 'function') {
    throw new UnsupportedRuntimeError('phalaStakePool.contribute call', specName, specVersion);
  }
  const mining = (api.query as Record<string, Record<string, unknown> | undefined>).phalaMining;
  if (!mining || typeof mining.miners !== 'function') {
    throw new UnsupportedRuntimeError('phalaMining.miners storage', specName, specVersion);
  }
  return {
    specName,
    specVersion,
    splitClaims:
      typeof pool.claimOwnerRewards === 'function' && typeof pool.claimStakerRewards === 'function',
    restartMining: typeof pool.restartMining === 'function',
    whitelists: typeof pool.addStakerToWhitelist === 'function',
  };
}
