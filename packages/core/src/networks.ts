import type { ApiOptions } from '@polkadot/api/types';

/** Khala's signed extension beyond Substrate's standard set; it carries no data in the extrinsic or payload. */
export const PHALA_SIGNED_EXTENSIONS: NonNullable<ApiOptions['signedExtensions']> = {
  CheckMqSequence: { extrinsic: {}, payload: {} },
};

/** Connection defaults of a network. */
export interface NetworkPreset {
  /** The preset's key in {@link NETWORKS}. */
  readonly name: 'khala' | 'phala' | 'devchain';
  /** Default WebSocket RPC URL of a public node (or the local dev chain). */
  readonly endpoint: string;
  /** SS58 address prefix */
  readonly ss58Format: number;
  /** Decimals of the native token: 12, so 1 PHA = 10^12 planck. */
  readonly decimals: number;
  /** Ticker of the native token. */
  readonly symbol: string;
  /** Extra signed extensions to register with @polkadot/api so it can sign this chain's transactions. */
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
export const NETWORKS = Object.freeze({
  /** {@link KHALA}, the Kusama parachain where stake pool v1 ran; the client's default. */
  khala: KHALA,
  /** {@link PHALA}, the Polkadot parachain. */
  phala: PHALA,
  /** {@link DEVCHAIN}, a local dev chain on port 9944. */
  devchain: DEVCHAIN,
  /** {@link DEVCHAIN} by its short name (the CLI's `--network dev`). */
  dev: DEVCHAIN,
});
