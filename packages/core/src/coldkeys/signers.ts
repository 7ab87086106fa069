import { createKeyMulti, encodeAddress, sortAddresses } from '@polkadot/util-crypto';
import { normalizeAddress, sameAccount } from '../accounts.js';
import { InvalidColdSignerError } from '../errors/index.js';
import type { MiningSigner } from '../tx/signer.js';
import { PROXY_TYPES, type ProxyTypeName } from './proxyFilter.js';

/**
 * A delegate acting for a cold account through `proxy.proxy` (or `proxy.proxyAnnounced` after a delay). Operations
 * are validated as the real account; the delegate signs and pays the fee.
 */
export interface ProxySigner {
  /** marks a proxy signer */
  readonly coldKey: 'proxy';
  /** the account the operations act as (the pool owner), SS58 */
  readonly address: string;
  /** the hot key that signs and pays; an address only checks (`dryRun`, `estimateFee`) and cannot send */
  readonly delegate: MiningSigner | string;
  /** the proxy type the relation was added with; sent as `force_proxy_type` */
  readonly proxyType: ProxyTypeName;
}

/**
 * One signatory of a multisig account: sending with it opens the operation (first approval), adds an approval, or —
 * as the threshold-th approval — executes the call. Operations are validated as the multisig account.
 */
export interface MultisigSigner {
  /** marks a multisig signer */
  readonly coldKey: 'multisig';
  /** the multisig account the operations act as, SS58 */
  readonly address: string;
  /**
   * this signatory's key: it signs and pays the fee (and the deposit of a first approval); an address only checks
   * (`dryRun`, `estimateFee`) and cannot send
   */
  readonly approver: MiningSigner | string;
  /** approvals needed, ≥ 2 */
  readonly threshold: number;
  /** the other signatories, SS58, sorted as the chain wants them */
  readonly others: readonly string[];
}

/** What the operations' `send` accepts: a key, or a key acting for a cold account. */
export type AnySigner = MiningSigner | ProxySigner | MultisigSigner;

/** A proxy or multisig signer (not a plain key). */
export type ColdSigner = ProxySigner | MultisigSigner;

/** True for {@link asProxy} / {@link asMultisig} signers. */
export function isColdSigner(signer: AnySigner | string): signer is ColdSigner {
  return typeof signer === 'object' && signer !== null && 'coldKey' in signer;
}

/**
 * `delegate` acting for `real` as its proxy: `pool.addWorker(key).send(asProxy(hotKey, { real: owner }))`.
 * `type` defaults to StakePoolManager, Khala's proxy type for running pools without the owner's key.
 */
export function asProxy(
  delegate: MiningSigner | string,
  options: { real: string; type?: ProxyTypeName; ss58?: number },
): ProxySigner {
  const type = options.type ?? 'StakePoolManager';
  if (!(PROXY_TYPES as readonly string[]).includes(type))
    throw new InvalidColdSignerError(
      `unknown proxy type ${JSON.stringify(type)}: one of ${PROXY_TYPES.join(', ')}`,
    );
  return {
    coldKey: 'proxy',
    address: normalizeAddress(options.real, options.ss58),
    delegate,
    proxyType: type,
  };
}

/**
 * `signer` as one signatory of the `threshold`-of-(1 + others) multisig account:
 * `pool.setPayout(20).send(asMultisig(alice, { threshold: 2, others: [bob, charlie] }))`.
 */
export function asMultisig(
  signer: MiningSigner | string,
  options: { threshold: number; others: ReadonlyArray<string | { address: string }>; ss58?: number },
): MultisigSigner {
  const ss58 = options.ss58 ?? 30;
  const others = options.others.map((o) => normalizeAddress(typeof o === 'string' ? o : o.address, ss58));
  const { threshold } = options;
  if (others.length === 0) throw new InvalidColdSignerError('a multisig needs at least one other signatory');
  if (others.some((o) => sameAccount(o, keyAddress(signer))))
    throw new InvalidColdSignerError('the signer must not be among the other signatories');
  if (new Set(others.map((o) => normalizeAddress(o, 42))).size !== others.length)
    throw new InvalidColdSignerError('the other signatories must be distinct');
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > others.length + 1)
    throw new InvalidColdSignerError(
      `the threshold must be an integer from 2 to ${others.length + 1} (the number of signatories), got ${threshold}`,
    );
  return {
    coldKey: 'multisig',
    address: multisigAccount([keyAddress(signer), ...others], threshold, ss58),
    approver: signer,
    threshold,
    others: sortAddresses(others, ss58),
  };
}

/** The SS58 address of the multisig account of `signatories` and `threshold` (order does not matter). */
export function multisigAccount(signatories: readonly string[], threshold: number, ss58 = 30): string {
  return encodeAddress(createKeyMulti([...signatories], threshold), ss58);
}

/** The address of a key, or the address itself. */
export function keyAddress(key: MiningSigner | string): string {
  return typeof key === 'string' ? key : key.address;
}
