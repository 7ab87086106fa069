import {
  InvalidPercentError,
  InvalidPoolIdError,
  normalizeAddress,
  normalizePid,
  normalizeWorkerKey,
  pha,
} from '@phala-mining/core';
import { UsageError } from './errors.js';

/** A pool id argument; core's InvalidPoolIdError (exit 2) otherwise. */
export function parsePid(text: string): bigint {
  // BigInt() would also take `0x10` or an empty string; a pid on the command line is plain decimal
  if (!/^\d+$/.test(text.trim())) throw new InvalidPoolIdError(text);
  return normalizePid(text.trim());
}

/** A PHA amount (`1000`, `1_000.5`, `25 PHA`) to planck; core's InvalidAmountError (exit 2) otherwise. */
export function parseAmount(text: string): bigint {
  return pha(text.replace(/\s*pha\s*$/i, ''));
}

/** A payout percentage (`20`, `12.5%`); core's InvalidPercentError (exit 2) otherwise. */
export function parsePercent(text: string): number {
  const trimmed = text.trim().replace(/\s*%$/, '');
  const n = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(n))
    throw new UsageError(`not a percentage: ${JSON.stringify(text)} (give e.g. 20 or 12.5)`);
  if (n > 100) throw new InvalidPercentError(n);
  return n;
}

/** An account (SS58 of any network, or 0x 32-byte id) as SS58; core's InvalidAddressError (exit 2) otherwise. */
export function parseAccount(text: string, ss58: number): string {
  return normalizeAddress(text.trim(), ss58);
}

/** A worker public key (0x + 64 hex); core's InvalidWorkerKeyError (exit 2) otherwise. */
export function parseWorkerKey(text: string): string {
  return normalizeWorkerKey(text.trim());
}
