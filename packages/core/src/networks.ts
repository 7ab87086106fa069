import type { ApiOptions } from '@polkadot/api/types';

/** Khala's signed extension beyond Substrate's standard set; it carries no data in the extrinsic or payload. */
export const PHALA_SIGNED_EXTENSIONS: NonNullable<ApiOptions['signedExtensions']> = {
  CheckMqSequence: { extrinsic: {}, payload: {} },
};

/** Connection defaults of a network. */
export interface NetworkPreset {
  readonly name: 'khala' | 'phala' | 'devchain';
  readonly endpoint: string;
  /** SS58 address prefix */
  readonly ss58Format: number;
  readonly decimals: number;
  readonly symbol: string;
  readonly signedExtensions: NonNullable<ApiOptions['signedExtensions']>;
}

/** Khala (Kusama parachain): where stake pool v1 ran. */
export const KHALA: NetworkPreset = Object.freeze({
  name: 'khala',
  endpoint: 'wss://khala-api.phala.network/ws',
  ss58Format: 30,
  decimals: 12,
  symbol: 'PHA',
  signedExtensions: PHALA_SIGNED_EXTENSIONS,
});

/** Phala (Polkadot parachain). */
export const PHALA: NetworkPreset = Object.freeze({
  name: 'phala',
  endpoint: 'wss://api.phala.network/ws',
  ss58Format: 30,
  decimals: 12,
  symbol: 'PHA',
  signedExtensions: PHALA_SIGNED_EXTENSIONS,
});

/** The local dev chain (`pnpm devchain`, `@phala-mining/devchain`). */
export const DEVCHAIN: NetworkPreset = Object.freeze({
  name: 'devchain',
  endpoint: 'ws://127.0.0.1:9944',
  ss58Format: 30,
  decimals: 12,
  symbol: 'PHA',
  signedExtensions: PHALA_SIGNED_EXTENSIONS,
});

/** Presets by name. */
export const NETWORKS = Object.freeze({ khala: KHALA, phala: PHALA, devchain: DEVCHAIN });
