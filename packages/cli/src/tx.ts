import type { DecodedEvent, MiningClient, OperationChain, TxResult } from '@phala-mining/core';
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
  const key = await session.signingKey();
  const client = await session.client();
  const chain = build(client);
  if (session.dryRun) {
    const dry = await chain.dryRun(key.address);
    const fee = await chain.estimateFee(key.address);
    session.print(
      () =>
        [
          `dry run: ${dry.operations.join(' + ')} passes every rule for ${dry.caller}; nothing was signed`,
          `  calls          ${dry.calls.length > 1 ? `utility.batchAll(${dry.calls.join(', ')})` : dry.calls[0]}`,
          `  estimated fee  ${phaText(fee)}`,
        ].join('\n'),
      () => ({
        dryRun: true,
        signer: dry.caller,
        operations: dry.operations,
        calls: dry.calls,
        batched: dry.calls.length > 1,
        estimatedFee: fee,
      }),
    );
    return;
  }
  // a rule broken by the chain's state is reported before the keystore password is asked for
  await chain.dryRun(key.address);
  const pair = await key.unlock();
  const submission = chain.send(pair, { waitFor: session.waitFor });
  const label = chain.operations.length > 1 ? `batch of ${chain.operations.length}` : chain.operations[0]!;
  const stop = session.quiet ? () => undefined : trackStages(label, submission, session.io.stderr);
  let result: TxResult<V>;
  try {
    result = await submission;
  } finally {
    stop();
  }
  const fee = paidFee(result.events);
  session.print(
    () =>
      `✓ ${report.summary(result)} — block #${result.blockNumber}${result.finalized ? ' (finalized)' : ''}${fee === undefined ? '' : `, fee ${phaText(fee)}`}`,
    () => ({
      ok: true,
      signer: key.address,
      operations: chain.operations,
      hash: result.hash,
      blockHash: result.blockHash,
      blockNumber: result.blockNumber,
      finalized: result.finalized,
      fee,
      ...report.json?.(result),
      events: result.events.map((e) => ({ section: e.section, method: e.method, data: e.data })),
    }),
  );
}
