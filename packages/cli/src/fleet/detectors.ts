import type { PoolOverview } from '@phala-mining/core';
import { formatDuration, phaText } from '../format.js';

/** The detectors the exporter runs; each can be switched off by a zero threshold where it has one. */
export type DetectorName =
  | 'unresponsive'
  | 'responsive'
  | 'noPayout'
  | 'rewardDrop'
  | 'reclaimable'
  | 'claimable'
  | 'lowBalance'
  | 'withdrawalAtRisk';

/** One alert, as printed (a JSON line) and posted to the webhook. */
export interface FleetAlert {
  type: 'alert';
  detector: DetectorName;
  severity: 'critical' | 'warning' | 'info';
  pool?: string;
  worker?: string;
  /** one line for people; also `text` (Slack) and `content` (Discord) so a chat webhook shows it as is */
  message: string;
  text: string;
  content: string;
  block: number | undefined;
  at: string;
}

/** Thresholds and repeat intervals of the detectors. */
export interface DetectorOptions {
  /** a mining worker with no payout in this many settlements of the fleet raises `noPayout` (0: off) */
  noPayoutSettlements: number;
  /** a pool's payout in a settlement below this % of its trailing average raises `rewardDrop` (0: off) */
  rewardDropPercent: number;
  /** how many settlements the trailing average spans */
  rewardWindow: number;
  /** an owner reward at or above this (planck) raises `claimable` (undefined: off) */
  claimableAbove: bigint | undefined;
  /** the operator's free balance below the fee of this many operations raises `lowBalance` (0: off) */
  lowBalanceOps: number;
  /** the fee of one operation, planck (estimated once at start) */
  feePerOp: bigint;
  /**
   * a pool whose forced stop (from the withdrawal guardian) is due within this many seconds raises
   * `withdrawalAtRisk` (0 or absent: off)
   */
  withdrawalMarginSeconds?: number;
  /** a condition that still holds is raised again after this many seconds (per detector) */
  repeatSeconds: Partial<Record<DetectorName, number>> & { default: number };
}

/** What the detectors look at, once per block. */
export interface DetectorInput {
  pools: readonly PoolOverview[];
  owner: string | undefined;
  ownerFree: bigint | undefined;
  block: number | undefined;
  /** ms since the epoch (the caller's clock, so tests can move it) */
  now: number;
  /** the withdrawal guardian's verdict per pool at risk (pools not at risk are absent) */
  withdrawalRisks?: ReadonlyMap<bigint, WithdrawalAtRisk>;
}

/** A pool the chain will stop entirely unless stake is freed: what the guardian found. */
export interface WithdrawalAtRisk {
  /** seconds until the forced stop (0 once due) */
  seconds: number;
  /** planck missing */
  shortfall: bigint;
  /** unix seconds of the deadline */
  deadline: bigint;
}

/**
 * Turns successive fleet snapshots into alerts. It remembers what it last saw (worker states, rewards) and when each
 * condition was last raised, so a lasting condition is repeated at its interval instead of on every block.
 */
export class FleetDetectors {
  private lastState = new Map<string, string>();
  private lastReward = new Map<string, bigint>();
  private unpaid = new Map<string, number>();
  private poolPaid = new Map<string, bigint[]>();
  private raised = new Map<string, number>();

  constructor(private readonly o: DetectorOptions) {}

