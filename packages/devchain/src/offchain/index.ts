/**
 * Deterministic simulated workers and gatekeeper for the dev chain. At the end of every block (`simulateBlock`, run
 * by the executive after the pallets' on_finalize) they react to what the chain pushed to off-chain components in
 * that block — MiningStart/MiningStop worker events and the heartbeat challenge in `OutboundMessages` — exactly
 * as pRuntime would, and their reports enter the chain through the same handlers a real `PhalaMq` message reaches:
 * heartbeats through `onMiningMessageReceived`, the gatekeeper's `MiningInfoUpdateEvent` through
 * `onGkMessageReceived`. The gatekeeper's V / payout arithmetic is the pure pRuntime model of `math/gatekeeper`.
 *
 * Simulated state lives in storage under the dev-only prefix `:phala_dev_sim:` so snapshots and persistence carry
 * it; real Khala has no such keys.
 */

import {
  type GkWorkerState,
  heartbeatPayout,
  idleUpdate,
  miningStartState,
  mustAnswer,
  recordHeartbeat,
  recoverUpdate,
  share,
  sumShares,
  u256FromBytes,
  unresponsiveUpdate,
  updatePInstant,
} from '@phala-mining/math';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import {
  Miners,
  onGkMessageReceived,
  onMiningMessageReceived,
  TokenomicParameters,
  tokenomic,
  WorkerBindings,
} from '../pallets/phala/mining/index.js';
import {
  OutboundMessages,
  type SettleInfoValue,
  SystemEvent,
  type SystemEventValue,
  TOPICS,
} from '../pallets/phala/mq/index.js';
import { type DevWorkerOptions, devRegisterWorker, Workers } from '../pallets/phala/registry/index.js';
import type { Ext } from '../runtime/ext.js';
import type { StateReader } from '../runtime/interface.js';
import { Bytes32 } from '../runtime/primitives.js';
import {
  bool,
  decodeAll,
  encode,
  type Hex,
  option,
  struct,
  u8,
  u32,
  u64,
  u128,
  vec,
} from '../scale/types.js';

const PREFIX = u8aToHex(Buffer.from(':phala_dev_sim:', 'utf8')) as Hex;
const WORKER_PREFIX = `${PREFIX}77` as Hex; // 'w'
const CONTROL_KEY = `${PREFIX}63` as Hex; // 'c'

const GkState = struct('phala_devchain::simulation::GkWorkerState', {
  v: u128,
  v_init: u128,
  v_deductible: u128,
  v_update_at: u64,
  v_update_block: u32,
  iteration_last: u64,
  challenge_time_last: u64,
  p_bench: u128,
  p_instant: u128,
  confidence_level: u8,
});

const SimWorker = struct('phala_devchain::simulation::SimWorker', {
  pubkey: Bytes32,
  /** an offline worker answers no challenge */
  online: bool,
  /** the score the worker's benchmark runs at (iterations/s × 6) */
  score: u32,
  /** benchmark iteration counter */
  iterations: u64,
  /** unix ms the counter was last advanced */
  counted_at: u64,
  session_id: u32,
  /** the gatekeeper's view while the worker mines */
  gk: option(GkState),
  /** gatekeeper: marked unresponsive (reported offline) */
  unresponsive: bool,
  /** gatekeeper: blocks of challenges this worker had to answer and did not yet */
  waiting: vec(u32),
});
type SimWorkerValue = {
  pubkey: Hex;
  online: boolean;
  score: number;
  iterations: bigint;
  counted_at: bigint;
  session_id: number;
  gk: GkStateValue | undefined;
  unresponsive: boolean;
  waiting: number[];
};
type GkStateValue = {
  v: bigint;
  v_init: bigint;
  v_deductible: bigint;
  v_update_at: bigint;
  v_update_block: number;
  iteration_last: bigint;
  challenge_time_last: bigint;
  p_bench: bigint;
  p_instant: bigint;
  confidence_level: number;
};

const Control = struct('phala_devchain::simulation::Control', {
  gatekeeper_paused: bool,
  force_settle: bool,
});
type ControlValue = { gatekeeper_paused: boolean; force_settle: boolean };

function workerKey(pubkey: Hex): Hex {
  return `${WORKER_PREFIX}${pubkey.slice(2)}` as Hex;
}

export function simulatedWorker(state: StateReader, pubkey: Hex): SimWorkerValue | undefined {
  const raw = state.get(workerKey(pubkey));
  return raw ? (decodeAll(SimWorker, raw) as SimWorkerValue) : undefined;
}

