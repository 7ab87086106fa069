/**
 * How an operation chain becomes the extrinsic a cold-key signer sends: `proxy.proxy(real, type, call)` (or
 * `proxy.proxyAnnounced` after a delay), or the multisig step this signatory is at (first approval, approval,
 * execution with the call data). Every check the chain would make is made first, in the chain's order.
 */
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { normalizeAddress, sameAccount } from '../accounts.js';
import {
  MultisigAlreadyApprovedError,
  NotProxyError,
  ProxyAnnouncementPendingError,
  ProxyAnnouncementRequiredError,
  ProxyCallFilteredError,
} from '../errors/index.js';
import type { Operation, OperationContext } from '../operations/operation.js';
import type { RuntimeSupport } from '../runtimeSupport.js';
import { ChainView } from '../state/chainView.js';
import { type CheckedFee, checkTxFee } from '../tx/fee.js';
import type { SendDeps } from '../tx/sendTransaction.js';
import type { MiningSigner } from '../tx/signer.js';
import { firstFilteredCall, type ProxyTypeName } from './proxyFilter.js';
import { keyAddress, type MultisigSigner, type ProxySigner } from './signers.js';
import {
  type PendingMultisig,
  type ProxyDefinition,
  readAnnouncements,
  readPendingMultisig,
  readProxies,
} from './state.js';

type Extrinsic = SubmittableExtrinsic<'promise'>;

/** What planning needs from the client. */
export interface ColdDeps extends SendDeps {
  runtime: RuntimeSupport;
}

/** Validates the operations as `caller` and builds their call (one call, or `utility.batchAll` of all). */
export type Prepare = (caller: string) => Promise<Extrinsic>;

/** The extrinsic to sign and who signs and pays it. */
export interface ColdPlan {
  /** what the paying key signs */
  outer: Extrinsic;
  /** the key that signs and pays (an address: checks only) */
  payer: MiningSigner | string;
  /** its address, SS58 */
  payerAddress: string;
  /** the account the operations act as (real or multisig), SS58 */
  account: string;
  /** the wrapping call, e.g. `proxy.proxy`, `multisig.approveAsMulti` */
  wrapper: string;
  /** the deposit the outer call reserves from the payer, planck */
  deposit: bigint;
  /** the operations' own call, when there is one */
  inner?: Extrinsic;
}

function callName(c: { section: string; method: string }): string {
  return `${c.section}.${c.method}`;
}

/** The relation the delegate acts through; NotProxy when there is none of that type. */
export async function requireProxy(deps: ColdDeps, signer: ProxySigner): Promise<ProxyDefinition> {
  const real = normalizeAddress(signer.address, deps.ss58);
  const delegate = normalizeAddress(keyAddress(signer.delegate), deps.ss58);
  const defs = await readProxies(deps.api, real, deps.ss58);
  const def = defs.find((d) => sameAccount(d.delegate, delegate) && d.proxyType === signer.proxyType);
  if (!def) throw new NotProxyError(real, delegate, signer.proxyType);
  return def;
}

/**
 * Checks the filter on the calls the operations build before their rules run, as the chain filters before it
 * dispatches. An operation whose calls depend on its validation (a claim builds nothing until it knows what is
 * claimable) is checked again on the final call.
 */
function previewFilter(deps: ColdDeps, ops: readonly Operation[], caller: string, type: ProxyTypeName): void {
  const ctx: OperationContext = {
    api: deps.api,
    runtime: deps.runtime,
    caller,
    view: new ChainView(deps.api, deps.ss58),
  };
  for (const op of ops) {
    let calls: Extrinsic[];
    try {
      calls = op.calls(ctx);
    } catch {
      continue;
    }
    for (const c of calls) requireAllowed(type, c);
  }
}

function requireAllowed(type: ProxyTypeName, call: Extrinsic): void {
  const refused = firstFilteredCall(type, call.method);
  if (refused) throw new ProxyCallFilteredError(type, callName(refused));
}

/** The operations' call, checked for a proxy: relation, filter, then every rule as the real account. */
export async function proxiedCall(
  deps: ColdDeps,
  signer: ProxySigner,
  ops: readonly Operation[],
  prepare: Prepare,
): Promise<{ def: ProxyDefinition; real: string; inner: Extrinsic }> {
  const def = await requireProxy(deps, signer);
  const real = normalizeAddress(signer.address, deps.ss58);
  previewFilter(deps, ops, real, signer.proxyType);
  const inner = await prepare(real);
  requireAllowed(signer.proxyType, inner);
  return { def, real, inner };
}

/** `proxy.proxy(real, type, call)`, or `proxy.proxyAnnounced` once an announced call's delay has passed. */
export async function planProxy(
  deps: ColdDeps,
  signer: ProxySigner,
  ops: readonly Operation[],
  prepare: Prepare,
): Promise<ColdPlan> {
  const { api, ss58 } = deps;
  const { def, real, inner } = await proxiedCall(deps, signer, ops, prepare);
  const delegate = normalizeAddress(keyAddress(signer.delegate), ss58);
  const base = { payer: signer.delegate, payerAddress: delegate, account: real, deposit: 0n, inner };
  if (def.delay === 0) {
    return { ...base, outer: api.tx.proxy.proxy(real, signer.proxyType, inner), wrapper: 'proxy.proxy' };
  }
  const callHash = inner.method.hash.toHex();
  const announced = (await readAnnouncements(api, delegate, ss58)).filter(
    (a) => a.callHash === callHash && sameAccount(a.real, real),
  );
  if (announced.length === 0) throw new ProxyAnnouncementRequiredError(def.delay, callHash);
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const readyAt = Math.min(...announced.map((a) => a.height)) + def.delay;
  // the call runs in the next block: FRAME wants now − announced ≥ delay there
  if (head + 1 < readyAt) throw new ProxyAnnouncementPendingError(callHash, readyAt, head);
  return {
    ...base,
    outer: api.tx.proxy.proxyAnnounced(delegate, real, signer.proxyType, inner),
    wrapper: 'proxy.proxyAnnounced',
  };
}

