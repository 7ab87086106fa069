import { InputError } from '@phala-mining/errors';
/**
 * Deterministic simulated workers and gatekeeper for the dev chain. At the end of every block (`simulateBlock`, run
 * by the executive after the pallets' on_finalize) they react to what the chain pushed to off-chain components in
 * that block — MiningStart/MiningStop worker events and the heartbeat challenge in `OutboundMessages` — exactly
 * as pRuntime would, and their reports enter the chain through the same handlers a real `PhalaMq` message reaches:
 * heartbeats through `onMiningMessageReceived`, the gatekeeper's `MiningInfoUpdateEvent` through
 * `onGkMessageReceived`. The gatekeeper's V / payout arithmetic is the pure pRuntime model of `math/gatekeeper`.
 *
 * Simulated state lives in storage (see `store.ts`: snapshots and persistence carry it), written only for the
 * workers something happened to in a block; the gatekeeper's quiet per-block V steps are replayed from it.
 */
import {
  type GkWorkerState,
  heartbeatPayout,
  miningStartState,
  mustAnswer,
  recordHeartbeat,
  recoverUpdate,
  share,
  sumShares,
  u256FromBytes,
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
import { decodeAll, type Hex } from '../scale/types.js';
import {
  type ControlValue,
  type CurrentWorker,
  control,
  currentWorker,
  currentWorkerOf,
  fromGk,
  quietStep,
  type SimWorkerValue,
  saveWorker,
  setControl,
  storedWorkerValues,
  WRITE_BACK_STEPS,
  workerKey,
} from './store.js';

export type { SimWorkerValue } from './store.js';

/** A simulated worker as it is now: its gatekeeper state advanced through the steps not yet written. */
export function simulatedWorker(state: StateReader, pubkey: Hex): SimWorkerValue | undefined {
  const ctl = control(state);
  const cur = currentWorker(state, workerKey(pubkey), ctl);
  return cur && asOf(cur.stored, cur.gk, ctl.steps);
}

export function simulatedWorkers(state: StateReader): SimWorkerValue[] {
  const ctl = control(state);
  return storedWorkerValues(state).map((raw) => {
    const cur = currentWorkerOf(raw, ctl);
    return asOf(cur.stored, cur.gk, ctl.steps);
  });
}

/** A record valid to store: `gk` is the state at gatekeeper step `steps`. */
function asOf(stored: SimWorkerValue, gk: GkWorkerState | undefined, steps: bigint): SimWorkerValue {
  return { ...stored, gk: gk && fromGk(gk), gk_step: steps };
}

/** blake2_256(pubkey) as U256, what the challenge compares; constant per worker, so computed once. */
const pubkeyHashes = new Map<Hex, bigint>();
function pubkeyHash(pubkey: Hex): bigint {
  let h = pubkeyHashes.get(pubkey);
  if (h === undefined) {
    h = u256FromBytes(blake2AsU8a(hexToU8a(pubkey), 256));
    if (pubkeyHashes.size >= 1 << 20) pubkeyHashes.clear();
    pubkeyHashes.set(pubkey, h);
  }
  return h;
}

/** blake2_256(pubkey) mod WRITE_BACK_STEPS/2: when in the write-back window the worker's record is written. */
const writeBackPhases = new Map<Hex, number>();
function writeBackPhase(pubkey: Hex): number {
  let phase = writeBackPhases.get(pubkey);
  if (phase === undefined) {
    phase = Number(pubkeyHash(pubkey) % BigInt(WRITE_BACK_STEPS / 2));
    if (writeBackPhases.size >= 1 << 20) writeBackPhases.clear();
    writeBackPhases.set(pubkey, phase);
  }
  return phase;
}

/** A dev control named a worker the off-chain simulation does not run; dev actions report it as a `DevActionError`. */
export class SimulationError extends InputError {
  override readonly name = 'SimulationError' as const;
  readonly code = 'SimulationFailed' as const;
}

// ---------------------------------------------------------------------------------------------------------------
// Dev controls

/** Registers a worker (as registration + benchmark would) and starts simulating it, online, at its score. */
export function addSimulatedWorker(ext: Ext, options: DevWorkerOptions): void {
  devRegisterWorker(ext, options);
  const ctl = control(ext.state);
  saveWorker(
    ext.state,
    {
      pubkey: options.pubkey,
      online: true,
      score: options.initialScore,
      iterations: 0n,
      counted_at: BigInt(ext.nowMs),
      session_id: 0,
      gk: undefined,
      gk_step: ctl.steps,
      unresponsive: false,
      waiting: [],
    },
    ctl.params,
  );
}

function requireWorker(ext: Ext, pubkey: Hex): { w: SimWorkerValue; ctl: ControlValue } {
  const ctl = control(ext.state);
  const cur = currentWorker(ext.state, workerKey(pubkey), ctl);
  if (!cur) throw new SimulationError(`${pubkey} is not a simulated worker`);
  return { w: asOf(cur.stored, cur.gk, ctl.steps), ctl };
}

/** An offline worker stops answering challenges; the gatekeeper reports it offline after heartbeat_window blocks. */
export function setWorkerOnline(ext: Ext, pubkey: Hex, online: boolean): void {
  const { w, ctl } = requireWorker(ext, pubkey);
  saveWorker(ext.state, { ...w, online }, ctl.params);
}

/** The score the worker's benchmark runs at from now on (what the chain will measure as p_instant). */
export function setInstantScore(ext: Ext, pubkey: Hex, score: number): void {
  if (!Number.isInteger(score) || score < 0)
    throw new RangeError(`score must be a non-negative integer, got ${score}`);
  const { w, ctl } = requireWorker(ext, pubkey);
  const nowMs = BigInt(ext.nowMs);
  saveWorker(
    ext.state,
    {
      ...w,
      iterations: iterationsAt(w, nowMs),
      counted_at: nowMs > w.counted_at ? nowMs : w.counted_at,
      score,
    },
    ctl.params,
  );
}

/** A paused gatekeeper neither updates V nor reports anything (as if all gatekeepers were down). */
export function setGatekeeperPaused(ext: Ext, paused: boolean): void {
  setControl(ext.state, { ...control(ext.state), gatekeeper_paused: paused });
}

/** At the end of this block every responsive mining worker is settled as if it had sent a heartbeat. */
export function forceSettlement(ext: Ext): void {
  setControl(ext.state, { ...control(ext.state), force_settle: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The block step

/** The benchmark counter at `nowMs`: it runs at score/6 iterations per second from `counted_at`. */
function iterationsAt(w: SimWorkerValue, nowMs: bigint): bigint {
  if (nowMs <= w.counted_at) return w.iterations;
  return w.iterations + (BigInt(w.score) * (nowMs - w.counted_at)) / 6000n;
}

function blockEvents(ext: Ext): SystemEventValue[] {
  return OutboundMessages.get(ext.state)
    .filter((m) => m.destination === TOPICS.systemEvent)
    .map((m) => decodeAll(SystemEvent, m.payload));
}

/** One worker while a block is simulated; `dirty` when it must be written. */
interface Working {
  w: SimWorkerValue;
  gk: GkWorkerState | undefined;
  dirty: boolean;
  /** the in-memory record of the stored state, advanced without a write when the worker stays clean */
  cur: CurrentWorker;
}

/** The shares Σshare is taken over: every mining worker not marked unresponsive. */
function* responsiveShares(mining: readonly Working[]): Generator<bigint> {
  for (const x of mining) if (!x.w.unresponsive) yield share(x.gk!);
}

/** Runs one block of the simulated workers and gatekeeper. Call after every pallet's on_finalize. */
export function simulateBlock(ext: Ext): void {
  const nowMs = BigInt(ext.nowMs);
  const block = ext.blockNumber;
  const events = blockEvents(ext);
  const ctl0 = control(ext.state);
  let ctl = ctl0;
  const gkRuns = !ctl.gatekeeper_paused && TokenomicParameters.exists(ext.state);
  const paramsNow = gkRuns ? (u8aToHex(ext.state.get(TokenomicParameters.key())!) as Hex) : ctl.params;
  let stored = storedWorkerValues(ext.state);

  if (ctl.params !== undefined && paramsNow !== ctl.params) {
    // New parameters from this block on: every step not yet written was taken under the old ones, so write them.
    for (const raw of stored) {
      const cur = currentWorkerOf(raw, ctl);
      if (cur.gk && cur.stored.gk_step < ctl.steps)
        saveWorker(ext.state, asOf(cur.stored, cur.gk, ctl.steps), ctl.params);
    }
    stored = storedWorkerValues(ext.state); // the records just written
  }
  ctl = { ...ctl, params: paramsNow };

  const workers = new Map<Hex, Working>();
  for (const raw of stored) {
    const cur = currentWorkerOf(raw, ctl);
    workers.set(cur.stored.pubkey, {
      w: cur.stored,
      gk: cur.gk,
      dirty: false,
      cur,
    });
  }
  const settle: SettleInfoValue[] = [];
  const offline: Hex[] = [];
  const recovered: Hex[] = [];

  // Session changes the chain announced this block.
  for (const e of events) {
    if (e.tag !== 'WorkerEvent') continue;
    const x = workers.get(e.value.pubkey);
    if (!x) continue;
    const ev = e.value.event;
    if (ev.tag === 'MiningStart') {
      const conf = Workers.get(ext.state, x.w.pubkey)?.confidence_level ?? 128;
      x.gk = miningStartState(ev.value.init_v, ev.value.init_p, conf, nowMs, block);
      x.w = { ...x.w, session_id: ev.value.session_id, unresponsive: false, waiting: [] };
      x.dirty = true;
    } else if (ev.tag === 'MiningStop' && x.gk) {
      // The gatekeeper's final word on a stopped worker: its V, nothing paid.
      if (!ctl.gatekeeper_paused) settle.push({ pubkey: x.w.pubkey, v: x.gk.v, payout: 0n, treasury: 0n });
      x.gk = undefined;
      x.w = { ...x.w, unresponsive: false, waiting: [] };
      x.dirty = true;
    }
  }

  // Workers answer the challenge: their heartbeat reaches the chain through the mining handler.
  const answered = new Set<Hex>();
  for (const e of events) {
    if (e.tag !== 'HeartbeatChallenge') continue;
    const { seed, online_target } = e.value;
    for (const x of workers.values()) {
      if (!x.gk) continue;
      if (!mustAnswer(pubkeyHash(x.w.pubkey), seed, online_target)) continue;
      // Only the oldest unanswered challenge decides unresponsiveness.
      if (x.w.waiting.length === 0) {
        x.w = { ...x.w, waiting: [block] };
        x.dirty = true;
      }
      if (!x.w.online) continue;
      const miner = WorkerBindings.get(ext.state, x.w.pubkey);
      const info = miner ? Miners.get(ext.state, miner) : undefined;
      // A second heartbeat within one chain second would be rejected on chain; real workers never manage that.
      if (!info || ext.nowSeconds <= info.benchmark.challenge_time_last) continue;
      onMiningMessageReceived(
        ext,
        { tag: 'Worker', value: x.w.pubkey },
        {
          tag: 'Heartbeat',
          value: {
            session_id: x.w.session_id,
            challenge_block: block,
            challenge_time: nowMs,
            iterations: iterationsAt(x.w, nowMs),
          },
        },
      );
      answered.add(x.w.pubkey);
    }
  }

  // A step counts only when some worker mines: a chain without mining workers writes no simulation state at all.
  const mining: Working[] = [];
  for (const x of workers.values()) if (x.gk) mining.push(x);
  const steps = gkRuns && mining.length > 0 ? ctl.steps + 1n : ctl.steps;
  if (gkRuns) {
    const params = tokenomic(ext);
    const sumShare = sumShares(responsiveShares(mining));
    const full = BigInt(WRITE_BACK_STEPS);
    const half = full / 2n;
    // (steps + hash) mod half, with both parts reduced first: no 256-bit sum per worker per block
    const halfSteps = WRITE_BACK_STEPS / 2;
    const stepPhase = Number(steps % half);
    for (const x of mining) {
      let gk = x.gk!;
      let { unresponsive, waiting } = x.w;
      const heartbeat = answered.has(x.w.pubkey) || (ctl.force_settle && !unresponsive);
      if (heartbeat) {
        const iterations = iterationsAt(x.w, nowMs);
        gk = recordHeartbeat(updatePInstant(gk, nowMs, iterations), nowMs, iterations);
        waiting = [];
        if (unresponsive) {
          gk = recoverUpdate(gk, nowMs, block);
          unresponsive = false;
          recovered.push(x.w.pubkey);
        } else {
          const paid = heartbeatPayout(params, gk, sumShare, nowMs, block);
          gk = paid.state;
          if (paid.settled)
            settle.push({ pubkey: x.w.pubkey, v: gk.v, payout: paid.payout, treasury: paid.treasury });
        }
        x.dirty = true;
      } else {
        gk = quietStep(params, gk, unresponsive);
        const oldest = waiting[0];
        if (!unresponsive && oldest !== undefined && block - oldest > params.heartbeatWindow) {
          unresponsive = true;
          offline.push(x.w.pubkey);
          x.dirty = true;
        }
      }
      x.gk = gk;
      if (unresponsive !== x.w.unresponsive || waiting !== x.w.waiting)
        x.w = { ...x.w, unresponsive, waiting };
      // bring stored states up to date now and then, spread over the blocks (bounds a cold replay)
      const behind = steps - x.w.gk_step;
      if (behind >= full || (behind >= half && (stepPhase + writeBackPhase(x.w.pubkey)) % halfSteps === 0))
        x.dirty = true;
    }
  }

  for (const x of workers.values()) {
    if (x.dirty) saveWorker(ext.state, asOf(x.w, x.gk, steps), ctl.params);
    else if (x.gk) x.cur.remember(x.gk, steps, ctl.params);
  }
  const nextCtl = { ...ctl, steps, force_settle: false };
  if (
    ctl0.steps !== nextCtl.steps ||
    ctl0.params !== nextCtl.params ||
    ctl0.force_settle !== nextCtl.force_settle
  )
    setControl(ext.state, nextCtl);
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
