/**
 * Sending through a cold-key signer: the planned extrinsic is signed by the paying key and followed like any other
 * transaction; when it is included, the inner call's result (`ProxyExecuted` / `MultisigExecuted`) decides the
 * outcome, so a pallet error of the inner call fails the submission with the same typed error a direct call gives.
 */
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Vec } from '@polkadot/types';
import type { Call } from '@polkadot/types/interfaces';
import { blake2AsHex } from '@polkadot/util-crypto';
import { ReplaySubject } from 'rxjs';
import { normalizeAddress, sameAccount } from '../accounts.js';
import {
  InvalidColdSignerError,
  MiningError,
  MultisigCallDataRequiredError,
  MultisigCallMismatchError,
  MultisigNotFoundError,
  NotMultisigDepositorError,
  UnexpectedError,
} from '../errors/index.js';
import type { Operation } from '../operations/operation.js';
import { type DecodedEvent, dispatchErrorToMiningError } from '../tx/events.js';
import { type CheckedFee, ensureFeeCovered } from '../tx/fee.js';
import { sendTransaction } from '../tx/sendTransaction.js';
import type { MiningSigner } from '../tx/signer.js';
import { type MultisigOutcome, type TxStage, TxSubmission, type WaitFor } from '../tx/txSubmission.js';
import {
  type ColdDeps,
  type ColdPlan,
  callWeight,
  multisigStep,
  type Prepare,
  planAnnounce,
  planMultisig,
  planProxy,
  requireFunds,
} from './plan.js';
import { type ColdSigner, keyAddress, type MultisigSigner, type ProxySigner } from './signers.js';
import { readPendingMultisig } from './state.js';

/** Where the including block put the extrinsic, for the multisig timepoint of a first approval. */
interface Seen {
  height?: number;
  index?: number;
}

