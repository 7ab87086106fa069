import {
  type CoverStrategy,
  type GuardianPlan,
  type MiningSigner,
  RuleError,
  type TxResult,
  type WithdrawalRisk,
} from '@phala-mining/core';
import { Command, Option } from 'commander';
import { parsePid } from '../args.js';
import type { Action } from '../commands/action.js';
import { UsageError } from '../errors.js';
import { dateText, formatDuration, phaText, shortKey } from '../format.js';
import { trackStages } from '../progress.js';
import type { Session } from '../session.js';

/** `--apply` sent the plan but the pool is still at risk (the chain moved, or a worker could not be stopped). */
export class StillAtRiskError extends RuleError {
  override readonly name = 'StillAtRiskError' as const;
  readonly code = 'StillAtRisk' as const;
  constructor(
    readonly pid: bigint,
    /** planck still missing */
    readonly shortfall: bigint,
  ) {
    super(`pool ${pid} is still at risk after the plan was sent: ${phaText(shortfall)} short`);
  }
}

/** `6h`, `30m`, `2d`, `90s` or plain seconds → seconds. */
export function parseDuration(name: string, text: string): bigint {
  const m = /^\s*(\d+)\s*(s|m|h|d)?\s*$/i.exec(text);
  if (!m)
    throw new UsageError(`${name} must be a duration like 6h, 30m, 2d or 90s, got ${JSON.stringify(text)}`);
  const unit = { s: 1n, m: 60n, h: 3600n, d: 86_400n }[(m[2] ?? 's').toLowerCase() as 's']!;
  return BigInt(m[1]!) * unit;
}

export const STRATEGIES = ['least-reward', 'fewest'] as const;

/** `--strategy` → core's strategy. */
export function parseStrategy(text: string | undefined): CoverStrategy {
  if (text === undefined) return 'least-reward';
  if (!(STRATEGIES as readonly string[]).includes(text))
    throw new UsageError(`--strategy must be ${STRATEGIES.join(' or ')}, got ${JSON.stringify(text)}`);
  return text as CoverStrategy;
}

/** The `guard --json` object: the issue's fields first, then the details. */
export function guardJson(risk: WithdrawalRisk, plan: GuardianPlan, applied?: TxResult<void>) {
  return {
    pid: Number(risk.pid),
    atRisk: risk.atRisk,
    deadline: risk.deadline === undefined ? null : new Date(Number(risk.deadline) * 1000).toISOString(),
    shortfall: risk.shortfall.toString(),
    plan: plan.stops.map((s) => ({ worker: s.worker, stake: s.stake.toString() })),
    timeLeft: risk.timeLeft === undefined ? null : Number(risk.timeLeft),
    strategy: plan.strategy,
    rewardLostPerDay: plan.rewardLostPerDay.toString(),
    problem: plan.problem === undefined ? null : { code: plan.problem.code, message: plan.problem.message },
    ...(applied === undefined ? {} : { applied: { hash: applied.hash, blockNumber: applied.blockNumber } }),
  };
}

/** Human lines of a risk and its plan. */
export function renderGuard(risk: WithdrawalRisk, plan: GuardianPlan): string {
  const lines = [
    `pool ${risk.pid}: ${risk.requests.length} queued withdrawal(s), free + releasing ${phaText(risk.budget)}`,
  ];
  for (const r of risk.requests)
    lines.push(
      `  #${r.index} ${shortKey(r.user)} ${phaText(r.amount)} due ${dateText(r.deadline)} — ${r.covered ? 'covered' : `${phaText(r.shortfall)} short`}`,
    );
  if (risk.deadline === undefined) lines.push('not at risk: every request is covered');
  else if (!risk.atRisk) lines.push(`uncovered, but no worker is mining: nothing for the chain to stop`);
  else
    lines.push(
      `AT RISK: every worker stops at ${dateText(risk.deadline)} (${risk.timeLeft! > 0n ? `in ${formatDuration(risk.timeLeft!)}` : 'overdue'}) unless ${phaText(risk.shortfall)} more is freed`,
    );
  if (plan.problem !== undefined) lines.push(`no plan: ${plan.problem.message}`);
  else if (plan.stops.length > 0) {
    lines.push(
      `plan (${plan.strategy}): stop ${plan.stops.length} worker(s), ${phaText(plan.freed)} → releasing, ${phaText(plan.rewardLostPerDay)}/day of reward forgone`,
    );
    for (const s of plan.stops)
      lines.push(`  stop ${s.worker} stake ${phaText(s.stake)} (${phaText(s.rewardPerDay)}/day)`);
  }
  return lines.join('\n');
}

/** Sends a plan's operation with its stages on stderr (one line per stage off a terminal). */
export async function sendPlan(
  s: Session,
  plan: GuardianPlan,
  signer: MiningSigner,
  label = `pool ${plan.pid} guard: stop ${plan.stops.length}`,
): Promise<TxResult<void>> {
  const submission = plan.operation!.send(signer, { waitFor: s.waitFor });
  const stop = s.quiet ? () => undefined : trackStages(label, submission, s.io.stderr);
  try {
    return await submission;
  } finally {
    stop();
  }
}

async function runGuard(
  s: Session,
  pidText: string,
  o: { apply?: boolean; strategy?: string; horizon?: string },
) {
  const pid = parsePid(pidText);
  const strategy = parseStrategy(o.strategy);
  const horizon = o.horizon === undefined ? 0n : parseDuration('--horizon', o.horizon);
  // the key is checked before anything is read, so a missing key fails fast (exit 6)
  const key = o.apply ? await s.signingKey() : undefined;
  const client = await s.client();
  const plan = await client.planWithdrawalCover(pid, { strategy, horizon });
  if (!o.apply || plan.operation === undefined) {
    s.print(
      () => renderGuard(plan.risk, plan),
      () => guardJson(plan.risk, plan),
    );
    if (o.apply && plan.problem !== undefined && plan.risk.atRisk) throw plan.problem;
    return;
  }
  if (s.dryRun) {
    const dry = await plan.operation.dryRun(key!.address);
    s.print(
      () =>
        `${renderGuard(plan.risk, plan)}\ndry run: ${dry.calls.join(', ')} passes every rule; nothing was signed`,
      () => ({ ...guardJson(plan.risk, plan), dryRun: true, calls: dry.calls }),
    );
    return;
  }
  await plan.operation.dryRun(key!.address); // a broken rule is reported before a password is asked for
  const applied = await sendPlan(s, plan, await key!.unlock());
  const after = await client.withdrawalRisk(pid);
  s.print(
    () =>
      `${renderGuard(plan.risk, plan)}\n✓ sent in block #${applied.blockNumber}; ${after.atRisk ? `still at risk: ${phaText(after.shortfall)} short` : 'the pool is no longer at risk'}`,
    () => guardJson(after, plan, applied),
  );
  if (after.atRisk) throw new StillAtRiskError(pid, after.shortfall);
}

/** `phala-mining pool guard <pid>`: the forced-stop risk of a pool and the stop plan that avoids it. */
export function guardCommand(action: Action): Command {
  return new Command('guard')
    .description(
      'withdrawal guardian: will the chain stop every worker for an unmet withdrawal? which few stops prevent it',
    )
    .argument('<pid>', 'pool id')
    .option('--apply', 'send the plan (pool owner key); exit 0 once the pool is no longer at risk')
    .addOption(
      new Option('--strategy <name>', 'how to pick the workers to stop')
        .choices([...STRATEGIES])
        .default('least-reward'),
    )
    .option('--horizon <duration>', 'also cover later requests due within this time, e.g. 2d')
    .action(action(runGuard));
}
