/** Shared set-up for the PhalaMq / PhalaRegistry / PhalaMining tests: a genesis state of the pallets they need. */
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Balances } from '../../src/pallets/balances/index.js';
import { Mining, SUBSIDY_POOL_ACCOUNT } from '../../src/pallets/phala/mining/index.js';
import { type MessageOriginValue, Mq, routeMessage } from '../../src/pallets/phala/mq/index.js';
import { devRegisterWorker, Registry } from '../../src/pallets/phala/registry/index.js';
import { PhalaStakePool } from '../../src/pallets/phala/stakepool/index.js';
import { System } from '../../src/pallets/system/index.js';
import { TREASURY_ACCOUNT } from '../../src/runtime/accounts.js';
import type { Ext } from '../../src/runtime/ext.js';
import { DispatchError, type DispatchErrorValue, type Pallet } from '../../src/runtime/pallet.js';
import { encode, type Hex, type ScaleType } from '../../src/scale/types.js';
import { genesisExt } from '../helpers/runCall.js';

export const PHA = 10n ** 12n;
export const PALLETS: Pallet<any, any, any>[] = [System, Balances, Mq, Registry, Mining, PhalaStakePool];
export const START_MS = 1_700_000_000_000;

export async function ready(): Promise<void> {
  await cryptoWaitReady();
}

export function phalaExt(options: { tokenomics?: 'default' | 'production'; blockNumber?: number } = {}): Ext {
  const ext = genesisExt(
    {
      endowed: [
        [SUBSIDY_POOL_ACCOUNT, 10_000_000n * PHA],
        [TREASURY_ACCOUNT, 1_000n * PHA],
      ],
      tokenomics: options.tokenomics ?? 'default',
      subsidyPoolBalance: 10_000_000n * PHA,
    },
    { pallets: PALLETS, blockNumber: options.blockNumber ?? 1 },
  );
  ext.nowMs = START_MS;
  return ext;
}

export function worker(byte: number): Hex {
  return `0x${byte.toString(16).padStart(2, '0').repeat(32)}` as Hex;
}

export function registerWorker(
  ext: Ext,
  pubkey: Hex,
  operator: Hex,
  initialScore = 2000,
  confidenceLevel = 1,
): void {
  devRegisterWorker(ext, { pubkey, operator, confidenceLevel, initialScore, cores: 4 });
}

/** The error a function throws, as the executive would report it. */
export function errorOf(fn: () => unknown): DispatchErrorValue | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof DispatchError) return error.error;
    throw error;
  }
}

/** Every storage entry, to compare before/after a failing call. */
export function snapshot(ext: Ext): Map<Hex, Hex> {
  const out = new Map<Hex, Hex>();
  for (const key of ext.state.keys('0x' as Hex)) out.set(key, u8aToHex(ext.state.get(key)!) as Hex);
  return out;
}

export function deliver<T>(
  ext: Ext,
  sender: MessageOriginValue,
  topic: Hex,
  type: ScaleType<T>,
  payload: T,
): Error | undefined {
  return routeMessage(ext, sender, topic, u8aToHex(encode(type, payload)) as Hex);
}