export function simulatedWorkers(state: StateReader): SimWorkerValue[] {
  return state.keys(WORKER_PREFIX).map((k) => decodeAll(SimWorker, state.get(k)!) as SimWorkerValue);
}

function saveWorker(ext: Ext, w: SimWorkerValue): void {
  ext.state.set(workerKey(w.pubkey), encode(SimWorker, w));
}

function control(state: StateReader): ControlValue {
  const raw = state.get(CONTROL_KEY);
  return raw ? (decodeAll(Control, raw) as ControlValue) : { gatekeeper_paused: false, force_settle: false };
}

function setControl(ext: Ext, c: ControlValue): void {
  ext.state.set(CONTROL_KEY, encode(Control, c));
}

const toGk = (s: GkStateValue): GkWorkerState => ({
  v: s.v,
  vInit: s.v_init,
  vDeductible: s.v_deductible,
  vUpdateAt: s.v_update_at,
  vUpdateBlock: s.v_update_block,
  iterationLast: s.iteration_last,
  challengeTimeLast: s.challenge_time_last,
  pBench: s.p_bench,
  pInstant: s.p_instant,
  confidenceLevel: s.confidence_level,
});
const fromGk = (s: GkWorkerState): GkStateValue => ({
  v: s.v,
  v_init: s.vInit,
  v_deductible: s.vDeductible,
  v_update_at: s.vUpdateAt,
  v_update_block: s.vUpdateBlock,
  iteration_last: s.iterationLast,
  challenge_time_last: s.challengeTimeLast,
  p_bench: s.pBench,
  p_instant: s.pInstant,
  confidence_level: s.confidenceLevel,
});

export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

// ---------------------------------------------------------------------------------------------------------------
// Dev controls

/** Registers a worker (as registration + benchmark would) and starts simulating it, online, at its score. */
export function addSimulatedWorker(ext: Ext, options: DevWorkerOptions): void {
  devRegisterWorker(ext, options);
  saveWorker(ext, {
    pubkey: options.pubkey,
    online: true,
    score: options.initialScore,
    iterations: 0n,
    counted_at: BigInt(ext.nowMs),
    session_id: 0,
    gk: undefined,
    unresponsive: false,
    waiting: [],
  });
}

function requireWorker(ext: Ext, pubkey: Hex): SimWorkerValue {
  const w = simulatedWorker(ext.state, pubkey);
  if (!w) throw new SimulationError(`${pubkey} is not a simulated worker`);
  return w;
}

/** An offline worker stops answering challenges; the gatekeeper reports it offline after heartbeat_window blocks. */
export function setWorkerOnline(ext: Ext, pubkey: Hex, online: boolean): void {
  saveWorker(ext, { ...requireWorker(ext, pubkey), online });
}

/** The score the worker's benchmark runs at from now on (what the chain will measure as p_instant). */
export function setInstantScore(ext: Ext, pubkey: Hex, score: number): void {
  if (!Number.isInteger(score) || score < 0)
    throw new RangeError(`score must be a non-negative integer, got ${score}`);
  const w = advanceCounter(requireWorker(ext, pubkey), BigInt(ext.nowMs));
  saveWorker(ext, { ...w, score });
}

/** A paused gatekeeper neither updates V nor reports anything (as if all gatekeepers were down). */
export function setGatekeeperPaused(ext: Ext, paused: boolean): void {
  setControl(ext, { ...control(ext.state), gatekeeper_paused: paused });
}

