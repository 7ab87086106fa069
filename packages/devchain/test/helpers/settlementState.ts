/**
 * The state the settlement benchmark and the settlement pin test start from: `pools` pools of `stakers` stakers each,
 * `workers` simulated workers per pool mining at 1,000 PHA, built in one overlay over genesis and applied as block 1
 * (`state1`), with the gatekeeper having seen every MiningStart.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import { addSimulatedWorker, simulateBlock } from '../../src/offchain/index.js';
import { OutboundMessages } from '../../src/pallets/phala/mq/index.js';
import { PhalaStakePool } from '../../src/pallets/phala/stakepool/index.js';
import { Now } from '../../src/pallets/timestamp/index.js';
import { Ext } from '../../src/runtime/ext.js';
import { createKhalaRuntime } from '../../src/runtime/khala.js';
import type { BlockState } from '../../src/runtime/state.js';
import type { Hex } from '../../src/scale/types.js';

const PHA = 10n ** 12n;
/** genesis timestamp of the settlement chain */
export const SETTLEMENT_T0 = 1_700_000_004_000;

export function buildSettlementState(pools: number, workers: number, stakers: number) {
  const id = (kind: string, ...n: number[]) => blake2AsHex(`bench/${kind}/${n.join('/')}`, 256) as Hex;
  const owners = Array.from({ length: pools }, (_, p) => id('owner', p));
  const stakerIds = Array.from({ length: pools * stakers }, (_, i) => id('staker', i));
  const runtime = createKhalaRuntime({
    genesisTimestamp: SETTLEMENT_T0,
    endowed: [...owners, ...stakerIds].map((a) => [a, 10_000n * PHA] as [Hex, bigint]),
  });
  const genesis = runtime.genesisBlock();
  const outbound: ReturnType<typeof OutboundMessages.get> = [];
  const ext = new Ext(genesis.state, 1, genesis.hash, runtime.executive);
  ext.nowMs = SETTLEMENT_T0 + 12_000;
  Now.set(ext.state, BigInt(ext.nowMs));
  const call = (who: Hex, name: string, args: Record<string, unknown>) =>
    ext.transactional(() =>
      PhalaStakePool.callsByName.get(name)!.dispatch(ext, { kind: 'signed', who }, args as never),
    );
  for (let p = 0; p < pools; p++) {
    const owner = owners[p]!;
    const pid = BigInt(p);
    call(owner, 'create', {});
    // 100 stakers × 2,100 PHA per 200 workers cover each worker's Smin (1,000 PHA at score 100)
    const contribution = (2_100n * PHA * BigInt(workers)) / 200n;
    for (let s = 0; s < stakers; s++)
      call(stakerIds[p * stakers + s]!, 'contribute', { pid, amount: contribution });
    for (let w = 0; w < workers; w++) {
      const pubkey = id('worker', p, w);
      addSimulatedWorker(ext, { pubkey, operator: owner, confidenceLevel: 1, initialScore: 100, cores: 4 });
      call(owner, 'add_worker', { pid, pubkey });
      call(owner, 'start_mining', { pid, worker: pubkey, stake: 1_000n * PHA });
      // Each push copies the message list (Substrate's append), so a 40,000-message block would still be
      // quadratic in bytes: collect them and store the list once, as if the setup had been spread over many blocks.
      outbound.push(...OutboundMessages.get(ext.state));
      OutboundMessages.kill(ext.state);
    }
    ext.events.length = 0;
  }
  // the simulated workers and gatekeeper see the MiningStart messages
  OutboundMessages.set(ext.state, outbound);
  simulateBlock(ext);
  ext.events.length = 0;
  const state1 = (genesis.state as BlockState).apply(ext.state.changes);
  return { runtime, genesis, state1 };
}
