import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { ReplaySubject } from 'rxjs';
import { normalizeAddress, normalizePid } from '../accounts.js';
import { addProxy, type ProxyRelation, removeProxy } from '../coldkeys/proxyOperations.js';
import { announceCold, dryRunCold, innerCalls, planFor, sendPlanned } from '../coldkeys/send.js';
import { type AnySigner, isColdSigner, type ProxySigner } from '../coldkeys/signers.js';
import { EmptyChainError, InvalidPoolIdError, MiningError, UnexpectedError } from '../errors/index.js';
import type { RuntimeSupport } from '../runtimeSupport.js';
import { ChainView } from '../state/chainView.js';
import type { PoolDescription } from '../state/poolDescription.js';
import type { DecodedEvent } from '../tx/events.js';
import { type CheckedFee, checkTxFee, ensureFeeCovered, headHash } from '../tx/fee.js';
import { type SendDeps, sendTransaction } from '../tx/sendTransaction.js';
import type { MiningSigner } from '../tx/signer.js';
import { type TxStage, TxSubmission, type WaitFor } from '../tx/txSubmission.js';
import { addWorker } from './addWorker.js';
import { type ClaimKind, claim } from './claim.js';
import { contribute } from './contribute.js';
import { createPool } from './createPool.js';
import type { Operation, OperationContext } from './operation.js';
import { reclaimWorker } from './reclaimWorker.js';
import { removeWorker } from './removeWorker.js';
import { restartMining } from './restartMining.js';
import { setCap } from './setCap.js';
import { setDescription } from './setDescription.js';
import { setPayout } from './setPayout.js';
import { startMining } from './startMining.js';
import { stopMining } from './stopMining.js';
import { whitelistAdd } from './whitelistAdd.js';
import { whitelistRemove } from './whitelistRemove.js';
import { type WithdrawInput, withdraw } from './withdraw.js';

/** What a chain of operations needs from the client. */
export interface ChainDeps extends SendDeps {
  runtime: RuntimeSupport;
  waitFor: WaitFor;
}

/** Outcome of {@link OperationChain.dryRun}: every rule passed. */
export interface DryRunResult {
  /** The address the chain was validated for, SS58 with the client's prefix. */
  caller: string;
  /** operation kinds, in order */
  operations: string[];
  /** the calls that would be sent (`section.method`), in order; more than one are wrapped in `utility.batchAll` */
  calls: string[];
  /** with a proxy or multisig signer: the key that would sign and pay, SS58 */
  signer?: string;
  /** with a proxy or multisig signer: the call wrapping the operations, e.g. `proxy.proxy` */
  wrapper?: string;
}

/** Outcome of {@link OperationChain.check}: every rule passed and the payer covers the fee. */
export interface CheckResult extends DryRunResult {
  /** the estimate and what the payer can pay; give it to `send` as `checkedFee` */
  fee: CheckedFee;
}

/** Options of {@link OperationChain.send}. */
export interface SendOptions {
  /** the stage the submission resolves at (default: the client's) */
  waitFor?: WaitFor;
  /**
   * What {@link OperationChain.check} returned for this chain and signer: send then skips its own fee estimate and
   * balance read as long as the call, the payer and the head block are those checked (otherwise it checks again).
   */
  checkedFee?: CheckedFee;
}

/**
 * A fluent chain of operations on a pool. Each method returns a new chain with one more operation; `send` sends them
 * as one extrinsic (one call, or `utility.batchAll` of all). Every rule is checked against chain state before
 * signing, in order, each operation seeing the effects of the ones before it.
 *
 * ```ts
 * await client.pool(pid).setPayout(20).setCap(pha('50000')).addWorker(key).send(alice);
 * ```
 */
export class OperationChain<V = void> {
  /** @internal */
  constructor(
    private readonly deps: ChainDeps,
    private readonly ops: readonly Operation[],
    /** the pool the pool-level methods act on */
    readonly pid: bigint | undefined,
  ) {}

