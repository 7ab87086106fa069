import {
  type AnySigner,
  asMultisig,
  asProxy,
  type MiningSigner,
  multisigAccount,
  type ProxyTypeName,
} from '@phala-mining/core';
import { decodeAddress } from '@polkadot/util-crypto';

/**
 * Whom the selected account signs as: itself, the pool owner it is a proxy of (`proxy.proxy(real, type, call)`), or
 * a multisig account it is one signatory of (approve or execute through `multisig.*`).
 */
export type Acting =
  | { kind: 'self' }
  | { kind: 'proxy'; real: string; proxyType: ProxyTypeName; delay: number }
  | { kind: 'multisig'; address: string; threshold: number; signatories: string[] };

/** A multisig the user told the dashboard about: the chain keeps only its hash of signatories and threshold. */
export interface KnownMultisig {
  address: string;
  threshold: number;
  signatories: string[];
}

export const SELF: Acting = { kind: 'self' };

/** The same account whatever SS58 prefix the address is written with. */
export function sameAccount(a: string, b: string): boolean {
  try {
    return decodeAddress(a).toString() === decodeAddress(b).toString();
  } catch {
    return false;
  }
}

/** A stable id of the choice: part of the scope results are kept under (account, acting as, pool, worker). */
export function actingKey(acting: Acting): string {
  switch (acting.kind) {
    case 'self':
      return 'self';
    case 'proxy':
      return `proxy:${acting.real}:${acting.proxyType}`;
    case 'multisig':
      return `multisig:${acting.address}`;
  }
}

/** The account the operations act as: rules (owner, stake) are checked for it. */
export function actingAddress(acting: Acting, account: string | undefined): string | undefined {
  return acting.kind === 'self' ? account : acting.kind === 'proxy' ? acting.real : acting.address;
}

/** The other signatories of a multisig, as seen by `account`. */
export function othersOf(multisig: { signatories: string[] }, account: string): string[] {
  return multisig.signatories.filter((s) => !sameAccount(s, account));
}

/** The signer the operation hooks get: the key itself, or the key wrapped as proxy or multisig signatory. */
export function actingSigner(
  signer: MiningSigner | undefined,
  acting: Acting,
  account: string | undefined,
): AnySigner | undefined {
  // for one render after the account changes the signer is still the last account's: no signer until they match
  if (!signer || !account || !sameAccount(signer.address, account)) return undefined;
  if (acting.kind === 'self') return signer;
  try {
    if (acting.kind === 'proxy') return asProxy(signer, { real: acting.real, type: acting.proxyType });
    return asMultisig(signer, { threshold: acting.threshold, others: othersOf(acting, account) });
  } catch {
    // the choices are checked when offered (knownMultisig, the chain's proxy types); never crash the page on one
    return undefined;
  }
}

/**
 * Checks a multisig typed in by the user: the signatories (this account and the others) and the threshold give the
 * account the chain knows; a bad threshold or a repeated signatory is named.
 */
export function knownMultisig(
  account: string,
  others: string[],
  threshold: number,
): { multisig: KnownMultisig } | { error: string } {
  const all = [account, ...others];
  for (const a of others) {
    try {
      decodeAddress(a);
    } catch {
      return { error: `${a}: not an SS58 address` };
    }
  }
  if (others.length === 0) return { error: 'Choose at least one other signatory.' };
  if (others.some((o) => sameAccount(o, account)))
    return { error: 'The other signatories do not include the signing account.' };
  if (new Set(all.map((a) => decodeAddress(a).toString())).size !== all.length)
    return { error: 'Each signatory once.' };
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > all.length)
    return { error: `The threshold is a whole number from 2 to ${all.length} (the number of signatories).` };
  return { multisig: { address: multisigAccount(all, threshold), threshold, signatories: all } };
}
