import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { distinctUntilChanged, from, map, type Observable, switchMap } from 'rxjs';
import type { ProxyTypeName } from './proxyFilter.js';

type AnyCodec = Codec & Record<string, any>;

/** One proxy relation of an account (`Proxy.Proxies`). */
export interface ProxyDefinition {
  /** the account that may act, SS58 */
  delegate: string;
  /** what the delegate may call (Khala's `ProxyType` filter) */
  proxyType: ProxyTypeName;
  /** blocks an announced call must wait before the delegate may execute it; 0 = no announcement needed */
  delay: number;
}

/** A multisig operation's timepoint: the block and extrinsic index of its first approval. */
export interface Timepoint {
  /** block number */
  height: number;
  /** extrinsic index in that block */
  index: number;
}

/** An operation of a multisig account waiting for approvals (`Multisig.Multisigs`). */
export interface PendingMultisig {
  /** the multisig account, SS58 */
  multisig: string;
  /** blake2-256 of the call, 0x-hex */
  callHash: string;
  /** where the first approval was included; later approvals and the cancel must name it */
  when: Timepoint;
  /** reserved from the depositor until execution or cancel, planck */
  deposit: bigint;
  /** who opened it (and alone may cancel it), SS58 */
  depositor: string;
  /** signatories that approved, SS58 */
  approvals: string[];
  /** the call data when it is stored on chain (`Multisig.Calls`), 0x-hex */
  callData: string | undefined;
}

/** An announced proxy call (`Proxy.Announcements` of the delegate). */
export interface ProxyAnnouncement {
  /** the account the call will act as, SS58 */
  real: string;
  /** blake2-256 of the announced call, 0x-hex */
  callHash: string;
  /** block of the announcement */
  height: number;
}

function proxyDefinitions(value: AnyCodec, ss58: number): ProxyDefinition[] {
  const [list] = value as unknown as [AnyCodec[]];
  return list.map((d: AnyCodec) => ({
    delegate: encodeAddress(d.delegate.toU8a(), ss58),
    proxyType: d.proxyType.toString() as ProxyTypeName,
    delay: d.delay.toNumber(),
  }));
}

/** The proxies of `real`, as the chain holds them now. */
export async function readProxies(api: ApiPromise, real: string, ss58: number): Promise<ProxyDefinition[]> {
  return proxyDefinitions((await (api.query as any).proxy.proxies(real)) as AnyCodec, ss58);
}

/** Live proxies of an account. */
export function proxies$(api: ApiPromise, account: string, ss58: number): Observable<ProxyDefinition[]> {
  return ((api.rx.query as any).proxy.proxies(account) as Observable<AnyCodec>).pipe(
    map((value) => proxyDefinitions(value, ss58)),
  );
}

/** The delegate's announcements. */
export async function readAnnouncements(
  api: ApiPromise,
  delegate: string,
  ss58: number,
): Promise<ProxyAnnouncement[]> {
  const [list] = (await (api.query as any).proxy.announcements(delegate)) as unknown as [AnyCodec[]];
  return list.map((a) => ({
    real: encodeAddress(a.real.toU8a(), ss58),
    callHash: a.callHash.toHex(),
    height: a.height.toNumber(),
  }));
}

function pendingOf(
  multisig: string,
  callHash: string,
  m: AnyCodec,
  callData: string | undefined,
  ss58: number,
): PendingMultisig {
  return {
    multisig,
    callHash,
    when: { height: m.when.height.toNumber(), index: m.when.index.toNumber() },
    deposit: m.deposit.toBigInt(),
    depositor: encodeAddress(m.depositor.toU8a(), ss58),
    approvals: (m.approvals as AnyCodec[]).map((a) => encodeAddress(a.toU8a(), ss58)),
    callData,
  };
}

async function storedCall(api: ApiPromise, callHash: string): Promise<string | undefined> {
  const calls = (api.query as any).multisig.calls;
  if (typeof calls !== 'function') return undefined;
  const stored = (await calls(callHash)) as AnyCodec;
  if (!stored.isSome) return undefined;
  const opaque = stored.unwrap()[0] as AnyCodec;
  // WrapperKeepOpaque: the call's bytes behind their compact length
  return u8aToHex(opaque.toU8a(true));
}

/** One pending operation of a multisig account, or undefined. */
export async function readPendingMultisig(
  api: ApiPromise,
  multisig: string,
  callHash: string,
  ss58: number,
): Promise<PendingMultisig | undefined> {
  const value = (await (api.query as any).multisig.multisigs(multisig, callHash)) as AnyCodec;
  if (!value.isSome) return undefined;
  return pendingOf(multisig, callHash, value.unwrap(), await storedCall(api, callHash), ss58);
}

/** Every pending operation of a multisig account, oldest first. */
export async function readPendingMultisigs(
  api: ApiPromise,
  multisig: string,
  ss58: number,
): Promise<PendingMultisig[]> {
  const entries = (await (api.query as any).multisig.multisigs.entries(multisig)) as [AnyCodec, AnyCodec][];
  const out: PendingMultisig[] = [];
  for (const [key, value] of entries) {
    if (!value.isSome) continue;
    const callHash = (key.args[1] as AnyCodec).toHex();
    out.push(pendingOf(multisig, callHash, value.unwrap(), await storedCall(api, callHash), ss58));
  }
  return out.sort((a, b) => a.when.height - b.when.height || a.when.index - b.when.index);
}

/**
 * Live pending operations of a multisig account. `Multisig.Multisigs` is a double map whose prefix cannot be
 * subscribed to, so it is read again at every new head (the first one comes at once) (and emitted only when it changed).
 */
export function pendingMultisigs$(
  api: ApiPromise,
  multisig: string,
  ss58: number,
): Observable<PendingMultisig[]> {
  return (api.rx.rpc.chain.subscribeNewHeads() as Observable<unknown>).pipe(
    switchMap(() => from(readPendingMultisigs(api, multisig, ss58))),
    distinctUntilChanged((a, b) => JSON.stringify(a, bigintJson) === JSON.stringify(b, bigintJson)),
  );
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
