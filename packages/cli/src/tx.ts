import type {
  DecodedEvent,
  MiningClient,
  MiningSigner,
  OperationChain,
  ProxySigner,
  TxResult,
} from '@phala-mining/core';
import { multisigLine, type SignerMode, signerMode, wrapSigner } from './coldKeys.js';
import { UsageError } from './errors.js';
import { phaText } from './format.js';
import { trackStages } from './progress.js';
import type { Session } from './session.js';

/** How a command reports its transaction's outcome. */
export interface TxReport<V> {
  /** one human line about what happened, e.g. `created pool 7` */
  summary(result: TxResult<V>): string;
  /** extra fields of the JSON result */
  json?(result: TxResult<V>): Record<string, unknown>;
}

/** The fee the signer paid, from `TransactionPayment.TransactionFeePaid` (undefined on runtimes without it). */
export function paidFee(events: readonly DecodedEvent[]): bigint | undefined {
  const e = events.find((x) => x.section === 'transactionPayment' && x.method === 'TransactionFeePaid');
  const fee = e?.data.actualFee;
  return typeof fee === 'bigint' ? fee : undefined;
}

/**
 * Runs a chain of operations the way every signing command does: rules checked against the chain with the key's
 * address before any password is asked for; with `--dry-run` the fee is estimated and nothing is signed; otherwise
 * the key is unlocked, the extrinsic (one call or one `utility.batchAll`) sent and its stages shown.
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
  if (session.dryRun) {
    const dry = await chain.dryRun(checkAs);
    const fee = await chain.estimateFee(checkAs);
    session.print(
      () =>
        [
          `dry run: ${dry.operations.join(' + ')} passes every rule for ${dry.caller}; nothing was signed`,
          `  calls          ${dry.calls.length > 1 ? `utility.batchAll(${dry.calls.join(', ')})` : dry.calls[0]}`,
          ...(dry.wrapper ? [`  sent as        ${dry.wrapper}, signed and paid by ${dry.signer}`] : []),
          `  estimated fee  ${phaText(fee)}`,
        ].join('\n'),
      () => ({
        dryRun: true,
        signer: dry.caller,
        operations: dry.operations,
        calls: dry.calls,
        batched: dry.calls.length > 1,
        ...(dry.wrapper ? { wrapper: dry.wrapper, paidBy: dry.signer } : {}),
        estimatedFee: fee,
      }),
    );
    return;
  }
  // a rule broken by the chain's state is reported before the keystore password is asked for
  if (session.options.announce) {
    // a delayed proxy: the call is announced now and sent after the delay (checks run inside, before signing)
    await announceOperations(session, chain as OperationChain<unknown>, mode, await key.unlock());
    return;
  }
  await chain.dryRun(checkAs);
  const pair = await key.unlock();
  const submission = chain.send(wrapSigner(mode, pair, session.ss58), { waitFor: session.waitFor });
  const label = chain.operations.length > 1 ? `batch of ${chain.operations.length}` : chain.operations[0]!;
  const stop = session.quiet ? () => undefined : trackStages(label, submission, session.io.stderr);
  let result: TxResult<V>;
  try {
    result = await submission;
  } finally {
    stop();
  }
  const fee = paidFee(result.events);
  // a multisig approval that does not execute yet has no operation result to report
  const pending = result.multisig !== undefined && result.multisig.status !== 'executed';
  session.print(
    () =>
      `✓ ${pending ? `${chain.operations.join(' + ')} ${result.multisig!.status} by ${key.address}` : report.summary(result)} — block #${result.blockNumber}${result.finalized ? ' (finalized)' : ''}${fee === undefined ? '' : `, fee ${phaText(fee)}`}${multisigLine(result)}`,
    () => ({
      ok: true,
      signer: key.address,
      operations: chain.operations,
      hash: result.hash,
      blockHash: result.blockHash,
      blockNumber: result.blockNumber,
      finalized: result.finalized,
      fee,
      ...(mode.kind === 'proxy' ? { proxyFor: mode.real } : {}),
      ...(result.multisig ? { multisig: result.multisig } : {}),
      ...(pending ? {} : report.json?.(result)),
      events: result.events.map((e) => ({ section: e.section, method: e.method, data: e.data })),
    }),
  );
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
