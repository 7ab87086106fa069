import type { MiningClient, MiningSigner, OperationChain, TxResult } from '@phala-mining/core';
import { firstValueFrom } from 'rxjs';
import { phaText } from '../format.js';
import type { FleetFile } from './fleetFile.js';
import {
  chainStep,
  type FleetChainState,
  type FleetStep,
  type PoolPlan,
  planFleet,
  planSize,
  STEP_RULES,
} from './plan.js';

/** The chain state a plan is a diff against: every pool of `owner` and its workers (core's batched `fleet$`). */
export async function readFleetState(client: MiningClient, owner: string): Promise<FleetChainState> {
  const fleet = await firstValueFrom(client.fleet$(owner));
  return {
    pools: fleet.pools.map((p) => p.pool),
    workers: new Map(fleet.pools.map((p) => [p.pool.pid, p.workers])),
  };
}

/** A step with the pool it acts on. */
export interface PlacedStep {
  pid: bigint;
  step: FleetStep;
}

/** Splits the steps into chunks of at most `size` operations, in plan order (pool settings before workers). */
export function chunkSteps(plans: readonly PoolPlan[], size: number): PlacedStep[][] {
  const all = plans.flatMap((p) =>
    p.pid === undefined ? [] : p.steps.map((step) => ({ pid: p.pid!, step })),
  );
  const chunks: PlacedStep[][] = [];
  for (let i = 0; i < all.length; i += size) chunks.push(all.slice(i, i + size));
  return chunks;
}

/** One core operation chain (one `utility.batchAll`) for a chunk; it may span pools. */
export function chainOf(client: MiningClient, chunk: readonly PlacedStep[]): OperationChain<void> {
  let chain = client.pool(chunk[0]!.pid);
  for (const { pid, step } of chunk) chain = chainStep(chain.pool(pid), step);
  return chain;
}

/** What an apply did, for the report. */
export interface ApplyProgress {
  kind: 'created' | 'chunk';
  /** 1-based chunk number within its round, and the chunk count of the round */
  index?: number;
  of?: number;
  pid?: bigint;
  operations: number;
  workers: string[];
  result: TxResult<unknown>;
}

/** Options of {@link applyFleet}. */
export interface ApplyOptions {
  client: MiningClient;
  owner: string;
  signer: MiningSigner;
  /** operations per `utility.batchAll` */
  chunkSize: number;
  waitFor: 'inBlock' | 'finalized';
  onProgress: (p: ApplyProgress) => void;
  /** a chunk failed on chain; `utility.batchAll` rolled the whole chunk back, so the chain is as before it */
  onChunkFailed?: (chunk: readonly PlacedStep[], index: number, of: number, error: unknown) => void;
  /** upper bound on plan → send → re-read rounds (adds are followed by starts in the next round) */
  maxRounds?: number;
}

/**
 * Makes the chain match the file: plan, validate every step of the round as one chain (each step sees the effects
 * of the ones before it, nothing is signed if any rule fails), send the round in chunks, re-read and re-plan —
 * until nothing is left to do now. Because each round is a fresh diff, a killed apply resumes where the chain is.
 * Returns the final plan (its waits are what only time can bring, e.g. a cooldown).
 */
