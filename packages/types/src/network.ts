import type { ApiOptions } from '@polkadot/api/types';
import phalaDefinitions from './interfaces/phala/definitions.js';

/** SS58 address prefix of Khala (and of this SDK's dev chain). */
export const KHALA_SS58_FORMAT = 30;
/** PHA has 12 decimals: 1 PHA = 10^12 planck-like units. */
export const KHALA_TOKEN_DECIMALS = 12;
export const KHALA_TOKEN_SYMBOL = 'PHA';
/** One PHA in chain units. */
export const PHA = 10n ** BigInt(KHALA_TOKEN_DECIMALS);

/** The node's `system_properties`, for `registry.setChainProperties` / `encodeAddress` without a connection. */
export const khalaChainProperties = {
  ss58Format: KHALA_SS58_FORMAT,
  tokenDecimals: KHALA_TOKEN_DECIMALS,
  tokenSymbol: KHALA_TOKEN_SYMBOL,
} as const;

/**
 * Khala's extrinsics carry `CheckMqSequence`, which adds nothing to the extrinsic or the signed payload. Metadata
 * names it, but @polkadot/types only knows the Substrate extensions: without this declaration it warns on every
 * connect and has to guess.
 */
export const khalaSignedExtensions = {
  CheckMqSequence: { extrinsic: {}, payload: {} },
} as const;

/** App-level type names (`WorkerPublicKey`, `PoolId`, …) so `api.createType('WorkerPublicKey', …)` resolves. */
export const khalaTypes = phalaDefinitions.types;

/**
 * Options for `ApiPromise.create` / `ApiRx.create` against Khala or the dev chain: the signed extension, the
 * app-level types and `noInitWarn` (the init warnings only list runtime APIs @polkadot/api has no decoration
 * for, which is expected for a parachain). Anything in `options` wins except that both maps are merged.
 */
export function khalaApiOptions(
  provider: NonNullable<ApiOptions['provider']>,
  options: Omit<ApiOptions, 'provider'> = {},
): ApiOptions {
  return {
    noInitWarn: true,
    ...options,
    provider,
    signedExtensions: { ...khalaSignedExtensions, ...options.signedExtensions },
    types: { ...khalaTypes, ...options.types },
  };
}
