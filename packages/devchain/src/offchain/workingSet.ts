/**
 * The simulation's workers in memory across blocks, as struct-of-arrays: per worker its stored bytes, the decoded
 * record, and — while it mines — its gatekeeper state as V and v_deductible (the two fields a quiet step moves)
 * beside a shared `GkFixed` (the rest, which changes only at a heartbeat or session start, with the constants the
 * quiet step and the share take from it). A block reads its parent's set and makes a new one; sets are immutable.
 *
 * A set is valid for a state worker by worker: a worker's entry is a pure function of its stored bytes, the
 * gatekeeper step and the parameters (`store.ts`), so an entry is reused exactly when the state holds the very same
 * bytes (immutable states share them) and is advanced by the steps taken since, under the same parameters. Anything
 * else — a restart from a database, a fork older than the sets kept, a worker a dev control rewrote — is decoded
 * and replayed from its stored state, as before. A few recent sets are kept (blocks are built on recent parents).
 */
import {
  addF,
  type Fixed,
  type GkWorkerState,
  type IdleConstants,
  idleConstants,
  idleDeltaV,
  type TokenomicParameters as MathTokenomicParameters,
  minF,
  mulF,
  ONE,
  shareConfTerm,
  shareTermFloat,
  subF,
  u256FromBytes,
} from '@phala-mining/math';
import { hexToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { BoundedCache } from '../runtime/boundedCache.js';
import type { StateReader } from '../runtime/interface.js';
import type { Hex } from '../scale/types.js';
import {
  CONTROL_KEY,
  type ControlValue,
  decodeStored,
  paramsOf,
  type SimWorkerValue,
  storedWorkerValues,
  toGk,
  WORKER_PREFIX,
  WRITE_BACK_STEPS,
} from './store.js';

/** What never changes for a worker: its key and the challenge's view of it. */
export interface WorkerIdent {
  readonly pubkey: Hex;
  /** blake2_256(pubkey) as U256, what the challenge compares */
  readonly hash: bigint;
  /** the hash's top 32 bits: most challenge tests are decided on them */
  readonly hashHi: number;
  /** blake2_256(pubkey) mod WRITE_BACK_STEPS/2: when in the write-back window the worker's record is written */
  readonly phase: number;
}

const idents = new BoundedCache<Hex, WorkerIdent>(1 << 20);
const makeIdent = (pubkey: Hex): WorkerIdent => {
  const hash = u256FromBytes(blake2AsU8a(hexToU8a(pubkey), 256));
  return { pubkey, hash, hashHi: Number(hash >> 224n), phase: Number(hash % BigInt(WRITE_BACK_STEPS / 2)) };
};
export function identOf(pubkey: Hex): WorkerIdent {
  return idents.get(pubkey, makeIdent);
}

/** A mining worker's gatekeeper state apart from V and v_deductible, and what is derived from it. */
export class GkFixed {
  /** `base` without its v / vDeductible, which the set keeps per block */
  readonly base: GkWorkerState;
  /** the (2·p·conf)² term of the share, and as a double for the certified root */
  readonly term: Fixed;
  readonly termf: number;
  private idle: IdleConstants | undefined;
  private idleFor: StepParams | undefined;

  constructor(gk: GkWorkerState) {
    this.base = gk;
    this.term = shareConfTerm(gk.pInstant, gk.confidenceLevel);
    this.termf = shareTermFloat(this.term);
  }

  /** the idle step's constants under these parameters (one `StepParams` per value: compared as objects) */
  idleUnder(sp: StepParams): IdleConstants {
    if (this.idleFor !== sp) {
      this.idle = idleConstants(sp.params, this.base);
      this.idleFor = sp;
    }
    return this.idle!;
  }

  /** the full state with this V and deductible */
  with(v: Fixed, vDeductible: Fixed): GkWorkerState {
    return { ...this.base, v, vDeductible };
  }

  /** the same fixed part when `gk` differs from it only in V and the deductible */
  static of(gk: GkWorkerState, previous: GkFixed | undefined): GkFixed {
    const b = previous?.base;
    if (
      b &&
      b.vInit === gk.vInit &&
      b.vUpdateAt === gk.vUpdateAt &&
      b.vUpdateBlock === gk.vUpdateBlock &&
      b.iterationLast === gk.iterationLast &&
      b.challengeTimeLast === gk.challengeTimeLast &&
      b.pBench === gk.pBench &&
      b.pInstant === gk.pInstant &&
      b.confidenceLevel === gk.confidenceLevel
    )
      return previous!;
    return new GkFixed(gk);
  }
}

/** The parameters a block steps under, with the parts of the quiet step that depend on them alone. */
export interface StepParams {
  readonly raw: Hex;
  readonly params: MathTokenomicParameters;
  readonly rhoMinusOne: Fixed;
}

/** decoded once per distinct parameters value */
const stepParamsCache = new BoundedCache<Hex, StepParams>(64);
const makeStepParams = (raw: Hex): StepParams => {
  const params = paramsOf(raw);
  return { raw, params, rhoMinusOne: subF(params.rho, ONE) };
};
export function stepParams(raw: Hex): StepParams {
  return stepParamsCache.get(raw, makeStepParams);
}

/**
 * `count` quiet steps (`quietStep`, the same operations) from (v, vDeductible); returns the new pair. Used for
 * replays; the block loop inlines one step.
 */
export function replay(
  fixed: GkFixed,
  v: Fixed,
  vDeductible: Fixed,
  unresponsive: boolean,
  count: bigint,
  sp: StepParams,
): [Fixed, Fixed] {
  const { params } = sp;
  if (unresponsive) {
    for (let s = 0n; s < count; s++) v = subF(v, mulF(v, params.slashRate));
    return [v, count > 0n ? 0n : vDeductible];
  }
  const k = fixed.idleUnder(sp);
  for (let s = 0n; s < count; s++) {
    const dv = idleDeltaV(sp.rhoMinusOne, k, v);
    v = minF(addF(v, dv), params.vMax);
    vDeductible = addF(vDeductible, dv);
  }
  return [v, vDeductible];
}

/** The simulated workers of one state, in key order, with their gatekeeper states as of `step`. Never modified. */
export interface WorkingSet {
  readonly keys: readonly Hex[];
  readonly raws: readonly Uint8Array[];
  readonly recs: readonly SimWorkerValue[];
  readonly ids: readonly WorkerIdent[];
  /** undefined: not mining */
  readonly fixed: readonly (GkFixed | undefined)[];
  readonly v: readonly Fixed[];
  /**
   * v_deductible − V, exact (may be negative): v_deductible is (V + off) mod 2^128. A quiet step adds the same Δv to
   * both, so while V grows uncapped (and unwrapped) `off` stays, and a block moves V alone.
   */
  readonly off: readonly bigint[];
  /** from each record, for the block loop: unresponsive (1/0), the oldest unanswered challenge (−1: none), gk_step */
  readonly unresp: Uint8Array;
  readonly oldest: Float64Array;
  readonly gkStep: Float64Array;
  readonly step: bigint;
  readonly params: Hex | undefined;
  /** the Control bytes of the state this set was made for: a hint for finding it again */
  readonly ctlRaw: Uint8Array | undefined;
  /** the set a block made this one from (`serial`), or −1 */
  readonly from: number;
  readonly serial: number;
}

let serials = 0;
/** A new set's serial number. */
export function nextSerial(): number {
  return serials++;
}

// a block is built on the newest state, now and then again on its parent (a sibling, a retried block): a few suffice
const KEPT = 3;
const recent: WorkingSet[] = [];

/** Keeps a set made for a block's state, most recent first. */
export function keep(set: WorkingSet): void {
  const at = recent.indexOf(set);
  if (at >= 0) recent.splice(at, 1);
  // A block made again on the same parent replaces its sibling: blocks are built on the newest one, and a kept
  // set holds what it reads (a settlement block's set is every worker's new record and state).
  if (set.from >= 0) {
    const sibling = recent.findIndex((s) => s.from === set.from);
    if (sibling >= 0) recent.splice(sibling, 1);
  }
  recent.unshift(set);
  if (recent.length > KEPT) recent.length = KEPT;
}

/** Forgets every kept set (tests: prove a cold read lands on the same state). */
export function forgetWorkingSets(): void {
  recent.length = 0;
}

const indexes = new WeakMap<readonly Hex[], Map<Hex, number>>();
/** The position of `key` in a sorted key list (an index per list, made once: lists are shared by states). */
export function indexOf(keys: readonly Hex[], key: Hex): number | undefined {
  let index = indexes.get(keys);
  if (!index) {
    index = new Map();
    for (let i = 0; i < keys.length; i++) index.set(keys[i]!, i);
    indexes.set(keys, index);
  }
  return index.get(key);
}

function candidate(ctlRaw: Uint8Array | undefined, ctl: ControlValue): WorkingSet | undefined {
  for (const set of recent)
    if (set.ctlRaw === ctlRaw && set.step === ctl.steps && set.params === ctl.params) return set;
  for (const set of recent) if (set.params === ctl.params && set.step <= ctl.steps) return set;
  return undefined;
}

interface Entry {
  rec: SimWorkerValue;
  id: WorkerIdent;
  fixed: GkFixed | undefined;
  v: Fixed;
  vd: Fixed;
}

/** Worker `j` of `base` brought to `ctl`, if its bytes are `raw` and the steps since were taken under `ctl.params`. */
function reuse(base: WorkingSet, j: number, raw: Uint8Array, ctl: ControlValue): Entry | undefined {
  if (base.raws[j] !== raw) return undefined;
  const rec = base.recs[j]!;
  const fixed = base.fixed[j];
  const v = base.v[j]!;
  const entry = { rec, id: base.ids[j]!, fixed, v, vd: fixed ? BigInt.asUintN(128, v + base.off[j]!) : 0n };
  if (!fixed) return entry;
  // a step at or below the record's own is its stored state; above, that state replayed under the parameters
  const gkStep = rec.gk_step;
  const have = base.step > gkStep ? base.step : gkStep;
  const want = ctl.steps > gkStep ? ctl.steps : gkStep;
  if (have === gkStep && want === gkStep) return entry;
  if (have > want || base.params !== ctl.params) return undefined;
  if (want > have)
    [entry.v, entry.vd] = replay(fixed, entry.v, entry.vd, rec.unresponsive, want - have, stepsParams(ctl));
  return entry;
}

function stepsParams(ctl: ControlValue): StepParams {
  if (ctl.params === undefined) throw new Error('simulation: gatekeeper steps recorded without parameters');
  return stepParams(ctl.params);
}

/** A stored worker decoded and replayed from its stored state to `ctl.steps`. */
function cold(raw: Uint8Array, ctl: ControlValue): Entry {
  const rec = decodeStored(raw);
  const entry: Entry = { rec, id: identOf(rec.pubkey), fixed: undefined, v: 0n, vd: 0n };
  if (!rec.gk) return entry;
  const gk = toGk(rec.gk);
  entry.fixed = new GkFixed(gk);
  entry.v = gk.v;
  entry.vd = gk.vDeductible;
  if (rec.gk_step < ctl.steps)
    [entry.v, entry.vd] = replay(
      entry.fixed,
      entry.v,
      entry.vd,
      rec.unresponsive,
      ctl.steps - rec.gk_step,
      stepsParams(ctl),
    );
  return entry;
}

/** Every stored worker of `state` with its gatekeeper state advanced to `ctl.steps` under `ctl.params`. */
export function workingSet(state: StateReader, ctl: ControlValue): WorkingSet {
  const keys = state.keys(WORKER_PREFIX);
  const vals = storedWorkerValues(state);
  const ctlRaw = state.get(CONTROL_KEY);
  const base = candidate(ctlRaw, ctl);
  const n = vals.length;
  // Entries are matched by their bytes (an entry is a function of them), by position first: comparing the key
  // lists would compare strings, which states rebuild now and then.
  if (base && base.raws.length === n && base.step === ctl.steps && base.params === ctl.params) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = vals[i] === base.raws[i];
    if (same) {
      keep(base);
      return base;
    }
  }
  const recs: SimWorkerValue[] = new Array(n);
  const ids: WorkerIdent[] = new Array(n);
  const fixed: (GkFixed | undefined)[] = new Array(n);
  const v: Fixed[] = new Array(n);
  const off: bigint[] = new Array(n);
  const summary = { unresp: new Uint8Array(n), oldest: new Float64Array(n), gkStep: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const raw = vals[i]!;
    let e: Entry | undefined;
    if (base) {
      // bytes elsewhere in the set only when workers came or went; in place, different bytes were rewritten
      const j = base.raws[i] === raw ? i : base.raws.length !== n ? positionOf(base, raw) : undefined;
      if (j !== undefined) e = reuse(base, j, raw, ctl);
    }
    e ??= cold(raw, ctl);
    recs[i] = e.rec;
    ids[i] = e.id;
    fixed[i] = e.fixed;
    v[i] = e.v;
    off[i] = e.fixed ? e.vd - e.v : 0n;
    summarize(summary, i, e.rec);
  }
  const set: WorkingSet = {
    keys,
    raws: vals,
    recs,
    ids,
    fixed,
    v,
    off,
    ...summary,
    step: ctl.steps,
    params: ctl.params,
    ctlRaw,
    from: -1,
    serial: nextSerial(),
  };
  keep(set);
  return set;
}

