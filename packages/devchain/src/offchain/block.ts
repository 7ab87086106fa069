/**
 * One block of the simulated workers and gatekeeper (see index.ts for what they simulate). The block reads its
 * parent's working set (`workingSet.ts`) and makes the next one. Workers something happens to — a session change,
 * a challenge, a heartbeat, a forced settlement — go through the gatekeeper model of `math/gatekeeper` on whole
 * states, as pRuntime does; every other mining worker only takes its quiet step, the same operations on V and the
 * deductible alone, with the constants of its step and share cached in its `GkFixed`.
 */
import {
  type Fixed,
  type GkWorkerState,
  heartbeatPayout,
  heartbeatUpdate,
  idleDeltaV,
  miningStartState,
  mustAnswer,
  recoverUpdate,
  ShareSum,
  share,
  shareOf,
  shareRootFromFloats,
} from '@phala-mining/math';
import { u8aToHex } from '@polkadot/util';
import {
  Miners,
  onGkMessageReceived,
  onMiningMessageReceived,
  TokenomicParameters,
  WorkerBindings,
} from '../pallets/phala/mining/index.js';
import {
  OutboundMessages,
  type SettleInfoValue,
  SystemEvent,
  type SystemEventValue,
  TOPICS,
} from '../pallets/phala/mq/index.js';
import { Workers } from '../pallets/phala/registry/index.js';
import type { Ext } from '../runtime/ext.js';
import { decodeAll, type Hex } from '../scale/types.js';
import {
  asOf,
  CONTROL_KEY,
  control,
  quietStep,
  type SimWorkerValue,
  saveWorker,
  setControl,
  WRITE_BACK_STEPS,
  workerKey,
} from './store.js';
import {
  deductibleOf,
  GkFixed,
  indexOf,
  keep,
  nextSerial,
  stepParams,
  summarize,
  type WorkingSet,
  workingSet,
} from './workingSet.js';

/** The benchmark counter at `nowMs`: it runs at score/6 iterations per second from `counted_at`. */
export function iterationsAt(w: SimWorkerValue, nowMs: bigint): bigint {
  if (nowMs <= w.counted_at) return w.iterations;
  return w.iterations + (BigInt(w.score) * (nowMs - w.counted_at)) / 6000n;
}

function blockEvents(ext: Ext): SystemEventValue[] {
  return OutboundMessages.get(ext.state)
    .filter((m) => m.destination === TOPICS.systemEvent)
    .map((m) => decodeAll(SystemEvent, m.payload));
}

/** A worker something happens to in this block, as a whole record and gatekeeper state. */
interface Touched {
  w: SimWorkerValue;
  gk: GkWorkerState | undefined;
}

/**
 * The workers something happens to, by position, and their positions in the order they were touched (a Map's
 * iteration order). A settlement touches every worker: a Map of 20,000 entries, grown and looked up by number,
 * cost more than an array.
 */
class TouchedWorkers {
  /** per position, 1 + the worker's place in `list` (0: untouched); a typed array stays dense at any size */
  private readonly slot: Int32Array;
  private readonly list: Touched[] = [];
  /** positions, in the order first touched */
  readonly order: number[] = [];

  constructor(n: number) {
    this.slot = new Int32Array(n);
  }

  get(i: number): Touched | undefined {
    const k = this.slot[i]!;
    return k === 0 ? undefined : this.list[k - 1];
  }

  set(i: number, t: Touched): void {
    const k = this.slot[i]!;
    if (k !== 0) {
      this.list[k - 1] = t;
      return;
    }
    this.list.push(t);
    this.order.push(i);
    this.slot[i] = this.list.length;
  }
}

const U256_LIMIT = 1n << 256n;
const TOUCHED = 1;
const ANSWERED = 2;
/** below this, gatekeeper steps are exact as doubles (a chain would need 2^52 blocks to pass it) */
const EXACT_STEPS = 1n << 52n;

