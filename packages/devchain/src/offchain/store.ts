/**
 * How the simulation keeps its workers, and why it can skip writing most of them in most blocks.
 *
 * The gatekeeper moves the V of every mining worker in every block, but in a block where nothing happens to a
 * worker (no session change, no heartbeat, no transition to or from unresponsive) that move is a pure function of
 * the worker's own state and the tokenomic parameters: `idleUpdate` (responsive) or `unresponsiveUpdate`. So a
 * worker is stored as its state after its last event plus `gk_step`, the value of the gatekeeper's step counter
 * (`Control.steps`, one per block in which the gatekeeper ran) that state corresponds to; its V now is that state
 * advanced by `steps − gk_step` quiet steps under the parameters recorded in `Control.params`. Nothing is lost or
 * approximated: the same steps run, in the same order, with the same fixed-point arithmetic — only the storage
 * write of each intermediate state is skipped. The advanced states are kept in memory across blocks (see
 * `workingSet.ts`, keyed on the stored bytes, which immutable block states share), so each block advances each
 * worker by one step, not from scratch.
 * A stored state is written back at least every `WRITE_BACK_STEPS` steps so that a cold read (a restart from a
 * database, a fork from an old block) replays a bounded number of steps.
 *
 * Simulated state lives under the dev-only prefix `:phala_dev_sim:`; real Khala has no such keys.
 */

import {
  type GkWorkerState,
  idleUpdate,
  type TokenomicParameters as MathTokenomicParameters,
  unresponsiveUpdate,
} from '@phala-mining/math';
import { u8aToHex } from '@polkadot/util';
import { fromStorageParams, TokenomicParameters } from '../pallets/phala/mining/index.js';
import { BoundedCache } from '../runtime/boundedCache.js';
import type { StateReader } from '../runtime/interface.js';
import { Bytes32 } from '../runtime/primitives.js';
import { type Overlay, valuesUnder } from '../runtime/state.js';
import {
  bool,
  bytes,
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
import { encodePacked } from '../scale/writer.js';

const PREFIX = u8aToHex(Buffer.from(':phala_dev_sim:', 'utf8')) as Hex;
export const WORKER_PREFIX = `${PREFIX}77` as Hex; // 'w'
export const CONTROL_KEY = `${PREFIX}63` as Hex; // 'c'

/** A worker's stored state is brought up to date at least this often (bounds the replay of a cold read). */
export const WRITE_BACK_STEPS = 128;

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
  /** benchmark iteration counter at `counted_at` (it runs on at `score`/6 per second) */
  iterations: u64,
  /** unix ms the counter was last read */
  counted_at: u64,
  session_id: u32,
  /** the gatekeeper's view while the worker mines, as of gatekeeper step `gk_step` */
  gk: option(GkState),
  gk_step: u64,
  /** gatekeeper: marked unresponsive (reported offline) */
  unresponsive: bool,
  /** gatekeeper: blocks of challenges this worker had to answer and did not yet */
  waiting: vec(u32),
});

