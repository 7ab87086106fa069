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
import { InputError } from '@phala-mining/errors';
import { type DevWorkerOptions, devRegisterWorker } from '../pallets/phala/registry/index.js';
import type { Ext } from '../runtime/ext.js';
import type { StateReader } from '../runtime/interface.js';
import type { Hex } from '../scale/types.js';
import { iterationsAt } from './block.js';
import { asOf, control, type SimWorkerValue, saveWorker, setControl, workerKey } from './store.js';
import { currentWorker, deductibleOf, workingSet } from './workingSet.js';

export { simulateBlock } from './block.js';
export type { SimWorkerValue } from './store.js';
export { forgetWorkingSets } from './workingSet.js';

/** A simulated worker as it is now: its gatekeeper state advanced through the steps not yet written. */
export function simulatedWorker(state: StateReader, pubkey: Hex): SimWorkerValue | undefined {
  const ctl = control(state);
  const cur = currentWorker(state, workerKey(pubkey), ctl);
  return cur && asOf(cur.stored, cur.gk, ctl.steps);
}

export function simulatedWorkers(state: StateReader): SimWorkerValue[] {
  const ctl = control(state);
  const set = workingSet(state, ctl);
  return set.recs.map((rec, i) => asOf(rec, set.fixed[i]?.with(set.v[i]!, deductibleOf(set, i)), ctl.steps));
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
  saveWorker(ext.state, {
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
  });
}

function requireWorker(ext: Ext, pubkey: Hex): SimWorkerValue {
  const ctl = control(ext.state);
  const cur = currentWorker(ext.state, workerKey(pubkey), ctl);
  if (!cur) throw new SimulationError(`${pubkey} is not a simulated worker`);
  return asOf(cur.stored, cur.gk, ctl.steps);
}

/** An offline worker stops answering challenges; the gatekeeper reports it offline after heartbeat_window blocks. */
export function setWorkerOnline(ext: Ext, pubkey: Hex, online: boolean): void {
  saveWorker(ext.state, { ...requireWorker(ext, pubkey), online });
}

/** The score the worker's benchmark runs at from now on (what the chain will measure as p_instant). */
export function setInstantScore(ext: Ext, pubkey: Hex, score: number): void {
  if (!Number.isInteger(score) || score < 0)
    throw new RangeError(`score must be a non-negative integer, got ${score}`);
  const w = requireWorker(ext, pubkey);
  const nowMs = BigInt(ext.nowMs);
  saveWorker(ext.state, {
    ...w,
    iterations: iterationsAt(w, nowMs),
    counted_at: nowMs > w.counted_at ? nowMs : w.counted_at,
    score,
  });
}

/** A paused gatekeeper neither updates V nor reports anything (as if all gatekeepers were down). */
export function setGatekeeperPaused(ext: Ext, paused: boolean): void {
  setControl(ext.state, { ...control(ext.state), gatekeeper_paused: paused });
}

/** At the end of this block every responsive mining worker is settled as if it had sent a heartbeat. */
export function forceSettlement(ext: Ext): void {
  setControl(ext.state, { ...control(ext.state), force_settle: true });
}