/** At the end of this block every responsive mining worker is settled as if it had sent a heartbeat. */
export function forceSettlement(ext: Ext): void {
  setControl(ext, { ...control(ext.state), force_settle: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The block step

function advanceCounter(w: SimWorkerValue, nowMs: bigint): SimWorkerValue {
  if (nowMs <= w.counted_at) return w;
  // score = iterations per second × 6
  const gained = (BigInt(w.score) * (nowMs - w.counted_at)) / 6000n;
  return { ...w, iterations: w.iterations + gained, counted_at: nowMs };
}

function blockEvents(ext: Ext): SystemEventValue[] {
  return OutboundMessages.get(ext.state)
    .filter((m) => m.destination === TOPICS.systemEvent)
    .map((m) => decodeAll(SystemEvent, m.payload));
}

/** Runs one block of the simulated workers and gatekeeper. Call after every pallet's on_finalize. */
export function simulateBlock(ext: Ext): void {
  const nowMs = BigInt(ext.nowMs);
  const block = ext.blockNumber;
  const events = blockEvents(ext);
  const workers = new Map(simulatedWorkers(ext.state).map((w) => [w.pubkey, advanceCounter(w, nowMs)]));
  const ctl = control(ext.state);
  const settle: SettleInfoValue[] = [];
  const offline: Hex[] = [];
  const recovered: Hex[] = [];

  // Session changes the chain announced this block.
  for (const e of events) {
    if (e.tag !== 'WorkerEvent') continue;
    const w = workers.get(e.value.pubkey);
    if (!w) continue;
    const ev = e.value.event;
    if (ev.tag === 'MiningStart') {
      const conf = Workers.get(ext.state, w.pubkey)?.confidence_level ?? 128;
      const gk = miningStartState(ev.value.init_v, ev.value.init_p, conf, nowMs, block);
      workers.set(w.pubkey, {
        ...w,
        session_id: ev.value.session_id,
        gk: fromGk(gk),
        unresponsive: false,
        waiting: [],
      });
    } else if (ev.tag === 'MiningStop' && w.gk) {
      // The gatekeeper's final word on a stopped worker: its V, nothing paid.
      if (!ctl.gatekeeper_paused) settle.push({ pubkey: w.pubkey, v: w.gk.v, payout: 0n, treasury: 0n });
      workers.set(w.pubkey, { ...w, gk: undefined, unresponsive: false, waiting: [] });
    }
  }

  // Workers answer the challenge: their heartbeat reaches the chain through the mining handler.
  const answered = new Set<Hex>();
  for (const e of events) {
    if (e.tag !== 'HeartbeatChallenge') continue;
    const { seed, online_target } = e.value;
    for (const w of workers.values()) {
      if (!w.gk) continue;
      if (!mustAnswer(u256FromBytes(blake2AsU8a(hexToU8a(w.pubkey), 256)), seed, online_target)) continue;
      // Only the oldest unanswered challenge decides unresponsiveness.
      workers.set(w.pubkey, { ...w, waiting: w.waiting.length > 0 ? w.waiting : [block] });
      if (!w.online) continue;
      const miner = WorkerBindings.get(ext.state, w.pubkey);
      const info = miner ? Miners.get(ext.state, miner) : undefined;
      // A second heartbeat within one chain second would be rejected on chain; real workers never manage that.
      if (!info || ext.nowSeconds <= info.benchmark.challenge_time_last) continue;
      onMiningMessageReceived(
        ext,
        { tag: 'Worker', value: w.pubkey },
        {
          tag: 'Heartbeat',
          value: {
            session_id: w.session_id,
            challenge_block: block,
            challenge_time: nowMs,
            iterations: w.iterations,
          },
        },
      );
      answered.add(w.pubkey);
    }
  }

  if (!ctl.gatekeeper_paused && TokenomicParameters.exists(ext.state)) {
    const params = tokenomic(ext);
    const mining = [...workers.values()].filter((w) => w.gk);
    const sumShare = sumShares(mining.filter((w) => !w.unresponsive).map((w) => share(toGk(w.gk!))));
    for (const w of mining) {
      let gk = toGk(w.gk!);
      let { unresponsive, waiting } = w;
      const heartbeat = answered.has(w.pubkey) || (ctl.force_settle && !unresponsive);
      if (heartbeat) {
        gk = recordHeartbeat(updatePInstant(gk, nowMs, w.iterations), nowMs, w.iterations);
        waiting = [];
        if (unresponsive) {
          gk = recoverUpdate(gk, nowMs, block);
          unresponsive = false;
          recovered.push(w.pubkey);
        } else {
          const paid = heartbeatPayout(params, gk, sumShare, nowMs, block);
          gk = paid.state;
          if (paid.settled)
            settle.push({ pubkey: w.pubkey, v: gk.v, payout: paid.payout, treasury: paid.treasury });
        }
      } else if (unresponsive) {
        gk = unresponsiveUpdate(params, gk).state;
      } else {
        gk = idleUpdate(params, gk).state;
        const oldest = waiting[0];
        if (oldest !== undefined && block - oldest > params.heartbeatWindow) {
          unresponsive = true;
          offline.push(w.pubkey);
        }
      }
      workers.set(w.pubkey, { ...w, gk: fromGk(gk), unresponsive, waiting });
    }
  }

  for (const w of workers.values()) saveWorker(ext, w);
  if (ctl.force_settle) setControl(ext, { ...ctl, force_settle: false });
  if (offline.length || recovered.length || settle.length) {
    onGkMessageReceived(
      ext,
      { tag: 'Gatekeeper' },
      {
        block_number: block,
        timestamp_ms: nowMs,
        offline,
        recovered_to_online: recovered,
        settle,
      },
    );
  }
}