function asMiningError(error: unknown): MiningError {
  if (error instanceof MiningError) return error;
  return new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** The extrinsic's index in the block and the error of its inner call, if that failed. */
async function innerResult(
  deps: ColdDeps,
  blockHash: string,
  hash: string,
): Promise<{ index: number; error: MiningError | undefined }> {
  const { api } = deps;
  const block = await api.rpc.chain.getBlock(blockHash);
  const index = block.block.extrinsics.findIndex((x) => x.hash.toHex() === hash);
  const at = await api.at(blockHash);
  const records = await at.query.system.events();
  for (const r of records) {
    if (!r.phase.isApplyExtrinsic || r.phase.asApplyExtrinsic.toNumber() !== index) continue;
    const { event } = r;
    const result =
      api.events.proxy.ProxyExecuted.is(event) || api.events.multisig.MultisigExecuted.is(event)
        ? event.data.result
        : undefined;
    if (!result) continue;
    if (result.isErr) return { index, error: dispatchErrorToMiningError(api, result.asErr) };
  }
  return { index, error: undefined };
}

/** Passes the stages on, turning an inclusion whose inner call failed into a `failed` stage with its typed error. */
function unwrapStages(
  deps: ColdDeps,
  raw: ReplaySubject<TxStage>,
  out: ReplaySubject<TxStage>,
  seen: Seen,
): void {
  let done = false;
  let queue = Promise.resolve();
  const end = (stage: TxStage) => {
    done = true;
    out.next(stage);
    out.complete();
  };
  raw.subscribe({
    next: (s) => {
      queue = queue.then(async () => {
        if (done) return;
        if (s.stage === 'inBlock' || s.stage === 'finalized') {
          let outcome: Awaited<ReturnType<typeof innerResult>>;
          try {
            outcome = await innerResult(deps, s.blockHash, s.hash);
          } catch (error) {
            end({
              stage: 'failed',
              hash: s.hash,
              error: asMiningError(error),
              blockHash: s.blockHash,
              events: s.events,
            });
            return;
          }
          seen.height = s.blockNumber;
          seen.index = outcome.index;
          if (outcome.error) {
            end({
              stage: 'failed',
              hash: s.hash,
              error: outcome.error,
              blockHash: s.blockHash,
              events: s.events,
            });
            return;
          }
        }
        if (s.stage === 'failed' || s.stage === 'finalized') end(s);
        else out.next(s);
      });
    },
    complete: () => {
      void queue.then(() => {
        if (!done) {
          done = true;
          out.complete();
        }
      });
    },
  });
}

function timepointOf(value: unknown): { height: number; index: number } | undefined {
  const t = value as { height?: unknown; index?: unknown } | undefined;
  if (t?.height === undefined || t.index === undefined) return undefined;
  return { height: Number(t.height), index: Number(t.index) };
}

/** What a multisig step did, from its events. */
function multisigOutcome(events: readonly DecodedEvent[], seen: Seen): MultisigOutcome | undefined {
  for (const e of events) {
    if (e.section !== 'multisig') continue;
    const base = { account: String(e.data.multisig), callHash: String(e.data.callHash) };
    switch (e.method) {
      case 'NewMultisig':
        return {
          ...base,
          status: 'opened',
          timepoint:
            seen.height === undefined || seen.index === undefined
              ? undefined
              : { height: seen.height, index: seen.index },
        };
      case 'MultisigApproval':
        return { ...base, status: 'approved', timepoint: timepointOf(e.data.timepoint) };
      case 'MultisigExecuted':
        return { ...base, status: 'executed', timepoint: timepointOf(e.data.timepoint) };
      case 'MultisigCancelled':
        return { ...base, status: 'cancelled', timepoint: timepointOf(e.data.timepoint) };
    }
  }
  return undefined;
}

type Decoded<V> = { value: V; values: unknown[]; multisig?: MultisigOutcome };

/**
 * Plans (rejecting with the first broken rule's typed error before anything is signed), checks the payer's funds,
 * then signs with the paying key and follows the transaction.
 */
export function sendPlanned<V>(
  deps: ColdDeps,
  plan: () => Promise<ColdPlan>,
  waitFor: WaitFor,
  decodeOps: ((events: DecodedEvent[]) => { value: V; values: unknown[] }) | undefined,
  /** an estimate the caller already checked ({@link CheckedFee}): reused while it holds */
  checkedFee?: CheckedFee,
): TxSubmission<V> {
  const stages = new ReplaySubject<TxStage>();
  const seen: Seen = {};
  const decode = (events: DecodedEvent[]): Decoded<V> => {
    const multisig = multisigOutcome(events, seen);
    // an approval that does not execute has none of the operations' events yet
    if (!decodeOps || (multisig && multisig.status !== 'executed'))
      return { value: undefined as V, values: [], ...(multisig ? { multisig } : {}) };
    return { ...decodeOps(events), ...(multisig ? { multisig } : {}) };
  };
  const submission = new TxSubmission<V>(stages, waitFor, decode);
  void (async () => {
    let planned: ColdPlan;
    try {
      planned = await plan();
      if (typeof planned.payer === 'string')
        throw new InvalidColdSignerError(
          `${planned.payerAddress} is an address: sending needs its key (an address only checks: dryRun, estimateFee)`,
        );
      await ensureFeeCovered(deps.api, planned.outer, planned.payerAddress, planned.deposit, checkedFee);
    } catch (error) {
      stages.next({ stage: 'failed', hash: undefined, error: asMiningError(error) });
      stages.complete();
      return;
    }
    const raw = new ReplaySubject<TxStage>();
    unwrapStages(deps, raw, stages, seen);
    await sendTransaction(deps, planned.outer, planned.payer as MiningSigner, planned.payerAddress, raw);
  })();
  return submission;
}

/** The plan for an operation chain sent with a cold-key signer. */
export function planFor(
  deps: ColdDeps,
  signer: ColdSigner,
  ops: readonly Operation[],
  prepare: Prepare,
): Promise<ColdPlan> {
  return signer.coldKey === 'proxy'
    ? planProxy(deps, signer, ops, prepare)
    : planMultisig(deps, signer, prepare);
}

/** What a dry run through a cold-key signer reports besides the operations. */
export interface ColdDryRun {
  /** the calls the operations build, `section.method` */
  calls: string[];
  /** who signs and pays, SS58 */
  signer: string;
  /** the wrapping call, e.g. `proxy.proxy` */
  wrapper: string;
  /** the deposit the wrapping call reserves, planck */
  deposit: bigint;
  /** the estimated fee, planck */
  fee: bigint;
}

/** The calls inside a cold plan's inner call, `section.method` (a batch's each). */
export function innerCalls(inner: SubmittableExtrinsic<'promise'> | undefined): string[] {
  if (!inner) return [];
  const m = inner.method;
  if (m.section === 'utility' && m.method === 'batchAll')
    return (m.args[0] as Vec<Call>).map((c) => `${c.section}.${c.method}`);
  return [`${m.section}.${m.method}`];
}

/** Every check of a cold-key send, the payer's funds included, without signing. */
export async function dryRunCold(
  deps: ColdDeps,
  signer: ColdSigner,
  ops: readonly Operation[],
  prepare: Prepare,
): Promise<ColdDryRun> {
  const plan = await planFor(deps, signer, ops, prepare);
  const { fee } = await requireFunds(deps, plan);
  return {
    calls: innerCalls(plan.inner),
    signer: plan.payerAddress,
    wrapper: plan.wrapper,
    deposit: plan.deposit,
    fee,
  };
}

/**
 * Announces the chain's call for a proxy with a delay (`proxy.announce`); the delegate pays the deposit. The value is
 * the call hash and the delay: the call can be sent from block `result.blockNumber + delay` on.
 */
export function announceCold(
  deps: ColdDeps & { waitFor: WaitFor },
  signer: ProxySigner,
  ops: readonly Operation[],
  prepare: Prepare,
): TxSubmission<{ callHash: string; delay: number }> {
  let callHash = '';
  let delay = 0;
  return sendPlanned(
    deps,
    async () => {
      const plan = await planAnnounce(deps, signer, ops, prepare);
      callHash = plan.callHash;
      delay = plan.delay;
      return plan;
    },
    deps.waitFor,
    (events) => {
      const announced = events.find((e) => e.section === 'proxy' && e.method === 'Announced');
      if (!announced) throw new TypeError('no Announced event in the block');
      return { value: { callHash, delay }, values: [] };
    },
  );
}

/** Cancels a pending multisig operation; only the signatory who opened it may (its deposit comes back). */
export function cancelMultisig(
  deps: ColdDeps & { waitFor: WaitFor },
  signer: MultisigSigner,
  callHash: string,
): TxSubmission<void> {
  return sendPlanned<void>(
    deps,
    async () => {
      const { api, ss58 } = deps;
      const account = normalizeAddress(signer.address, ss58);
      const approver = normalizeAddress(keyAddress(signer.approver), ss58);
      const pending = await readPendingMultisig(api, account, callHash, ss58);
      if (!pending) throw new MultisigNotFoundError(account, callHash);
      if (!sameAccount(pending.depositor, approver))
        throw new NotMultisigDepositorError(callHash, pending.depositor, approver);
      return {
        outer: api.tx.multisig.cancelAsMulti(signer.threshold, [...signer.others], pending.when, callHash),
        payer: signer.approver,
        payerAddress: approver,
        account,
        wrapper: 'multisig.cancelAsMulti',
        deposit: 0n,
      };
    },
    deps.waitFor,
    undefined,
  );
}

/**
 * Approves a pending multisig operation by its call hash (opening it when there is none). The approval that reaches
 * the threshold executes the call, so it needs the call data: given here, or stored on chain.
 */
export function approveMultisig(
  deps: ColdDeps & { waitFor: WaitFor },
  signer: MultisigSigner,
  callHash: string,
  callData?: string,
): TxSubmission<void> {
  return sendPlanned<void>(
    deps,
    async () => {
      const { api, ss58 } = deps;
      const account = normalizeAddress(signer.address, ss58);
      if (callData !== undefined) {
        const actual = blake2AsHex(callData, 256);
        if (actual !== callHash) throw new MultisigCallMismatchError(callHash, actual);
      }
      const pending = await readPendingMultisig(api, account, callHash, ss58);
      const data = callData ?? pending?.callData;
      const executes = pending !== undefined && pending.approvals.length + 1 >= signer.threshold;
      if (executes && data === undefined) throw new MultisigCallDataRequiredError(callHash);
      const weight =
        data === undefined
          ? { refTime: 0n, proofSize: 0n }
          : await callWeight(
              api.tx(api.createType('Call', data)) as SubmittableExtrinsic<'promise'>,
              account,
            );
      return multisigStep(deps, signer, callHash, pending, executes ? data : undefined, weight);
    },
    deps.waitFor,
    undefined,
  );
}
