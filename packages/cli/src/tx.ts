import type {
  CheckResult,
  DecodedEvent,
  MiningClient,
  MiningSigner,
  OperationChain,
  ProxySigner,
  TxResult,
} from '@phala-mining/core';
import { InsufficientFeeBalanceError, RuleError } from '@phala-mining/core';
import { multisigLine, type SignerMode, signerMode, wrapSigner } from './coldKeys.js';
import { describeError, InterruptedError, UsageError } from './errors.js';
import { phaText } from './format.js';
import { type PlannedCall, planJson, planText } from './plan.js';
import { trackStages } from './progress.js';
import type { Session } from './session.js';

/** How a command reports its transaction's outcome. */
export interface TxReport<V> {
  /** one human line about what happened, e.g. `created pool 7` */
  summary(result: TxResult<V>): string;
  /** extra fields of the JSON result */
  json?(result: TxResult<V>): Record<string, unknown>;
  /**
   * Each call with what it acts on (worker, amount, stake), in the chain's order: what `--dry-run` lists, and how a
   * broken rule in a batch is traced back to its worker.
   */
  plan?: readonly PlannedCall[];
  /** the chain for the first `n` calls of `plan` (to find which call of a batch breaks a rule) */
  prefix?(client: MiningClient, n: number): OperationChain<unknown>;
  /** what the chain will do beyond the calls (e.g. a withdrawal's paid-now and queued parts), for `--dry-run` */
  preview?(client: MiningClient, signer: string): Promise<Preview>;
}

/** A prediction shown by `--dry-run`: human lines and the same as JSON fields. */
export interface Preview {
  lines: string[];
  json: Record<string, unknown>;
}

/** The fee the signer paid, from `TransactionPayment.TransactionFeePaid` (undefined on runtimes without it). */
export function paidFee(events: readonly DecodedEvent[]): bigint | undefined {
  const e = events.find((x) => x.section === 'transactionPayment' && x.method === 'TransactionFeePaid');
  const fee = e?.data.actualFee;
  return typeof fee === 'bigint' ? fee : undefined;
}

/**
 * A broken rule of one call of a batch, naming that call's worker or account. A rule error itself: its code, exit
 * code and numbers are those of the rule the call broke (the original is the `cause`).
 */
export class BatchStepError extends RuleError {
  override readonly name = 'BatchStepError' as const;
  /** the broken rule's code, e.g. `StakeBelowMinimum` */
  readonly code: string;
  constructor(
    readonly step: PlannedCall,
    readonly index: number,
    readonly count: number,
    cause: RuleError,
    causeText: string,
  ) {
    super(`${planText(step)} (call ${index + 1} of ${count}): ${causeText}`, { cause });
    this.code = cause.code;
    // the rule's own numbers (stake, minimum, …) stay available to --json
    for (const [k, v] of Object.entries(cause)) if (!(k in this)) (this as Record<string, unknown>)[k] = v;
  }
}

/**
 * Runs a chain of operations the way every signing command does: rules checked against the chain with the key's
 * address before any password is asked for, then the fee against the balance (core's `check`, once); with `--dry-run` nothing more is
 * done; otherwise the key is unlocked, the extrinsic (one call or one `utility.batchAll`) sent and its stages shown.
 */