/** Runs one block of the simulated workers and gatekeeper. Call after every pallet's on_finalize. */
export function simulateBlock(ext: Ext): void {
  const nowMs = BigInt(ext.nowMs);
  const block = ext.blockNumber;
  const events = blockEvents(ext);
  const ctl0 = control(ext.state);
  let ctl = ctl0;
  const gkRuns = !ctl.gatekeeper_paused && TokenomicParameters.exists(ext.state);
  const paramsNow = gkRuns ? (u8aToHex(ext.state.get(TokenomicParameters.key())!) as Hex) : ctl.params;

  if (ctl.params !== undefined && paramsNow !== ctl.params) {
    // New parameters from this block on: every step not yet written was taken under the old ones, so write them.
    const old = workingSet(ext.state, ctl);
    for (let i = 0; i < old.recs.length; i++) {
      const fixed = old.fixed[i];
      if (fixed && old.recs[i]!.gk_step < ctl.steps)
        saveWorker(ext.state, asOf(old.recs[i]!, fixed.with(old.v[i]!, deductibleOf(old, i)), ctl.steps));
    }
  }
  ctl = { ...ctl, params: paramsNow };

  const set = workingSet(ext.state, ctl);
  const n = set.recs.length;
  const touched = new TouchedWorkers(n);
  /** per worker: TOUCHED once in `touched`, ANSWERED once it answered a challenge */
  const flags = new Uint8Array(n);
  const touch = (i: number): Touched => {
    let t = touched.get(i);
    if (!t) {
      const fixed = set.fixed[i];
      t = { w: set.recs[i]!, gk: fixed?.with(set.v[i]!, deductibleOf(set, i)) };
      touched.set(i, t);
      flags[i]! |= TOUCHED;
    }
    return t;
  };
  const dirty = new Uint8Array(n);
  const settle: SettleInfoValue[] = [];
  const offline: number[] = [];
  const recovered: Hex[] = [];

  // Session changes the chain announced this block.
  for (const e of events) {
    if (e.tag !== 'WorkerEvent') continue;
    const i = indexOf(set.keys, workerKey(e.value.pubkey));
    if (i === undefined) continue;
    const x = touch(i);
    const ev = e.value.event;
    if (ev.tag === 'MiningStart') {
      const conf = Workers.get(ext.state, x.w.pubkey)?.confidence_level ?? 128;
      x.gk = miningStartState(ev.value.init_v, ev.value.init_p, conf, nowMs, block);
      x.w = { ...x.w, session_id: ev.value.session_id, unresponsive: false, waiting: [] };
      dirty[i] = 1;
    } else if (ev.tag === 'MiningStop' && x.gk) {
      // The gatekeeper's final word on a stopped worker: its V, nothing paid.
      if (!ctl.gatekeeper_paused) settle.push({ pubkey: x.w.pubkey, v: x.gk.v, payout: 0n, treasury: 0n });
      x.gk = undefined;
      x.w = { ...x.w, unresponsive: false, waiting: [] };
      dirty[i] = 1;
    }
  }
  // who mines after the session changes (a challenge or a heartbeat changes no one's)
  const mining = miningAfterEvents(set, flags, touched);
  const anyMining = mining.indexOf(1) >= 0;

  // Workers answer the challenge: their heartbeat reaches the chain through the mining handler.
  for (const e of events) {
    if (e.tag !== 'HeartbeatChallenge') continue;
    const { seed, online_target } = e.value;
    // (hash XOR seed) ≤ target is decided on the top 32 bits unless they are equal (both below 2^256)
    const byTop = seed < U256_LIMIT && online_target < U256_LIMIT;
    const seedHi = byTop ? Number(seed >> 224n) : 0;
    const targetHi = byTop ? Number(online_target >> 224n) : 0;
    for (const i of mustAnswerAll(set, mining, byTop, seedHi, targetHi, seed, online_target)) {
      const x = touch(i);
      // Only the oldest unanswered challenge decides unresponsiveness.
      if (x.w.waiting.length === 0) {
        x.w = { ...x.w, waiting: [block] };
        dirty[i] = 1;
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
      flags[i]! |= ANSWERED;
    }
  }

  // A step counts only when some worker mines: a chain without mining workers writes no simulation state at all.
  const steps = gkRuns && anyMining ? ctl.steps + 1n : ctl.steps;
  const outV = gkRuns ? new Array<Fixed>(n) : set.v.slice();
  const outOff = set.off.slice();
  if (gkRuns)
    stepAll(ext, set, { touched, touch, flags, dirty }, ctl.force_settle, paramsNow!, steps, outV, outOff, {
      settle,
      offline,
      recovered,
    });

  // Write what changed (in key order), and make this block's working set. A set is kept where it saves work: when
  // most workers were written (a settlement), the next block makes its set from the records just written (decoded
  // already, nothing to replay) for little more than one pass, and keeping every worker's new record and state here
  // would hold them for a block that may never be built on.
  const written = setIndices(dirty);
  const keepSet = written.length * 2 <= n;
  const raws = keepSet ? set.raws.slice() : [];
  const recs = keepSet ? set.recs.slice() : [];
  const fixed = keepSet ? set.fixed.slice() : [];
  const summary = keepSet
    ? { unresp: set.unresp.slice(), oldest: set.oldest.slice(), gkStep: set.gkStep.slice() }
    : undefined;
  if (keepSet) {
    for (const i of touched.order) {
      const t = touched.get(i)!;
      fixed[i] = t.gk && GkFixed.of(t.gk, set.fixed[i]);
      if (t.gk) {
        outV[i] = t.gk.v;
        outOff[i] = t.gk.vDeductible - t.gk.v;
      }
    }
  }
  for (const i of written) {
    const t = touched.get(i);
    const f = set.fixed[i];
    const rec = asOf(
      t ? t.w : set.recs[i]!,
      t ? t.gk : f?.with(outV[i]!, BigInt.asUintN(128, outV[i]! + outOff[i]!)),
      steps,
    );
    const raw = saveWorker(ext.state, rec);
    if (summary) {
      raws[i] = raw;
      recs[i] = rec;
      summarize(summary, i, rec);
    }
  }
  const nextCtl = { ...ctl, steps, force_settle: false };
  if (
    ctl0.steps !== nextCtl.steps ||
    ctl0.params !== nextCtl.params ||
    ctl0.force_settle !== nextCtl.force_settle
  )
    setControl(ext.state, nextCtl);
  if (summary)
    keep({
      keys: set.keys,
      raws,
      recs,
      ids: set.ids,
      fixed,
      v: outV,
      off: outOff,
      ...summary,
      step: steps,
      params: ctl.params,
      ctlRaw: ext.state.get(CONTROL_KEY),
      from: set.serial,
      serial: nextSerial(),
    });
  if (offline.length || recovered.length || settle.length) {
    offline.sort((a, b) => a - b);
    onGkMessageReceived(
      ext,
      { tag: 'Gatekeeper' },
      {
        block_number: block,
        timestamp_ms: nowMs,
        offline: offline.map((i) => set.recs[i]!.pubkey),
        recovered_to_online: recovered,
        settle,
      },
    );
  }
}

/** The positions of the flags set, in order. */
function setIndices(flags: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(i);
  return out;
}

/** Per worker, 1 when it mines after this block's session changes (`flags`: who is in `touched`). */
function miningAfterEvents(set: WorkingSet, flags: Uint8Array, touched: TouchedWorkers): Uint8Array {
  const { fixed } = set;
  const mining = new Uint8Array(fixed.length);
  for (let i = 0; i < fixed.length; i++) {
    if (flags[i]! & TOUCHED ? touched.get(i)!.gk !== undefined : fixed[i] !== undefined) mining[i] = 1;
  }
  return mining;
}

/** The mining workers that must answer a challenge, in key order (see the caller for `byTop`). */
function mustAnswerAll(
  set: WorkingSet,
  mining: Uint8Array,
  byTop: boolean,
  seedHi: number,
  targetHi: number,
  seed: bigint,
  target: bigint,
): number[] {
  const { ids } = set;
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (!mining[i]) continue;
    const id = ids[i]!;
    if (byTop) {
      const hi = (id.hashHi ^ seedHi) >>> 0;
      if (hi > targetHi || (hi === targetHi && !mustAnswer(id.hash, seed, target))) continue;
    } else if (!mustAnswer(id.hash, seed, target)) continue;
    out.push(i);
  }
  return out;
}

