/**
 * Set-up helpers for cold owner keys on the dev chain: a proxy delegate acting for a pool owner, and a multisig
 * account that owns a pool. They submit the same extrinsics a user would (proxy.addProxy, multisig.approveAsMulti
 * then multisig.asMulti), so the chain's deposits and events are the real ones.
 */
import type { SubmittableResult } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import { createKeyMulti, encodeAddress, sortAddresses } from '@polkadot/util-crypto';
import { SS58_FORMAT } from './accounts.js';
import type { TestChain } from './chain.js';
import { InvalidArgumentError } from './errors.js';

export type ProxyTypeName =
  | 'Any'
  | 'NonTransfer'
  | 'CancelProxy'
  | 'Governance'
  | 'Collator'
  | 'StakePoolManager';

/** Makes `delegate` a proxy of `real` (default: StakePoolManager, no delay); `real` pays the deposit. */
export function addProxy(
  chain: TestChain,
  real: KeyringPair,
  delegate: { address: string },
  options: { type?: ProxyTypeName; delay?: number } = {},
): Promise<SubmittableResult> {
  return chain.sendTx(
    // the testing package does not load the generated augmentation, so the decorated tx is untyped here
    (chain.api.tx as any).proxy.addProxy(delegate.address, options.type ?? 'StakePoolManager', options.delay ?? 0),
    real,
  );
}

/** The SS58 address of the multisig account of `signatories` with `threshold` (order does not matter). */
export function multisigAddress(signatories: ReadonlyArray<{ address: string }>, threshold: number): string {
  return encodeAddress(
    createKeyMulti(
      signatories.map((s) => s.address),
      threshold,
    ),
    SS58_FORMAT,
  );
}

export interface MultisigRun {
  /** the multisig account */
  multisig: string;
  /** the result of the executing `asMulti` (its events include `multisig.MultisigExecuted`) */
  executed: SubmittableResult;
}

/**
 * Runs `call` from the multisig of `signatories`: the first approver opens it by hash, the next ones approve at its
 * timepoint, and the last (the `threshold`-th) executes it with the call data.
 */
export async function sendAsMultisig(
  chain: TestChain,
  call: SubmittableExtrinsic<'promise'>,
  options: { signatories: KeyringPair[]; threshold: number; approvers?: KeyringPair[] },
): Promise<MultisigRun> {
  const { signatories, threshold } = options;
  const approvers = options.approvers ?? signatories.slice(0, threshold);
  if (threshold < 2) throw new InvalidArgumentError(`threshold must be 2 or more (got ${threshold})`);
  if (approvers.length < threshold)
    throw new InvalidArgumentError(`${threshold} approvers needed, ${approvers.length} given`);
  if (approvers.some((a) => !signatories.includes(a)))
    throw new InvalidArgumentError('every approver must be a signatory');
  const multisig = multisigAddress(signatories, threshold);
  const others = (me: KeyringPair) =>
    sortAddresses(
      signatories.filter((s) => s !== me).map((s) => s.address),
      SS58_FORMAT,
    );
  const maxWeight = { refTime: 10_000_000_000n, proofSize: 0n };
  const hash = call.method.hash;
  const api = chain.api as any;
  await chain.sendTx(
    api.tx.multisig.approveAsMulti(threshold, others(approvers[0]!), null, hash, maxWeight),
    approvers[0]!,
  );
  const when = (await api.query.multisig.multisigs(multisig, hash)).unwrap().when;
  for (const approver of approvers.slice(1, threshold - 1)) {
    await chain.sendTx(
      api.tx.multisig.approveAsMulti(threshold, others(approver), when, hash, maxWeight),
      approver,
    );
  }
  const last = approvers[threshold - 1]!;
  const executed = await chain.sendTx(
    api.tx.multisig.asMulti(threshold, others(last), when, call.method.toHex(), false, maxWeight),
    last,
  );
  return { multisig, executed };
}