  // A builder never throws: bad input (a pool id, percentage, key or amount) becomes an operation that fails its
  // validation, so it surfaces like a broken rule — as the rejection of dryRun/estimateFee or send's `failed` stage.
  private add<W>(build: () => Operation<W>): OperationChain<W> {
    let op: Operation<W>;
    try {
      op = build();
    } catch (error) {
      op = refused(error);
    }
    return new OperationChain<W>(this.deps, [...this.ops, op], this.pid);
  }

  private target(): bigint {
    if (this.pid === undefined) throw new InvalidPoolIdError(undefined);
    return this.pid;
  }

  /** Continues the chain on another pool (same extrinsic). */
  pool(pid: bigint | number): OperationChain<V> {
    try {
      return new OperationChain<V>(this.deps, this.ops, normalizePid(pid));
    } catch (error) {
      return new OperationChain<V>(this.deps, [...this.ops, refused(error)], undefined);
    }
  }

  /** Adds "Create StakePool"; its result is the new pid. */
  createPool(): OperationChain<bigint> {
    return this.add(() => createPool());
  }

  /** "Set Payout Pref": commission in percent, 0–100. */
  setPayout(percent: number): OperationChain<void> {
    return this.add(() => setPayout(this.target(), percent));
  }

  /** "Set Cap": capacity in planck, ≥ the pool's total stake. */
  setCap(cap: bigint): OperationChain<void> {
    return this.add(() => setCap(this.target(), cap));
  }

  /** Sets the pool description: text, or the Phala App's {@link PoolDescription} object (≤ 4400 UTF-8 bytes stored). */
  setDescription(description: string | PoolDescription): OperationChain<void> {
    return this.add(() => setDescription(this.target(), description));
  }

  /** Adds a staker to the contribution whitelist. */
  whitelistAdd(staker: string): OperationChain<void> {
    return this.add(() => whitelistAdd(this.target(), staker));
  }

  /** Removes a staker from the contribution whitelist. */
  whitelistRemove(staker: string): OperationChain<void> {
    return this.add(() => whitelistRemove(this.target(), staker));
  }

  /** "Add Worker" by its public key. */
  addWorker(worker: string): OperationChain<void> {
    return this.add(() => addWorker(this.target(), worker));
  }

  /** "Remove" a Ready worker. */
  removeWorker(worker: string): OperationChain<void> {
    return this.add(() => removeWorker(this.target(), worker));
  }

  /** "Start" a Ready worker with a stake between Smin and Smax. */
  startMining(worker: string, stake: bigint): OperationChain<void> {
    return this.add(() => startMining(this.target(), worker, stake));
  }

  /** "Stop" a Mining or Unresponsive worker. */
  stopMining(worker: string): OperationChain<void> {
    return this.add(() => stopMining(this.target(), worker));
  }

  /** Restart a mining worker with more stake. */
  restartMining(worker: string, stake: bigint): OperationChain<void> {
    return this.add(() => restartMining(this.target(), worker, stake));
  }

  /** Reclaim a worker whose cooldown is over. */
  reclaimWorker(worker: string): OperationChain<void> {
    return this.add(() => reclaimWorker(this.target(), worker));
  }

  /** "Contribute" planck; the result is the shares minted. */
  contribute(amount: bigint): OperationChain<bigint> {
    return this.add(() => contribute(this.target(), amount));
  }

  /** "Withdraw" by shares, by amount, or all. */
  withdraw(input: WithdrawInput): OperationChain<void> {
    return this.add(() => withdraw(this.target(), input));
  }

  /** "Claim" owner and/or staker rewards to `target` (default the signer); the result is the amount claimed. */
  claim(kind: ClaimKind = 'both', target?: string): OperationChain<bigint> {
    return this.add(() => claim(this.target(), kind, target));
  }

  /** "Add proxy": `delegate` may act for the signer within the proxy type's filter (default StakePoolManager). */
  addProxy(delegate: string, options?: ProxyRelation): OperationChain<void> {
    return this.add(() => addProxy(delegate, options));
  }

