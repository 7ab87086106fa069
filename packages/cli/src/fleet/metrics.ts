import type { PoolOverview, WorkerDisplayState } from '@phala-mining/core';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { Gauge, Registry } from 'prom-client';

/** Every state a worker can be in, so `phala_worker_state` has a 0/1 series for each. */
export const WORKER_STATES: readonly WorkerDisplayState[] = [
  'Ready',
  'Mining',
  'Unresponsive',
  'CoolingDown',
  'Unbound',
];

/** Planck as PHA, a float (Prometheus has nothing else; exact values stay on chain). */
export function phaFloat(planck: bigint): number {
  const whole = planck / PLANCK_PER_PHA;
  return Number(whole) + Number(planck - whole * PLANCK_PER_PHA) / 1e12;
}

/** U64F64 fixed point bits (V, Ve) as a float. */
export function fixedFloat(bits: bigint): number {
  return Number(bits >> 32n) / 2 ** 32;
}

/** What one refresh of the metrics is made from. */
export interface MetricsSnapshot {
  pools: readonly PoolOverview[];
  /** free balance per account, planck */
  balances: ReadonlyMap<string, bigint>;
  /** seconds before a forced stop, per pool at risk (from the withdrawal guardian; empty when none is at risk) */
  forcedStopSeconds: ReadonlyMap<bigint, number>;
  blockNumber: number | undefined;
}

/** The exporter's Prometheus registry and the gauges it sets from {@link MetricsSnapshot}s. */
export class FleetMetrics {
  readonly registry = new Registry();
  private readonly g;

  constructor() {
    const gauge = (name: string, help: string, labelNames: string[]) =>
      new Gauge({ name, help, labelNames, registers: [this.registry] });
    const pool = ['pool'];
    const worker = ['pool', 'worker'];
    this.g = {
      totalStake: gauge('phala_pool_total_stake', 'Total stake of the pool, PHA', pool),
      freeStake: gauge('phala_pool_free_stake', 'Free (not mining) stake of the pool, PHA', pool),
      releasingStake: gauge(
        'phala_pool_releasing_stake',
        'Stake released by cooling-down workers, PHA',
        pool,
      ),
      ownerReward: gauge('phala_pool_owner_reward', 'Unclaimed owner reward (commission), PHA', pool),
      queueShares: gauge('phala_pool_withdraw_queue_shares', 'Shares waiting in the withdraw queue', pool),
      forcedStop: gauge(
        'phala_pool_forced_stop_seconds',
        'Seconds left before queued withdrawals force workers to stop; absent when not at risk',
        pool,
      ),
      state: gauge('phala_worker_state', '1 for the current state of the worker', [
        'pool',
        'worker',
        'state',
      ]),
      stake: gauge('phala_worker_stake', 'Mining stake of the worker, PHA', worker),
      totalReward: gauge('phala_worker_total_reward', 'All rewards the worker ever earned, PHA', worker),
      pInstant: gauge('phala_worker_p_instant', 'Latest measured score P of the worker', worker),
      v: gauge('phala_worker_v', 'Mining value V of the worker', worker),
      balance: gauge('phala_account_free_balance', 'Free balance of the account, PHA', ['account']),
      lastBlock: gauge('phala_exporter_last_block', 'Number of the last block the exporter saw', []),
    };
  }

  /** Replaces every series with the snapshot's (a worker or pool that left disappears from the next scrape). */
  update(s: MetricsSnapshot): void {
    for (const g of Object.values(this.g)) if (g !== this.g.lastBlock) g.reset();
    for (const { pool, workers } of s.pools) {
      const p = { pool: String(pool.pid) };
      this.g.totalStake.set(p, phaFloat(pool.totalStake));
      this.g.freeStake.set(p, phaFloat(pool.freeStake));
      this.g.releasingStake.set(p, phaFloat(pool.releasingStake));
      this.g.ownerReward.set(p, phaFloat(pool.ownerReward));
      this.g.queueShares.set(p, phaFloat(pool.withdrawQueue.reduce((n, r) => n + r.shares, 0n)));
      const risk = s.forcedStopSeconds.get(pool.pid);
      if (risk !== undefined) this.g.forcedStop.set(p, risk);
      for (const w of workers) {
        const l = { pool: p.pool, worker: w.pubkey };
        for (const state of WORKER_STATES) this.g.state.set({ ...l, state }, state === w.state ? 1 : 0);
        this.g.stake.set(l, phaFloat(w.stake));
        this.g.totalReward.set(l, phaFloat(w.totalReward));
        this.g.pInstant.set(l, w.instantScore);
        this.g.v.set(l, fixedFloat(w.v));
      }
    }
    for (const [account, free] of s.balances) this.g.balance.set({ account }, phaFloat(free));
    if (s.blockNumber !== undefined) this.g.lastBlock.set(s.blockNumber);
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
