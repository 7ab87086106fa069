/**
 * The Khala dev chain's dev-only controls (`phala_dev*` RPCs): register a simulated pRuntime worker, take it
 * offline, change its score, pause the gatekeeper, force a settlement. They act through the off-chain simulation,
 * never through a pallet call, so they write what real workers and a real gatekeeper would cause.
 */
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, sr25519PairFromSeed } from '@polkadot/util-crypto';
import {
  addSimulatedWorker,
  forceSettlement,
  SimulationError,
  setGatekeeperPaused,
  setInstantScore,
  setWorkerOnline,
} from '../offchain/index.js';
import { Workers } from '../pallets/phala/registry/index.js';
import { type Hex, u32 } from '../scale/types.js';
import { BoundedCache } from './boundedCache.js';
import type { Ext } from './ext.js';
import { type DevAction, DevActionError, type StateReader } from './interface.js';
import { DispatchError } from './pallet.js';

/** The operator's n-th dev worker key: a pure function of both, so its (costly) sr25519 derivation is kept. */
const derived = new BoundedCache<string, Hex>(1 << 20);
function derivedKey(operator: Hex, n: number): Hex {
  return derived.get(`${operator}:${n}`, () => {
    const seed = blake2AsU8a(
      u8aConcat(stringToU8a('phala-devchain/worker/'), hexToU8a(operator), u32.codec.enc(n)),
      256,
    );
    return u8aToHex(sr25519PairFromSeed(seed).publicKey) as Hex;
  });
}

/**
 * A worker key that is deterministic per chain history, so a test registering workers in order gets the same keys:
 * the operator's first key after those already registered. They are registered in order (0, 1, 2, …), so the
 * first free one is found by doubling then halving — O(log n) lookups, where a scan from 0 made registering n
 * workers cost n² derivations.
 */
function devWorkerKey(state: StateReader, operator: Hex): Hex {
  const taken = (n: number) => Workers.has(state, derivedKey(operator, n));
  if (!taken(0)) return derivedKey(operator, 0);
  let low = 0; // taken
  let high = 1;
  while (taken(high)) {
    low = high;
    high *= 2;
  }
  // low is taken, high is free: the first free one is in (low, high]
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (taken(mid)) low = mid;
    else high = mid;
  }
  return derivedKey(operator, high);
}

export function khalaDevAction(ext: Ext, action: DevAction): { pubkey?: Hex } | undefined {
  try {
    switch (action.kind) {
      case 'registerWorker': {
        const pubkey = action.pubkey ?? devWorkerKey(ext.state, action.operator);
        addSimulatedWorker(ext, {
          pubkey,
          operator: action.operator,
          confidenceLevel: action.confidence,
          initialScore: action.score,
          cores: action.cores,
        });
        return { pubkey };
      }
      case 'setWorkerOnline':
        setWorkerOnline(ext, action.pubkey, action.online);
        return undefined;
      case 'setInstantScore':
        setInstantScore(ext, action.pubkey, action.score);
        return undefined;
      case 'setGatekeeperPaused':
        setGatekeeperPaused(ext, action.paused);
        return undefined;
      case 'settle':
        forceSettlement(ext);
        return undefined;
    }
  } catch (error) {
    if (error instanceof DispatchError || error instanceof RangeError || error instanceof SimulationError) {
      throw new DevActionError(error.message);
    }
    throw error;
  }
}