  /** "Remove proxy": ends a relation added with {@link addProxy} (same type and delay). */
  removeProxy(delegate: string, options?: ProxyRelation): OperationChain<void> {
    return this.add(() => removeProxy(delegate, options));
  }

  /** The operation kinds in this chain. */
  get operations(): string[] {
    return this.ops.map((o) => o.kind);
  }

  private async prepare(
    caller: string,
  ): Promise<{ ctx: OperationContext; tx: SubmittableExtrinsic<'promise'> }> {
    if (this.ops.length === 0) throw new EmptyChainError();
    const { api, runtime, ss58 } = this.deps;
    const ctx: OperationContext = { api, runtime, caller, view: new ChainView(api, ss58) };
    for (const op of this.ops) await op.validate(ctx);
    const calls = this.ops.flatMap((op) => op.calls(ctx));
    const tx = calls.length === 1 ? calls[0]! : batchAll(api, calls);
    return { ctx, tx };
  }

  /** Validates as `caller` and builds the call the operations make (one call, or `utility.batchAll`). */
  private readonly build = async (caller: string) => (await this.prepare(caller)).tx;

  /**
   * Checks every rule against current chain state without signing; throws the first rule's typed error. With a
   * proxy or multisig signer it also checks the proxy relation and filter (or the multisig step) and that the
   * paying key covers the fee and deposit.
   */
  async dryRun(signerOrAddress: AnySigner | string): Promise<DryRunResult> {
    if (isColdSigner(signerOrAddress)) {
      const cold = await dryRunCold(this.deps, signerOrAddress, this.ops, this.build);
      return {
        caller: normalizeAddress(signerOrAddress.address, this.deps.ss58),
        operations: this.operations,
        calls: cold.calls,
        signer: cold.signer,
        wrapper: cold.wrapper,
      };
    }
    const caller = callerOf(signerOrAddress, this.deps.ss58);
    const { ctx } = await this.prepare(caller);
    return {
      caller,
      operations: this.operations,
      calls: this.ops.flatMap((op) => op.calls(ctx)).map((c) => `${c.method.section}.${c.method.method}`),
    };
  }

  /** Validates, then asks the node for the fee of the extrinsic (planck). */
  async estimateFee(signerOrAddress: AnySigner | string): Promise<bigint> {
    if (isColdSigner(signerOrAddress)) {
      // the fee of what the paying key signs (proxy.proxy, multisig.asMulti …)
      const plan = await planFor(this.deps, signerOrAddress, this.ops, this.build);
      return (await plan.outer.paymentInfo(plan.payerAddress)).partialFee.toBigInt();
    }
    const caller = callerOf(signerOrAddress, this.deps.ss58);
    const { tx } = await this.prepare(caller);
    const info = await tx.paymentInfo(caller);
    return info.partialFee.toBigInt();
  }

  /**
   * {@link dryRun} and the fee check `send` makes before signing, in one pass: every rule, then the fee estimated and
   * compared with what the paying key can pay (and the deposit of a proxy announcement or multisig approval); throws
   * the first rule's typed error or {@link InsufficientFeeBalanceError}. Pass the result's `fee` to `send` as
   * `checkedFee` to sign without estimating again, e.g. after asking for a password.
   */
  async check(signerOrAddress: AnySigner | string): Promise<CheckResult> {
    // read first: if the head is the same at send time, no block came between and the figures still hold
    const blockHash = await headHash(this.deps.api);
    if (isColdSigner(signerOrAddress)) {
      const plan = await planFor(this.deps, signerOrAddress, this.ops, this.build);
      const fee = await checkTxFee(this.deps.api, plan.outer, plan.payerAddress, plan.deposit);
      return {
        caller: normalizeAddress(signerOrAddress.address, this.deps.ss58),
        operations: this.operations,
        calls: innerCalls(plan.inner),
        signer: plan.payerAddress,
        wrapper: plan.wrapper,
        fee: { ...fee, blockHash },
      };
    }
    const caller = callerOf(signerOrAddress, this.deps.ss58);
    const { ctx, tx } = await this.prepare(caller);
    const fee = await checkTxFee(this.deps.api, tx, caller, 0n);
    return {
      caller,
      operations: this.operations,
      calls: this.ops.flatMap((op) => op.calls(ctx)).map((c) => `${c.method.section}.${c.method.method}`),
      fee: { ...fee, blockHash },
    };
  }

