import {
  type AnySigner,
  asMultisig,
  asProxy,
  type MiningSigner,
  type MultisigSigner,
  PROXY_TYPES,
  type ProxyTypeName,
  type TxResult,
} from '@phala-mining/core';
import { parseAccount } from './args.js';
import { UsageError } from './errors.js';
import type { GlobalOptions } from './session.js';

/** How the key acts: as itself, as a proxy, or as one signatory of a multisig. */
export type SignerMode =
  | { kind: 'direct' }
  | { kind: 'proxy'; real: string; type: ProxyTypeName }
  | { kind: 'multisig'; threshold: number; others: string[] };

/** Reads and checks the cold-key options (a usage error, exit 2, for anything malformed). */
export function signerMode(options: GlobalOptions, ss58: number): SignerMode {
  const proxy = options.proxyFor !== undefined;
  const multisig = options.multisigThreshold !== undefined || options.multisigOthers !== undefined;
  if (proxy && multisig)
    throw new UsageError('--proxy-for and --multisig-* cannot be combined: choose one way to sign');
  if (options.proxyType !== undefined && !proxy)
    throw new UsageError('--proxy-type needs --proxy-for <account>');
  if (proxy) {
    const type = options.proxyType ?? 'StakePoolManager';
    if (!(PROXY_TYPES as readonly string[]).includes(type))
      throw new UsageError(
        `--proxy-type must be one of ${PROXY_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
      );
    return { kind: 'proxy', real: parseAccount(options.proxyFor!, ss58), type: type as ProxyTypeName };
  }
  if (multisig) {
    if (options.multisigThreshold === undefined || options.multisigOthers === undefined)
      throw new UsageError('a multisig needs both --multisig-threshold <n> and --multisig-others <a,b,…>');
    const threshold = /^\d+$/.test(options.multisigThreshold.trim())
      ? Number(options.multisigThreshold)
      : Number.NaN;
    if (!Number.isInteger(threshold) || threshold < 2)
      throw new UsageError(
        `--multisig-threshold must be a whole number ≥ 2, got ${JSON.stringify(options.multisigThreshold)}`,
      );
    const others = options.multisigOthers
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .map((a) => parseAccount(a, ss58));
    return { kind: 'multisig', threshold, others };
  }
  return { kind: 'direct' };
}

/** The key (or, for checks, its address) in the signer form the options ask for. */
export function wrapSigner(mode: SignerMode, key: MiningSigner, ss58: number): AnySigner;
export function wrapSigner(mode: SignerMode, key: string, ss58: number): AnySigner | string;
export function wrapSigner(mode: SignerMode, key: MiningSigner | string, ss58: number): AnySigner | string {
  switch (mode.kind) {
    case 'direct':
      return key;
    case 'proxy':
      return asProxy(key, { real: mode.real, type: mode.type, ss58 });
    case 'multisig':
      return asMultisig(key, { threshold: mode.threshold, others: mode.others, ss58 });
  }
}

/** The multisig signer of the options; a usage error without them. */
export function multisigSigner(mode: SignerMode, key: MiningSigner | string, ss58: number): MultisigSigner {
  if (mode.kind !== 'multisig')
    throw new UsageError('this command needs --multisig-threshold <n> and --multisig-others <a,b,…>');
  return asMultisig(key, { threshold: mode.threshold, others: mode.others, ss58 });
}

/** The extra line for a multisig step (nothing for other signers). */
export function multisigLine(result: TxResult<unknown>): string {
  const m = result.multisig;
  if (!m) return '';
  const at = m.timepoint ? ` at ${m.timepoint.height}-${m.timepoint.index}` : '';
  const next =
    m.status === 'opened' || m.status === 'approved'
      ? ' — the other signatories approve it with the same command (or `multisig approve`)'
      : '';
  return `\n  multisig ${m.account}: ${m.status} ${m.callHash}${at}${next}`;
}

/** The account the key acts as: the real account with `--proxy-for`, the multisig with `--multisig-*`, else itself. */
export function actingAccount(options: GlobalOptions, keyAddress: string, ss58: number): string {
  const mode = signerMode(options, ss58);
  const signer = wrapSigner(mode, keyAddress, ss58);
  return typeof signer === 'string' ? signer : signer.address;
}