/**
 * The gatekeeper's block: Σshare over the responsive mining workers as they are at its start, then each mining
 * worker's heartbeat payout or quiet step, in key order. Workers nothing happens to take the quiet step on their
 * V and deductible in place; the others (touched) go through the whole-state model.
 */
function stepAll(
  ext: Ext,
  set: WorkingSet,
  blockState: {
    touched: TouchedWorkers;
    touch: (i: number) => Touched;
    flags: Uint8Array;
    dirty: Uint8Array;
  },
  forceSettle: boolean,
  paramsRaw: Hex,
  steps: bigint,
  outV: Fixed[],
  outOff: bigint[],
  out: { settle: SettleInfoValue[]; offline: number[]; recovered: Hex[] },
): void {
  const { touched, touch, flags, dirty } = blockState;
  const nowMs = BigInt(ext.nowMs);
  const block = ext.blockNumber;
  const sp = stepParams(paramsRaw);
  const { params, rhoMinusOne } = sp;
  const { vMax, slashRate, heartbeatWindow } = params;
  const halfSteps = WRITE_BACK_STEPS / 2;
  // (steps + hash) mod half, with both parts reduced first: no 256-bit sum per worker per block
  const stepPhase = Number(steps % BigInt(halfSteps));
  const exact = steps < EXACT_STEPS;
  const stepsN = Number(steps);
  const { fixed, v: setV, off: setOff, unresp, oldest, recs, gkStep, ids } = set;
  // `recGkStep` undefined: the stored record's, read only when needed (a quiet worker's record is not touched: one
  // object per worker read per block was a tenth of an idle block)
  const writeBack = (i: number, recGkStep: bigint | undefined) => {
    const behind = exact ? stepsN - gkStep[i]! : Number(steps - (recGkStep ?? recs[i]!.gk_step));
    if (behind >= WRITE_BACK_STEPS || (behind >= halfSteps && (stepPhase + ids[i]!.phase) % halfSteps === 0))
      dirty[i] = 1;
  };

  // Σshare, and the quiet step of every worker nothing happens to (its share is taken before its step).
  const sum = new ShareSum();
  const slow: number[] = [];
  for (let i = 0; i < recs.length; i++) {
    if (flags[i]! & TOUCHED) {
      const t = touched.get(i)!;
      if (t.gk) {
        if (!t.w.unresponsive) sum.addShare(share(t.gk));
        slow.push(i);
      }
      continue;
    }
    const f = fixed[i];
    if (!f) continue;
    let v = setV[i]!;
    // the quiet step written out: subF(v, mulF(v, slash_rate)) and a deductible of 0, or min(addF(v, Δv), v_max)
    // and addF(vd, Δv) — which leaves vd − v as it is unless V is capped or wraps
    if (unresp[i]) {
      v = BigInt.asUintN(128, v - BigInt.asUintN(128, (v * slashRate) >> 64n));
      outV[i] = v;
      outOff[i] = -v;
    } else {
      const root = shareRootFromFloats(Number(v), f.termf);
      if (root >= 0) sum.addRoot(root);
      else sum.addShare(shareOf(v, f.term));
      if (forceSettle) {
        slow.push(i);
        continue;
      }
      const dv = idleDeltaV(rhoMinusOne, f.idleUnder(sp), v);
      const nv = BigInt.asUintN(128, v + dv);
      if (nv >= v && nv < vMax) v = nv;
      else {
        const vd = BigInt.asUintN(128, BigInt.asUintN(128, v + setOff[i]!) + dv);
        v = nv < vMax ? nv : vMax;
        outOff[i] = vd - v;
      }
      outV[i] = v;
      const first = oldest[i]!;
      if (first >= 0 && block - first > heartbeatWindow) {
        const vd = BigInt.asUintN(128, v + outOff[i]!);
        touched.set(i, { w: { ...recs[i]!, unresponsive: true }, gk: f.with(v, vd) });
        flags[i]! |= TOUCHED;
        out.offline.push(i);
        dirty[i] = 1;
      }
    }
    writeBack(i, undefined);
  }
  const sumShare = sum.total;

  // The workers something happens to, as the gatekeeper model takes them.
  for (const i of slow) {
    const x = touch(i);
    let gk = x.gk!;
    let { unresponsive, waiting } = x.w;
    const heartbeat = (flags[i]! & ANSWERED) !== 0 || (forceSettle && !unresponsive);
    if (heartbeat) {
      const iterations = iterationsAt(x.w, nowMs);
      gk = heartbeatUpdate(gk, nowMs, iterations);
      // the record's own list when it is empty already: a settlement's heartbeats then copy no record
      if (waiting.length !== 0) waiting = [];
      if (unresponsive) {
        gk = recoverUpdate(gk, nowMs, block);
        unresponsive = false;
        out.recovered.push(x.w.pubkey);
      } else {
        const paid = heartbeatPayout(params, gk, sumShare, nowMs, block);
        gk = paid.state;
        if (paid.settled)
          out.settle.push({ pubkey: x.w.pubkey, v: gk.v, payout: paid.payout, treasury: paid.treasury });
      }
      dirty[i] = 1;
    } else {
      gk = quietStep(params, gk, unresponsive);
      const first = waiting[0];
      if (!unresponsive && first !== undefined && block - first > heartbeatWindow) {
        unresponsive = true;
        out.offline.push(i);
        dirty[i] = 1;
      }
    }
    x.gk = gk;
    if (unresponsive !== x.w.unresponsive || waiting !== x.w.waiting) x.w = { ...x.w, unresponsive, waiting };
    writeBack(i, x.w.gk_step);
  }
}
