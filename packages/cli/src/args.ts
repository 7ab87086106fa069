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

/**
 * A PHA amount (`1000`, `1,000`, `1_000.5`, `25 PHA`) to planck; core's InvalidAmountError (exit 2) otherwise. Commas
 * are accepted as thousands separators only where they group three digits, as the CLI prints amounts (`100,000 PHA`):
 * `1,5` is refused rather than read as 15 or 1.5.
 */
export function parseAmount(text: string): bigint {
  const bare = text.replace(/\s*pha\s*$/i, '').trim();
  if (bare.includes(',')) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(bare))
      throw new UsageError(
        `not a PHA amount: ${JSON.stringify(text)} — commas only group thousands (1,000.5); the decimal separator is a point`,
      );
    return pha(bare.replace(/,/g, ''));
  }
  return pha(bare);
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