export async function execute<V>(
  session: Session,
  build: (client: MiningClient) => OperationChain<V>,
  report: TxReport<V>,
): Promise<void> {
  const mode = signerMode(session.options, session.ss58);
  const key = await session.signingKey();
  const client = await session.client();
  const chain = build(client);
  // with --proxy-for / --multisig-*, the key acts for another account: rules are checked as that account
  const checkAs = wrapSigner(mode, key.address, session.ss58);
  if (!session.dryRun && session.options.announce) {
    // a delayed proxy: the call is announced now and sent after the delay (checks run inside, before signing)
    await announceOperations(session, chain as OperationChain<unknown>, mode, await key.unlock());
    return;
  }
  // a rule broken by the chain's state, or a fee the signing key cannot pay (it pays also when it acts for another
  // account), is reported before the keystore password is asked for; core's check is the only fee estimate and
  // balance read: send reuses it while the head has not moved
  let dry: CheckResult;
  try {
    dry = await chain.check(checkAs);
  } catch (error) {
    // the fee is not a rule of one call of a batch: reported as it is, with both amounts
    if (error instanceof InsufficientFeeBalanceError) throw error;
    throw await locate(error, client, checkAs, report);
  }
  const fee = dry.fee.fee;
  if (session.dryRun) {
    const preview = await report.preview?.(client, key.address);
    const steps = report.plan?.map(planText) ?? dry.operations;
    session.print(
      () =>
        [
          `dry run: every rule passes for ${dry.caller}; nothing was signed`,
          `  ${dry.calls.length > 1 ? `one utility.batchAll of ${dry.calls.length} calls` : 'one call'}:`,
          ...steps.map((s, i) => `    ${i + 1}. ${s}`),
          ...(preview?.lines ?? []).map((l) => `  ${l}`),
          ...(dry.wrapper ? [`  sent as        ${dry.wrapper}, signed and paid by ${dry.signer}`] : []),
          `  estimated fee  ${phaText(fee)}`,
        ].join('\n'),
      () => ({
        dryRun: true,
        signer: dry.caller,
        operations: dry.operations,
        calls: dry.calls,
        ...(report.plan ? { plan: report.plan.map(planJson) } : {}),
        batched: dry.calls.length > 1,
        ...(dry.wrapper ? { wrapper: dry.wrapper, paidBy: dry.signer } : {}),
        estimatedFee: fee,
        ...preview?.json,
      }),
    );
    return;
  }
  const pair = await key.unlock();
  const submission = chain.send(wrapSigner(mode, pair, session.ss58), {
    waitFor: session.waitFor,
    checkedFee: dry.fee,
  });
  const label = chain.operations.length > 1 ? `batch of ${chain.operations.length}` : chain.operations[0]!;
  const stop = session.quiet ? () => undefined : trackStages(label, submission, session.io.stderr);
  // Ctrl-C once the transaction is signed cannot call it back: say so, with the hash to look it up by
  let hash: string | undefined;
  const watchHash = submission.subscribe({
    next: (s) => {
      if (s.hash !== undefined) hash = s.hash;
    },
    error: () => undefined,
  });
  let release: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    release = session.io.onInterrupt?.(() => reject(new InterruptedError(hash)));
  });
  let result: TxResult<V>;
  try {
    result = await Promise.race([submission, interrupted]);
  } finally {
    stop();
    release?.();
    watchHash.unsubscribe();
  }
  const paid = paidFee(result.events);
  // a multisig approval that does not execute yet has no operation result to report
  const pending = result.multisig !== undefined && result.multisig.status !== 'executed';
  session.print(
    () =>
      `✓ ${pending ? `${chain.operations.join(' + ')} ${result.multisig!.status} by ${key.address}` : report.summary(result)} — block #${result.blockNumber}${result.finalized ? ' (finalized)' : ''}${paid === undefined ? '' : `, fee ${phaText(paid)}`}${multisigLine(result)}`,
    () => ({
      ok: true,
      signer: key.address,
      operations: chain.operations,
      hash: result.hash,
      blockHash: result.blockHash,
      blockNumber: result.blockNumber,
      finalized: result.finalized,
      fee: paid,
      ...(mode.kind === 'proxy' ? { proxyFor: mode.real } : {}),
      ...(result.multisig ? { multisig: result.multisig } : {}),
      ...(pending ? {} : report.json?.(result)),
      events: result.events.map((e) => ({ section: e.section, method: e.method, data: e.data })),
    }),
  );
}

/**
 * A batch refused as a whole is retried call by call (each prefix sees the effects of the calls before it, as the
 * chain would) to name the first call that breaks a rule — only on failure, so a passing batch costs nothing more.
 */
async function locate(
  error: unknown,
  client: MiningClient,
  caller: Parameters<OperationChain<unknown>['dryRun']>[0],
  report: TxReport<any>,
): Promise<unknown> {
  const plan = report.plan;
  if (!plan || plan.length < 2 || !report.prefix || !(error instanceof Error)) return error;
  for (let n = 1; n <= plan.length; n++) {
    try {
      await report.prefix(client, n).dryRun(caller);
    } catch (e) {
      // only a broken rule is traced to its call; anything else is reported as it was
      if (!(e instanceof RuleError)) return error;
      return new BatchStepError(plan[n - 1]!, n - 1, plan.length, e, describeError(e));
    }
  }
  return error;
}

/**
 * `--announce` with `--proxy-for` on a proxy with a delay: announces the operations' call (`proxy.announce`) instead
 * of sending it; the same command without `--announce` runs it once the delay has passed.
 */
export async function announceOperations(
  session: Session,
  chain: OperationChain<unknown>,
  mode: SignerMode,
  key: MiningSigner,
): Promise<void> {
  if (mode.kind !== 'proxy') throw new UsageError('--announce needs --proxy-for <account>');
  const signer = wrapSigner(mode, key, session.ss58) as ProxySigner;
  const submission = chain.announce(signer, { waitFor: session.waitFor });
  const stop = session.quiet ? () => undefined : trackStages('announce', submission, session.io.stderr);
  let result: TxResult<{ callHash: string; delay: number }>;
  try {
    result = await submission;
  } finally {
    stop();
  }
  const fee = paidFee(result.events);
  const readyAt = result.blockNumber + result.value.delay;
  session.print(
    () =>
      `✓ announced ${chain.operations.join(' + ')} (${result.value.callHash}) for ${mode.real} — block #${result.blockNumber}${fee === undefined ? '' : `, fee ${phaText(fee)}`}\n  run the same command without --announce from block #${readyAt}`,
    () => ({
      ok: true,
      announced: true,
      proxyFor: mode.real,
      operations: chain.operations,
      callHash: result.value.callHash,
      readyAt,
      hash: result.hash,
      blockNumber: result.blockNumber,
      fee,
    }),
  );
}
