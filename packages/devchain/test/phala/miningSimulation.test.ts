import { GENESIS_TOKENOMIC_PARAMETERS, minStake } from '@phala-mining/math';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSimulatedWorker,
  forceSettlement,
  setGatekeeperPaused,
  setInstantScore,
  setWorkerOnline,
  simulateBlock,
  simulatedWorker,
} from '../../src/offchain/index.js';
import { bind, Miners, Mining, startMining, stopMining } from '../../src/pallets/phala/mining/index.js';
import { Mq } from '../../src/pallets/phala/mq/index.js';
import { Ext } from '../../src/runtime/ext.js';
import {
  accountOf,
  eventNames,
  PALLETS,
  PARENT_HASH,
  phalaExt,
  ready,
  TestDispatcher,
  worker,
} from '../helpers/palletTest.js';

const W = worker(0xaa);
const MINER = accountOf(0x50);
const STAKE = minStake(GENESIS_TOKENOMIC_PARAMETERS, 2000);

beforeAll(ready);

/** The next block on top of `prev`: Mq's on_initialize, then `body`, then Mining's on_finalize and the simulation. */
function nextBlock(prev: Ext, body: (ext: Ext) => void = () => {}): Ext {
  const ext = new Ext(prev.state, prev.blockNumber + 1, PARENT_HASH, new TestDispatcher(PALLETS));
  ext.nowMs = prev.nowMs + 12_000;
  Mq.spec.onInitialize!(ext);
  body(ext);
  Mining.spec.onFinalize!(ext);
  simulateBlock(ext);
  return ext;
}

function startedChain(): Ext {
  const genesis = phalaExt();
  addSimulatedWorker(genesis, {
    pubkey: W,
    operator: accountOf(1),
    confidenceLevel: 1,
    initialScore: 2000,
    cores: 4,
  });
  bind(genesis, MINER, W);
  // the MiningStart message of this block starts the gatekeeper's session
  let ext = nextBlock(genesis, (e) => startMining(e, MINER, STAKE));
  expect(simulatedWorker(ext.state, W)!.gk).toBeDefined();
  ext = nextBlock(ext);
  return ext;
}

describe('simulated workers and gatekeeper', () => {
  it('a lone worker answers every challenge and gets settled', () => {
    let ext = startedChain();
    // with one online worker, the challenge target makes it answer about every 150 blocks; force a settlement
    ext = nextBlock(ext, (e) => forceSettlement(e));
    expect(eventNames(ext, 'PhalaMining')).toContain('PhalaMining.MinerSettled');
    const settledV = Miners.get(ext.state, MINER)!.v;
    expect(settledV).toBe(simulatedWorker(ext.state, W)!.gk!.v);
    expect(Miners.get(ext.state, MINER)!.stats.total_reward).toBeGreaterThan(0n);
  });

  it('an offline worker is reported unresponsive after the heartbeat window and recovers', () => {
    let ext = startedChain();
    ext = nextBlock(ext, (e) => setWorkerOnline(e, W, false));
    let blocks = 0;
    while (Miners.get(ext.state, MINER)!.state !== 'MiningUnresponsive' && blocks < 2000) {
      ext = nextBlock(ext);
      blocks++;
    }
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningUnresponsive');
    ext = nextBlock(ext, (e) => setWorkerOnline(e, W, true));
    while (Miners.get(ext.state, MINER)!.state !== 'MiningIdle' && blocks < 4000) {
      ext = nextBlock(ext);
      blocks++;
    }
    expect(Miners.get(ext.state, MINER)!.state).toBe('MiningIdle');
  });

  it('instant score drives the chain p_instant; a paused gatekeeper reports nothing', () => {
    let ext = startedChain();
    ext = nextBlock(ext, (e) => setInstantScore(e, W, 1000));
    ext = nextBlock(ext, (e) => {
      setGatekeeperPaused(e, true);
      forceSettlement(e);
    });
    expect(eventNames(ext, 'PhalaMining')).not.toContain('PhalaMining.MinerSettled');
    ext = nextBlock(ext, (e) => setGatekeeperPaused(e, false));
    ext = nextBlock(ext, (e) => stopMining(e, MINER));
    expect(eventNames(ext, 'PhalaMining')).toContain('PhalaMining.MinerStopped');
    expect(simulatedWorker(ext.state, W)!.gk).toBeUndefined();
  });
});