/** Worker i's v_deductible in a set. */
export function deductibleOf(set: WorkingSet, i: number): Fixed {
  return BigInt.asUintN(128, set.v[i]! + set.off[i]!);
}

/** Writes record `rec`'s entries of a set's summary arrays. */
export function summarize(
  into: { unresp: Uint8Array; oldest: Float64Array; gkStep: Float64Array },
  i: number,
  rec: SimWorkerValue,
): void {
  into.unresp[i] = rec.unresponsive ? 1 : 0;
  into.oldest[i] = rec.waiting.length ? rec.waiting[0]! : -1;
  into.gkStep[i] = Number(rec.gk_step);
}

const positions = new WeakMap<WorkingSet, Map<Uint8Array, number>>();
/** Where a set holds these bytes (an index made once per set, only when positions moved: a worker came or went). */
function positionOf(set: WorkingSet, raw: Uint8Array): number | undefined {
  let index = positions.get(set);
  if (!index) {
    index = new Map();
    for (let i = 0; i < set.raws.length; i++) index.set(set.raws[i]!, i);
    positions.set(set, index);
  }
  return index.get(raw);
}

/** One stored worker and its gatekeeper state at `ctl.steps`, from a kept set when one holds its bytes. */
export function currentWorker(
  state: StateReader,
  key: Hex,
  ctl: ControlValue,
): { stored: SimWorkerValue; gk: GkWorkerState | undefined } | undefined {
  const raw = state.get(key);
  if (!raw) return undefined;
  let e: Entry | undefined;
  for (const set of recent) {
    const j = indexOf(set.keys, key);
    if (j !== undefined) e = reuse(set, j, raw, ctl);
    if (e) break;
  }
  e ??= cold(raw, ctl);
  return { stored: e.rec, gk: e.fixed?.with(e.v, e.vd) };
}