  /**
   * Validates, signs and sends. Returns at once a {@link TxSubmission}: an Observable of the stages (signed,
   * broadcast, inBlock, finalized — or failed with a typed error) that is also awaitable for the result.
   */
  send(signer: AnySigner, options: SendOptions = {}): TxSubmission<V> {
    const ops = this.ops;
    if (isColdSigner(signer)) {
      // wrapped in proxy.proxy or the multisig step; the inner call's pallet error fails it like a direct call
      return sendPlanned<V>(
        this.deps,
        () => planFor(this.deps, signer, ops, this.build),
        options.waitFor ?? this.deps.waitFor,
        (events) => decodeValues(ops, events, this.deps.api),
        options.checkedFee,
      );
    }
    const stages = new ReplaySubject<TxStage>();
    const submission = new TxSubmission<V>(stages, options.waitFor ?? this.deps.waitFor, (events) =>
      decodeValues(ops, events, this.deps.api),
    );
    void (async () => {
      let caller: string;
      let tx: SubmittableExtrinsic<'promise'>;
      try {
        caller = callerOf(signer, this.deps.ss58);
        tx = (await this.prepare(caller)).tx;
        // a fee the account cannot pay is a typed error before signing, not the node's "1010: Inability to pay"
        await ensureFeeCovered(this.deps.api, tx, caller, 0n, options.checkedFee);
      } catch (error) {
        stages.next({ stage: 'failed', hash: undefined, error: asMiningError(error) });
        stages.complete();
        return;
      }
      await sendTransaction(this.deps, tx, signer, caller, stages);
    })();
    return submission;
  }

  /**
   * For a proxy with a delay: announces this chain's call (`proxy.announce`, signed by the delegate, who reserves the
   * announcement deposit). After the delay, `send` with the same signer executes it (`proxy.proxyAnnounced`).
   */
  announce(
    signer: ProxySigner,
    options: { waitFor?: WaitFor } = {},
  ): TxSubmission<{
    /** blake2-256 of the announced call, 0x-hex */
    callHash: string;
    /** blocks to wait after the announcement's block */
    delay: number;
  }> {
    return announceCold(
      { ...this.deps, waitFor: options.waitFor ?? this.deps.waitFor },
      signer,
      this.ops,
      this.build,
    );
  }
}

/** An operation whose validation fails with the error its builder raised. */
function refused(error: unknown): Operation<never> {
  return {
    kind: 'refused',
    validate: () => Promise.reject(asMiningError(error)),
    calls: () => [],
  };
}

function callerOf(signerOrAddress: MiningSigner | string, ss58: number): string {
  return normalizeAddress(
    typeof signerOrAddress === 'string' ? signerOrAddress : signerOrAddress.address,
    ss58,
  );
}

function batchAll(
  api: ApiPromise,
  calls: SubmittableExtrinsic<'promise'>[],
): SubmittableExtrinsic<'promise'> {
  return api.tx.utility.batchAll(calls);
}

function decodeValues<V>(
  ops: readonly Operation[],
  events: DecodedEvent[],
  api: ApiPromise,
): { value: V; values: unknown[] } {
  const values = ops.map((op) => (op.decode ? op.decode(events, api) : undefined));
  return { value: values[values.length - 1] as V, values };
}

function asMiningError(error: unknown): MiningError {
  if (error instanceof MiningError) return error;
  return new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
}