/** `proxy.announce(real, hash)` of the operations' call, for a proxy with a delay. */
export async function planAnnounce(
  deps: ColdDeps,
  signer: ProxySigner,
  ops: readonly Operation[],
  prepare: Prepare,
): Promise<ColdPlan & { callHash: string; delay: number }> {
  const { api, ss58 } = deps;
  const { def, real, inner } = await proxiedCall(deps, signer, ops, prepare);
  const delegate = normalizeAddress(keyAddress(signer.delegate), ss58);
  const existing = await readAnnouncements(api, delegate, ss58);
  const consts = api.consts.proxy;
  const factor = BigInt(consts.announcementDepositFactor.toString());
  const deposit = existing.length === 0 ? BigInt(consts.announcementDepositBase.toString()) + factor : factor;
  const callHash = inner.method.hash.toHex();
  return {
    outer: api.tx.proxy.announce(real, callHash),
    payer: signer.delegate,
    payerAddress: delegate,
    account: real,
    wrapper: 'proxy.announce',
    deposit,
    inner,
    callHash,
    delay: def.delay,
  };
}

/** The weight limit for executing `call` as `account` (what `max_weight` must cover). */
export async function callWeight(
  call: Extrinsic,
  account: string,
): Promise<{ refTime: bigint; proofSize: bigint }> {
  const info = await call.paymentInfo(account);
  // Weight V2 (refTime, proofSize), or a bare u64 on runtimes before it
  const w: { refTime?: Codec; proofSize?: Codec; toString(): string } = info.weight;
  if (w.refTime !== undefined) {
    return { refTime: BigInt(w.refTime.toString()), proofSize: BigInt(w.proofSize?.toString() ?? '0') };
  }
  return { refTime: BigInt(w.toString()), proofSize: 0n };
}

/** The multisig deposit of a first approval: `DepositBase + DepositFactor × threshold`. */
export function multisigDeposit(api: ApiPromise, threshold: number): bigint {
  const consts = api.consts.multisig;
  return BigInt(consts.depositBase.toString()) + BigInt(consts.depositFactor.toString()) * BigInt(threshold);
}

/** The multisig step this signatory is at for `inner`: open, approve, or execute. */
export function multisigStep(
  deps: ColdDeps,
  signer: MultisigSigner,
  callHash: string,
  pending: PendingMultisig | undefined,
  callData: string | undefined,
  weight: { refTime: bigint; proofSize: bigint },
): ColdPlan {
  const { api, ss58 } = deps;
  const account = normalizeAddress(signer.address, ss58);
  const approver = normalizeAddress(keyAddress(signer.approver), ss58);
  const ms = api.tx.multisig;
  const others = [...signer.others];
  const base = { payer: signer.approver, payerAddress: approver, account };
  if (!pending) {
    return {
      ...base,
      outer: ms.approveAsMulti(signer.threshold, others, null, callHash, weight),
      wrapper: 'multisig.approveAsMulti',
      deposit: multisigDeposit(api, signer.threshold),
    };
  }
  if (pending.approvals.some((a) => sameAccount(a, approver)))
    throw new MultisigAlreadyApprovedError(
      account,
      callHash,
      approver,
      pending.approvals.length,
      signer.threshold,
    );
  if (pending.approvals.length + 1 >= signer.threshold && callData !== undefined) {
    return {
      ...base,
      outer: ms.asMulti(signer.threshold, others, pending.when, callData, false, weight),
      wrapper: 'multisig.asMulti',
      deposit: 0n,
    };
  }
  return {
    ...base,
    outer: ms.approveAsMulti(signer.threshold, others, pending.when, callHash, weight),
    wrapper: 'multisig.approveAsMulti',
    deposit: 0n,
  };
}

/** The operations sent by one signatory of a multisig: every rule checked as the multisig account. */
export async function planMultisig(
  deps: ColdDeps,
  signer: MultisigSigner,
  prepare: Prepare,
): Promise<ColdPlan> {
  const account = normalizeAddress(signer.address, deps.ss58);
  const inner = await prepare(account);
  const callHash = inner.method.hash.toHex();
  const [pending, weight] = await Promise.all([
    readPendingMultisig(deps.api, account, callHash, deps.ss58),
    callWeight(inner, account),
  ]);
  return { ...multisigStep(deps, signer, callHash, pending, inner.method.toHex(), weight), inner };
}

/**
 * The payer must cover the fee of what it signs plus the deposit it reserves, by the chain's rule
 * ({@link checkFeeCovered}: the fee from free − max(feeFrozen, ED − reserved), the deposit above miscFrozen).
 * Returns the checked estimate.
 */
export function requireFunds(deps: ColdDeps, plan: ColdPlan): Promise<Omit<CheckedFee, 'blockHash'>> {
  return checkTxFee(deps.api, plan.outer, plan.payerAddress, plan.deposit);
}
