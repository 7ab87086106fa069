/**
 * PhalaMining (index 87) as Khala runtime 1192 ran it: the miner (pool sub-account) ⇄ worker bindings, the mining
 * state machine (Ready → MiningIdle ⇄ MiningUnresponsive → MiningCoolingDown → Ready), the heartbeat challenge
 * broadcast every block, and the settlement of gatekeeper reports (V updates, payouts, treasury share).
 *
 * The stake pool drives it through `bind`, `unbindMiner`, `startMining`, `stopMining` and `reclaim`, and is called
 * back through `onReward`, `onStopped` and `onUnbound` — Config items the runtime wires (Khala's
 * `type OnReward = PhalaStakePool`), so this pallet never imports the stake pool.
 */

import { U256_MAX } from '@phala-mining/math';
import { badOrigin, call, definePallet } from '../../../runtime/pallet.js';
import { bool, u64, u128 } from '../../../scale/types.js';
import * as registry from '../registry/index.js';
import { Declaration, minerArg } from './declaration.js';
import {
  applyMiningGenesis,
  currentChallenge,
  pushChallenge,
  requireRoot,
  startMining,
  stopMining,
  triggerSubsidyHalving,
  unbindMiner,
  updateTokenomicParameters,
} from './operations.js';
import {
  CoolDownPeriod,
  ExpectedHeartbeatCount,
  HeartbeatPaused,
  MinerBindings,
  Miners,
  MiningHalvingInterval,
  MiningStartBlock,
  NextSessionId,
  OnlineMiners,
  ScheduledTokenomicUpdate,
  Stakes,
  TokenomicParameters,
  WorkerBindings,
} from './storage.js';
import { TokenomicParameters as TokenomicParametersType } from './types.js';

export { MiningInfoUpdateEvent, MiningReportEvent } from '../mq/types.js';
export * from './messages.js';
export {
  bind,
  challengeSeed,
  currentChallenge,
  type HeartbeatChallengeValue,
  minerInfo,
  reclaim,
  startMining,
  stopMining,
  tokenomic,
  unbindMiner,
} from './operations.js';
export * from './storage.js';
// the storage item, not the SCALE type of the same name in types.ts (as before the split)
export { TokenomicParameters } from './storage.js';
export * from './types.js';

export const Mining = definePallet({
  ...Declaration.spec,
  storage: [
    TokenomicParameters,
    ScheduledTokenomicUpdate,
    OnlineMiners,
    ExpectedHeartbeatCount,
    HeartbeatPaused,
    Miners,
    MinerBindings,
    WorkerBindings,
    CoolDownPeriod,
    NextSessionId,
    MiningStartBlock,
    MiningHalvingInterval,
    Stakes,
  ],
  calls: {
    set_cool_down_expiration: call({
      index: 0,
      args: { period: [u64, 'u64'] },
      docs: ['Sets the cool down expiration time in seconds.', '', 'Can only be called by root.'],
      weight: 0n,
      dispatch(ext, origin, { period }) {
        requireRoot(origin);
        CoolDownPeriod.set(ext.state, period);
        Mining.emit(ext, 'CoolDownExpirationChanged', { period });
      },
    }),
    unbind: call({
      index: 1,
      args: { miner: minerArg },
      docs: [
        'Unbinds a worker from the given miner (or pool sub-account).',
        '',
        'It will trigger a force stop of mining if the miner is still in mining state. Anyone',
        'can call it.',
      ],
      weight: 0n,
      dispatch(ext, origin, { miner }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const worker = MinerBindings.get(ext.state, miner);
        if (worker === undefined) throw Mining.error('MinerNotBound');
        const info = registry.Workers.get(ext.state, worker);
        if (!info) throw Mining.error('WorkerNotRegistered');
        if (info.operator !== origin.who) throw Mining.error('BadSender');
        unbindMiner(ext, miner, true);
      },
    }),
    force_heartbeat: call({
      index: 2,
      args: {},
      docs: [
        'Triggers a force heartbeat request to all workers by sending a MAX pow target',
        '',
        'Only for integration test.',
      ],
      weight: 1n,
      dispatch(ext, origin) {
        requireRoot(origin);
        pushChallenge(ext, { seed: 0n, online_target: U256_MAX });
      },
    }),
    force_start_mining: call({
      index: 3,
      args: { miner: minerArg, stake: [u128, 'BalanceOf<T>'] },
      docs: ['Start mining', '', 'Only for integration test.'],
      weight: 1n,
      dispatch(ext, origin, { miner, stake }) {
        requireRoot(origin);
        startMining(ext, miner, stake);
      },
    }),
    force_stop_mining: call({
      index: 4,
      args: { miner: minerArg },
      docs: ['Stop mining', '', 'Only for integration test.'],
      weight: 1n,
      dispatch(ext, origin, { miner }) {
        requireRoot(origin);
        stopMining(ext, miner);
      },
    }),
    update_tokenomic: call({
      index: 5,
      args: { new_params: [TokenomicParametersType, 'TokenomicParams'] },
      docs: [
        'Updates the tokenomic parameters at the end of this block.',
        '',
        'Can only be called by the tokenomic admin.',
      ],
      weight: 1n,
      dispatch(ext, origin, { new_params }) {
        // GovernanceOrigin = root or >1/2 Council; the dev chain has no Council.
        requireRoot(origin);
        ScheduledTokenomicUpdate.set(ext.state, new_params);
      },
    }),
    set_heartbeat_paused: call({
      index: 6,
      args: { paused: [bool, 'bool'] },
      weight: 1n,
      dispatch(ext, origin, { paused }) {
        requireRoot(origin);
        HeartbeatPaused.set(ext.state, paused);
      },
    }),
  },
  onFinalize(ext) {
    const challenge = currentChallenge(ext);
    if (challenge) pushChallenge(ext, challenge);

    const scheduled = ScheduledTokenomicUpdate.get(ext.state);
    if (scheduled) {
      ScheduledTokenomicUpdate.kill(ext.state);
      updateTokenomicParameters(ext, scheduled);
    }

    const interval = MiningHalvingInterval.get(ext.state);
    if (interval !== undefined) {
      const elapsed = (ext.blockNumber - (MiningStartBlock.get(ext.state) ?? 0)) >>> 0;
      // Halve at the last block of every interval.
      if (interval > 0 && elapsed % interval === interval - 1) triggerSubsidyHalving(ext);
    }
  },
  genesis(ext, config) {
    applyMiningGenesis(ext, config);
  },
});
