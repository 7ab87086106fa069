import { minStake } from '@phala-mining/math';
import { blake2AsHex } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSimulatedWorker,
  forgetWorkingSets,
  simulateBlock,
  simulatedWorkers,
} from '../../src/offchain/index.js';
import { TokenomicParameters, tokenomic } from '../../src/pallets/phala/mining/index.js';
import { OutboundMessages } from '../../src/pallets/phala/mq/index.js';
import { PhalaStakePool } from '../../src/pallets/phala/stakepool/index.js';
import { Now } from '../../src/pallets/timestamp/index.js';
import { Ext } from '../../src/runtime/ext.js';
import type { DevAction } from '../../src/runtime/interface.js';
import { createKhalaRuntime } from '../../src/runtime/khala.js';
import { BlockState } from '../../src/runtime/state.js';
import type { Hex } from '../../src/scale/types.js';
import { ready } from '../helpers/palletTest.js';

/**
 * The simulation keeps its workers in memory across blocks and steps only those nothing happens to on V and the
 * deductible; a cold read decodes every stored worker and replays its quiet steps on whole states. Both must give
 * the same chain: every block of a chain with heartbeats, settlements, offline workers, a new score, a paused
 * gatekeeper, new parameters (V_max below half the workers' V) and a new worker is built twice — on the chain's
 * own states, and on fresh copies of them with the kept working sets forgotten — and each block's changes and the
 * workers' states are compared.
 */

const PHA = 10n ** 12n;
const POOLS = 4;
const WORKERS = 25;
const T0 = 1_700_000_004_000;
const id = (kind: string, ...n: number[]) => blake2AsHex(`sim-ws/${kind}/${n.join('/')}`, 256) as Hex;

beforeAll(ready);

function startedChain() {
  const owners = Array.from({ length: POOLS }, (_, p) => id('owner', p));
  const runtime = createKhalaRuntime({
    genesisTimestamp: T0,
    endowed: owners.map((a) => [a, 10_000_000n * PHA] as [Hex, bigint]),
  });
  const genesis = runtime.genesisBlock();
  const ext = new Ext(genesis.state, 1, genesis.hash, runtime.executive);
  ext.nowMs = T0 + 12_000;
  Now.set(ext.state, BigInt(ext.nowMs));
  const call = (who: Hex, name: string, args: Record<string, unknown>) =>
    ext.transactional(() =>
      PhalaStakePool.callsByName.get(name)!.dispatch(ext, { kind: 'signed', who }, args as never),
    );
  const workers: Hex[] = [];
  const outbound: ReturnType<typeof OutboundMessages.get> = [];
  for (let p = 0; p < POOLS; p++) {
    const owner = owners[p]!;
    const pid = BigInt(p);
    call(owner, 'create', {});
    call(owner, 'contribute', { pid, amount: 1_000_000n * PHA });
    for (let w = 0; w < WORKERS; w++) {
      const pubkey = id('worker', p, w);
      const score = 100 + 97 * w;
      workers.push(pubkey);
      addSimulatedWorker(ext, {
        pubkey,
        operator: owner,
        confidenceLevel: [1, 2, 3, 4, 5, 128][w % 6]!,
        initialScore: score,
        cores: 4,
      });
      call(owner, 'add_worker', { pid, pubkey });
      call(owner, 'start_mining', {
        pid,
        worker: pubkey,
        stake: minStake(tokenomic(ext), score) + BigInt(w) * PHA,
      });
      outbound.push(...OutboundMessages.get(ext.state));
      OutboundMessages.kill(ext.state);
    }
  }
  OutboundMessages.set(ext.state, outbound);
  simulateBlock(ext);
  const state = (genesis.state as BlockState).apply(ext.state.changes);
  return { runtime, genesis, state, workers, owners };
}

/** The same state with fresh copies of every value: nothing in it is a value the simulation has seen. */
function freshCopy(state: BlockState): BlockState {
  return BlockState.fromEntries(state.entries().map(([k, v]) => [k, v.slice()] as [Hex, Uint8Array]));
}

