/**
 * The Khala runtime definition (khala-parachain's `runtime/khala/src/lib.rs`): its pallets, version, genesis
 * config, fee and message-sequence hooks, and the wiring of the Phala pallets' Config items. `createKhalaRuntime`
 * hands these to `createRuntime`; each call returns an independent runtime.
 */
import { simulateBlock } from '../offchain/index.js';
import { deposit, withdraw } from '../pallets/balances/index.js';
import { KHALA_PALLETS } from '../pallets/index.js';
import { checkMqSequence } from '../pallets/phala/mq/index.js';
import type { Hex } from '../scale/types.js';
import { palletAccount, TREASURY_ACCOUNT } from './accounts.js';
import { runtimeApiVersions } from './apis.js';
import { createRuntime, type DevRuntime, type RuntimeHooks } from './createRuntime.js';
import { devAccounts } from './devAccounts.js';
import { khalaDevAction } from './devActions.js';
import type { ExecutiveHooks } from './executive.js';
import type { GenesisConfig } from './genesisConfig.js';
import type { RuntimeVersion } from './interface.js';
import { khalaPalletConfigs } from './khalaConfig.js';

export interface KhalaRuntimeOptions {
  /** `default` (Khala chain spec genesis values) or `production` (Khala's live v4 tokenomics) */
  tokenomics?: 'default' | 'production';
  /** extra endowed accounts; Alice…Ferdie always get `devBalance` */
  endowed?: Array<[Hex, bigint]>;
  devBalance?: bigint;
  subsidyPoolBalance?: bigint;
  genesisTimestamp?: number;
  /** hooks supplied by pallets that pay fees and check message sequences */
  hooks?: ExecutiveHooks;
  /**
   * the Sudo key at genesis (default //Alice); `null` leaves Sudo without a key, so no signature can write state
   * except through real extrinsics (`phala-devchain --production`)
   */
  sudoKey?: Hex | null;
  /**
   * PhalaStakePool's mining switch at genesis (default true, as on live Khala at 1192); false starts with it off,
   * so starting or stopping mining fails with MiningDisabled / FeatureNotEnabled until `set_mining_enable(true)`
   */
  miningEnabled?: boolean;
  /**
   * the runtime's spec version (default 1192); another value runs the same pallets under that version, e.g. 1190
   * next to 1192 to exercise a client across a runtime upgrade
   */
  specVersion?: number;
}

const PHA = 10n ** 12n;

export const KHALA_VERSION: RuntimeVersion = {
  specName: 'khala',
  implName: 'khala',
  authoringVersion: 1,
  specVersion: 1192,
  implVersion: 0,
  apis: runtimeApiVersions(),
  transactionVersion: 5,
  stateVersion: 0,
};

/** Khala's runtime as the dev chain runs it (`createRuntime` output, with the simulation's dev actions). */
export type KhalaRuntime = DevRuntime & { readonly devAction: NonNullable<DevRuntime['devAction']> };

/** Fees are paid from the signer's free balance above its fee locks and go to the treasury (no block author here). */
function defaultHooks(): ExecutiveHooks {
  return {
    withdrawFee: (ext, who, fee) => withdraw(ext, who, fee, 'fee', 'KeepAlive'),
    checkMqSequence: (ext, call, mode) => checkMqSequence(ext.state, call, mode),
    depositFee: (ext, _who, fee) => deposit(ext, TREASURY_ACCOUNT, fee),
  };
}

function khalaGenesis(options: KhalaRuntimeOptions): GenesisConfig {
  const devBalance = options.devBalance ?? 1n << 60n;
  const accounts = devAccounts();
  return {
    endowed: [
      ...accounts.map((a) => [a.publicKey, devBalance] as [Hex, bigint]),
      // The treasury collects fees and slashes; the subsidy pool pays mining rewards (spec §6.4).
      [TREASURY_ACCOUNT, 1_000n * PHA],
      [palletAccount('phala/pp'), options.subsidyPoolBalance ?? 10_000_000n * PHA],
      ...(options.endowed ?? []),
    ],
    sudoKey: options.sudoKey === undefined ? accounts[0]!.publicKey : options.sudoKey,
    tokenomics: options.tokenomics ?? 'default',
    subsidyPoolBalance: options.subsidyPoolBalance ?? 10_000_000n * PHA,
    genesisTimestamp: options.genesisTimestamp ?? Math.floor(Date.now() / 12_000) * 12_000,
    miningEnabled: options.miningEnabled ?? true,
  };
}

/**
 * Khala runtime 1192 as a TypeScript runtime: assembles the pallets, serves metadata and runtime APIs, and builds
 * blocks (inherents, pool extrinsics, hooks, events) on top of a parent state.
 */
export function createKhalaRuntime(options: KhalaRuntimeOptions = {}): KhalaRuntime {
  const hooks: RuntimeHooks = {
    ...(options.hooks ?? defaultHooks()),
    // The off-chain pRuntime workers and gatekeeper react to this block's messages, through the same handlers a
    // real PhalaMq message reaches.
    beforeSystemFinalize: simulateBlock,
    devAction: khalaDevAction,
  };
  return createRuntime({
    pallets: KHALA_PALLETS,
    version: { ...KHALA_VERSION, specVersion: options.specVersion ?? KHALA_VERSION.specVersion },
    genesis: khalaGenesis(options),
    hooks,
    configs: khalaPalletConfigs(),
    chainName: 'Khala Local Testnet',
    properties: { ss58Format: 30, tokenDecimals: 12, tokenSymbol: 'PHA' },
  }) as KhalaRuntime;
}