export async function applyFleet(fleet: FleetFile, o: ApplyOptions): Promise<PoolPlan[]> {
  const maxRounds = o.maxRounds ?? 5;
  const created = new Map<number, bigint>();
  const replan = async () => planFleet(fleet, await readFleetState(o.client, o.owner), created);
  let plans = await replan();
  for (let round = 0; round < maxRounds; round++) {
    const { steps, creates } = planSize(plans);
    if (steps === 0 && creates === 0) break;
    // a new pool's id is only known from its event, so each is created in a transaction of its own first
    for (const [i, p] of plans.entries()) {
      if (!p.create) continue;
      const result = await o.client.createPool().send(o.signer, { waitFor: o.waitFor });
      created.set(i, result.value);
      o.onProgress({ kind: 'created', pid: result.value, operations: 1, workers: [], result });
    }
    if (creates > 0) {
      plans = await replan();
      // the new pools' settings and workers are planned now that they exist
      if (plans.some((p) => p.create)) throw new Error('a created pool was not found on the chain');
    }
    const chunks = chunkSteps(plans, o.chunkSize);
    if (chunks.length === 0) break;
    // every rule of the round, in order, before anything of it is signed
    await chainOf(o.client, chunks.flat()).dryRun(o.signer.address);
    for (const [i, chunk] of chunks.entries()) {
      const chain = chainOf(o.client, chunk);
      let result: TxResult<void>;
      try {
        result = await chain.send(o.signer, { waitFor: o.waitFor });
      } catch (error) {
        o.onChunkFailed?.(chunk, i + 1, chunks.length, error);
        throw error;
      }
      o.onProgress({
        kind: 'chunk',
        index: i + 1,
        of: chunks.length,
        operations: chunk.length,
        workers: chunk.flatMap(({ step }) => ('worker' in step ? [step.worker] : [])),
        result,
      });
    }
    const before = JSON.stringify(plans, bigintJson);
    plans = await replan();
    // a round that changed nothing the planner sees would repeat forever
    if (JSON.stringify(plans, bigintJson) === before) break;
  }
  return plans;
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

const short = (key: string) => `${key.slice(0, 10)}…${key.slice(-4)}`;

/** One line per step: what it does and the rule it must pass. */
export function describeStep(step: FleetStep): string {
  const what = (() => {
    switch (step.op) {
      case 'setPayout':
        return `set payout ${step.permill / 10_000} %`;
      case 'setCap':
        return `set cap ${phaText(step.cap)}`;
      case 'setDescription':
        return `set description ${JSON.stringify(step.description)}`;
      case 'whitelistAdd':
        return `whitelist add ${step.account}`;
      case 'whitelistRemove':
        return `whitelist remove ${step.account}`;
      case 'addWorker':
        return `add worker ${step.worker}`;
      case 'startMining':
        return `start ${step.worker} with ${phaText(step.stake)}`;
      case 'restartMining':
        return `restart ${step.worker} ${phaText(step.from)} → ${phaText(step.stake)}`;
      case 'stopMining':
        return `stop ${step.worker} (${step.reason})`;
      case 'reclaimWorker':
        return `reclaim ${step.worker}`;
    }
  })();
  return `${what}\n      rule: ${STEP_RULES[step.op]}`;
}

/** The plan as text; "no changes" when the chain already matches the file. */
export function renderPlan(plans: readonly PoolPlan[]): string {
  const { steps, waits, creates } = planSize(plans);
  if (steps === 0 && creates === 0)
    return waits === 0 ? 'no changes' : `no changes now; waiting on:\n${renderWaits(plans)}`;
  const lines: string[] = [];
  for (const p of plans) {
    if (p.steps.length === 0 && p.waits.length === 0 && !p.create) continue;
    lines.push(p.create ? 'new pool (created first, in a transaction of its own)' : `pool ${p.pid}`);
    for (const s of p.steps) lines.push(`  + ${describeStep(s)}`);
    for (const w of p.waits) lines.push(`  … ${w.worker ? `${short(w.worker)}: ` : ''}${w.reason}`);
  }
  lines.push(
    `${steps} operation${steps === 1 ? '' : 's'}${creates ? `, ${creates} pool${creates === 1 ? '' : 's'} to create` : ''}`,
  );
  return lines.join('\n');
}

function renderWaits(plans: readonly PoolPlan[]): string {
  return plans
    .flatMap((p) =>
      p.waits.map((w) => `  pool ${p.pid ?? 'new'}: ${w.worker ? `${short(w.worker)}: ` : ''}${w.reason}`),
    )
    .join('\n');
}