  /** The alerts this snapshot raises. */
  check(input: DetectorInput): FleetAlert[] {
    const out: FleetAlert[] = [];
    const emit = (
      detector: DetectorName,
      severity: FleetAlert['severity'],
      subject: { pool?: string; worker?: string },
      message: string,
      holds = true,
    ) => {
      const key = `${detector}:${subject.pool ?? ''}:${subject.worker ?? ''}`;
      if (!holds) {
        this.raised.delete(key);
        return;
      }
      const repeat = (this.o.repeatSeconds[detector] ?? this.o.repeatSeconds.default) * 1000;
      const last = this.raised.get(key);
      if (last !== undefined && input.now - last < repeat) return;
      this.raised.set(key, input.now);
      out.push({
        type: 'alert',
        detector,
        severity,
        ...subject,
        message,
        text: message,
        content: message,
        block: input.block,
        at: new Date(input.now).toISOString(),
      });
    };

    // a settlement reached the fleet when any worker's total reward grew: "no payout" counts those, not blocks
    let settled = false;
    const grewNow = new Map<string, boolean>();
    const paidByPool = new Map<string, bigint>();
    for (const { pool, workers } of input.pools) {
      const pid = String(pool.pid);
      let paid = 0n;
      for (const w of workers) {
        const id = `${pid}:${w.pubkey}`;
        const before = this.lastReward.get(id);
        const grew = before !== undefined && w.totalReward > before;
        grewNow.set(id, grew);
        if (grew) {
          settled = true;
          paid += w.totalReward - before;
        }
        this.lastReward.set(id, w.totalReward);
      }
      paidByPool.set(pid, paid);
    }

    for (const { pool, workers } of input.pools) {
      const pid = String(pool.pid);
      for (const w of workers) {
        const id = `${pid}:${w.pubkey}`;
        const subject = { pool: pid, worker: w.pubkey };
        const was = this.lastState.get(id);
        this.lastState.set(id, w.state);
        emit(
          'unresponsive',
          'critical',
          subject,
          `worker ${w.pubkey} in pool ${pid} is Unresponsive`,
          w.state === 'Unresponsive',
        );
        if (was === 'Unresponsive' && w.state !== 'Unresponsive')
          emit('responsive', 'info', subject, `worker ${w.pubkey} in pool ${pid} is ${w.state} again`);
        else emit('responsive', 'info', subject, '', false);

        if (this.o.noPayoutSettlements > 0) {
          const prev = this.unpaid.get(id) ?? 0;
          const count = w.state !== 'Mining' || grewNow.get(id) ? 0 : settled ? prev + 1 : prev;
          this.unpaid.set(id, count);
          emit(
            'noPayout',
            'warning',
            subject,
            `worker ${w.pubkey} in pool ${pid} is Mining with no payout in ${count} settlements`,
            count >= this.o.noPayoutSettlements,
          );
        }
        emit(
          'reclaimable',
          'info',
          subject,
          `worker ${w.pubkey} in pool ${pid} can be reclaimed`,
          w.reclaimable,
        );
      }

      if (this.o.rewardDropPercent > 0 && settled) {
        const history = this.poolPaid.get(pid) ?? [];
        const paid = paidByPool.get(pid) ?? 0n;
        if (history.length >= this.o.rewardWindow) {
          const avg = history.reduce((a, b) => a + b, 0n) / BigInt(history.length);
          const floor = (avg * BigInt(Math.round(this.o.rewardDropPercent * 100))) / 10_000n;
          emit(
            'rewardDrop',
            'warning',
            { pool: pid },
            `pool ${pid} earned ${phaText(paid)} in the last settlement, below ${this.o.rewardDropPercent} % of its average ${phaText(avg)}`,
            paid < floor,
          );
        }
        this.poolPaid.set(pid, [...history, paid].slice(-this.o.rewardWindow));
      }

      const margin = this.o.withdrawalMarginSeconds ?? 0;
      if (margin > 0) {
        const risk = input.withdrawalRisks?.get(pool.pid);
        emit(
          'withdrawalAtRisk',
          'critical',
          { pool: pid },
          risk === undefined
            ? ''
            : `pool ${pid} will stop every worker in ${formatDuration(risk.seconds)} (at ${new Date(Number(risk.deadline) * 1000).toISOString()}) for an unmet withdrawal: ${phaText(risk.shortfall)} short — see \`phala-mining pool guard ${pid}\``,
          risk !== undefined && risk.seconds <= margin,
        );
      }

      if (this.o.claimableAbove !== undefined)
        emit(
          'claimable',
          'info',
          { pool: pid },
          `pool ${pid} has ${phaText(pool.ownerReward)} of owner reward to claim`,
          pool.ownerReward >= this.o.claimableAbove,
        );
    }

    if (this.o.lowBalanceOps > 0 && input.ownerFree !== undefined && input.owner !== undefined) {
      const need = this.o.feePerOp * BigInt(this.o.lowBalanceOps);
      emit(
        'lowBalance',
        'warning',
        {},
        `operator ${input.owner} has ${phaText(input.ownerFree)} free, below the fees of ${this.o.lowBalanceOps} operations (${phaText(need)})`,
        input.ownerFree < need,
      );
    }
    return out;
  }
}