export type GkStateValue = {
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

export type SimWorkerValue = {
  pubkey: Hex;
  online: boolean;
  score: number;
  iterations: bigint;
  counted_at: bigint;
  session_id: number;
  gk: GkStateValue | undefined;
  gk_step: bigint;
  unresponsive: boolean;
  waiting: number[];
};

const Control = struct('phala_devchain::simulation::Control', {
  gatekeeper_paused: bool,
  force_settle: bool,
  /** blocks in which the gatekeeper ran (its step counter) */
  steps: u64,
  /** the encoded tokenomic parameters the steps not yet written were taken under */
  params: option(bytes),
});
export type ControlValue = {
  gatekeeper_paused: boolean;
  force_settle: boolean;
  steps: bigint;
  params: Hex | undefined;
};

/**
 * Worker keys by pubkey: one flat string per worker, shared by every block state that writes the worker (a key
 * made by concatenation is a cons string, and a new one per write: the 20,000 workers' layers held both).
 */
const workerKeys = new BoundedCache<Hex, Hex>(65_536);
// join copies into one flat string; `+` would make a cons string that a map flattens but keeps as a wrapper
const makeWorkerKey = (pubkey: Hex) => [WORKER_PREFIX, pubkey.slice(2)].join('') as Hex;

export function workerKey(pubkey: Hex): Hex {
  return workerKeys.get(pubkey, makeWorkerKey);
}

export function control(state: StateReader): ControlValue {
  const raw = state.get(CONTROL_KEY);
  return raw
    ? (decodeAll(Control, raw) as ControlValue)
    : { gatekeeper_paused: false, force_settle: false, steps: 0n, params: undefined };
}

export function setControl(state: Overlay, c: ControlValue): void {
  state.set(CONTROL_KEY, encode(Control, c));
}

export const toGk = (s: GkStateValue): GkWorkerState => ({
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
export const fromGk = (s: GkWorkerState): GkStateValue => ({
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

/** A record valid to store: `gk` is the state at gatekeeper step `steps`. */
export function asOf(stored: SimWorkerValue, gk: GkWorkerState | undefined, steps: bigint): SimWorkerValue {
  // the record's fields spelled out, not spread: a settlement makes one for each of its 20,000 workers, from records
  // of more than one hidden class (decoded, or made here), where a spread takes V8's generic copy
  return {
    pubkey: stored.pubkey,
    online: stored.online,
    score: stored.score,
    iterations: stored.iterations,
    counted_at: stored.counted_at,
    session_id: stored.session_id,
    gk: gk && fromGk(gk),
    gk_step: steps,
    unresponsive: stored.unresponsive,
    waiting: stored.waiting,
  };
}

/** One quiet gatekeeper block for a mining worker. */
export function quietStep(params: MathTokenomicParameters, gk: GkWorkerState, unresponsive: boolean) {
  return unresponsive ? unresponsiveUpdate(params, gk).state : idleUpdate(params, gk).state;
}

/** The tokenomic parameters of their encoded storage value (workingSet.ts's `stepParams` keeps them per value). */
export function paramsOf(raw: Hex): MathTokenomicParameters {
  return fromStorageParams(decodeAll(TokenomicParameters.meta.value, raw));
}

/** Decoded stored workers by their bytes, for reads outside a working set (immutable block states share them). */
const decoded = new WeakMap<Uint8Array, SimWorkerValue>();

/** A stored worker's bytes decoded (its `gk` as of `gk_step`). */
export function decodeStored(raw: Uint8Array): SimWorkerValue {
  let stored = decoded.get(raw);
  if (!stored) {
    stored = decodeAll(SimWorker, raw) as SimWorkerValue;
    decoded.set(raw, stored);
  }
  return stored;
}

/** The stored worker (its `gk` as of `gk_step`). */
export function storedWorker(state: StateReader, pubkey: Hex): SimWorkerValue | undefined {
  const raw = state.get(workerKey(pubkey));
  return raw ? decodeStored(raw) : undefined;
}

/** Every stored worker's bytes, in key order (read as one list, not key by key: a block visits them all). */
export function storedWorkerValues(state: StateReader): Uint8Array[] {
  return valuesUnder(state, WORKER_PREFIX);
}

/** Writes a worker (`w.gk` as of `w.gk_step`); returns the bytes written. */
export function saveWorker(state: Overlay, w: SimWorkerValue): Uint8Array {
  // in a shared pack (never changed once stored): a block saves thousands of these ~200-byte records
  const raw = encodePacked(SimWorker.codec, w);
  state.set(workerKey(w.pubkey), raw);
  // Not put in `decoded`: the block's working set holds `w` beside these bytes, and a WeakMap entry per saved
  // record (20,000 in a settlement block, ~15 ms of it) would keep every generation of records alive as long as
  // any kept state holds their bytes. A cold read decodes them once.
  return raw;
}