const encodeChanges = (changes: Map<Hex, Uint8Array | null>) =>
  [...changes]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v ? Buffer.from(v).toString('hex') : '-'}`)
    .join(';');

/**
 * Builds the scenario's 150 blocks. `coldAfter`: each block on a fresh copy of its parent, with the kept working sets
 * forgotten, and with the block hashes of that (earlier) run: a fresh state has no state root of its parent, so its
 * own hashes, and with them the challenges' seeds, would differ.
 */
function run(coldAfter?: Hex[]) {
  const cold = coldAfter !== undefined;
  const { runtime, genesis, workers, owners, ...chain } = startedChain();
  let state = chain.state;
  let hash = genesis.hash;
  const actions = (n: number): DevAction[] => {
    if (n === 8)
      return workers.slice(0, 4).map((pubkey) => ({ kind: 'setWorkerOnline', pubkey, online: false }));
    if (n === 30) return [{ kind: 'setInstantScore', pubkey: workers[7]!, score: 333 }, { kind: 'settle' }];
    if (n === 45)
      return workers.slice(0, 2).map((pubkey) => ({ kind: 'setWorkerOnline', pubkey, online: true }));
    if (n === 60) return [{ kind: 'setGatekeeperPaused', paused: true }];
    if (n === 63) return [{ kind: 'setGatekeeperPaused', paused: false }];
    if (n === 90)
      return [{ kind: 'registerWorker', operator: owners[0]!, score: 800, cores: 4, confidence: 1 }];
    return [];
  };
  const blocks: string[] = [];
  const hashes: Hex[] = [];
  let settled = 0;
  for (let n = 2; n <= 150; n++) {
    for (const action of actions(n))
      state = state.apply(new Map(runtime.devAction!(state, { number: n - 1, hash }, action).changes));
    if (n === 75) {
      // new tokenomic parameters from this block on (as `update_tokenomic` would leave them)
      const ext = new Ext(state, n, hash, runtime.executive);
      const p = TokenomicParameters.get(ext.state)!;
      // V_max down to the median V: half the workers are capped from here on
      const vs = simulatedWorkers(state)
        .flatMap((w) => (w.gk ? [w.gk.v] : []))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      TokenomicParameters.set(ext.state, {
        ...p,
        rho: p.rho + 77_777n,
        slash_rate: p.slash_rate * 2n,
        v_max: vs[vs.length >> 1]!,
      });
      state = state.apply(ext.state.changes);
    }
    const input = { parentHash: hash, number: n, timestamp: T0 + 12_000 * n, extrinsics: [] };
    if (cold) {
      forgetWorkingSets();
      state = freshCopy(state);
    }
    const built = runtime.buildBlock(state, input);
    if (!cold) {
      // the same block again from the same parent, and now and then a sibling first
      if (n % 25 === 0) runtime.buildBlock(state, { ...input, timestamp: input.timestamp + 6_000 });
      expect(runtime.buildBlock(state, input).hash).toBe(built.hash);
    }
    blocks.push(encodeChanges((built.state as BlockState).changesSince(state)));
    settled += (runtime.eventsAt(built.state) as Array<{ event: { value: { tag: string } } }>).filter(
      (e) => e.event.value.tag === 'MinerSettled',
    ).length;
    state = built.state as BlockState;
    hash = coldAfter ? coldAfter[n - 2]! : built.hash;
    hashes.push(built.hash);
  }
  return { blocks, hashes, settled, workers: simulatedWorkers(state) };
}

describe('the simulation working set', () => {
  it('gives the blocks and worker states a cold replay gives, through dev controls, new parameters and forks', () => {
    const hot = run();
    const cold = run(hot.hashes);
    for (let i = 0; i < hot.blocks.length; i++) expect(cold.blocks[i], `block ${i + 2}`).toBe(hot.blocks[i]);
    expect(cold.workers).toEqual(hot.workers);
    // the chain did what the comparison is meant to cover
    expect(hot.settled).toBeGreaterThan(100);
    expect(hot.workers.filter((w) => w.unresponsive).length).toBeGreaterThan(0);
    expect(hot.workers).toHaveLength(POOLS * WORKERS + 1);
  });
});
