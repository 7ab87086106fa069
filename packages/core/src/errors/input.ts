/** Malformed input: refused before any chain state is read. */
import { InputError } from './base.js';

/** Why an amount was refused: not a plain decimal, below zero, zero where more is needed, or finer than 1 planck. */
export type InvalidAmountReason = 'NotANumber' | 'Negative' | 'NotPositive' | 'TooManyDecimals';

const REASON_TEXT: Record<InvalidAmountReason, string> = {
  NotANumber: 'not a plain decimal number (e.g. 1000 or 1_000.5)',
  Negative: 'an amount cannot be negative',
  NotPositive: 'the amount must be more than 0',
  TooManyDecimals: 'PHA has at most 12 decimals (amounts are never rounded)',
};

/** `-5 planck` for a bigint (operations take planck), `"1.5x" PHA` for text or a number given to `pha()`. */
function amountText(input: unknown): string {
  if (typeof input === 'bigint') return `${input} planck`;
  if (typeof input === 'string' || typeof input === 'number') return `${JSON.stringify(String(input))} PHA`;
  return input === undefined ? '(missing)' : `of type ${typeof input}`;
}

/** An amount that is not a non-negative decimal with at most 12 fraction digits. */
export class InvalidAmountError extends InputError {
  override readonly name = 'InvalidAmountError' as const;
  readonly code = 'InvalidAmount' as const;
  constructor(
    /** The value as it was given (string, number, bigint, or whatever untyped code passed); never altered. */
    readonly input: unknown,
    /** The rule it broke: not a plain decimal, below zero, or finer than 1 planck (more than 12 decimals). */
    readonly reason: InvalidAmountReason,
  ) {
    super(`invalid amount ${amountText(input)}: ${REASON_TEXT[reason]}`);
  }
}

/** A payout commission outside 0–100 % or finer than Permill (0.0001 %). */
export class InvalidPercentError extends InputError {
  override readonly name = 'InvalidPercentError' as const;
  readonly code = 'InvalidPercent' as const;
  constructor(
    /** The commission as given, in percent (not Permill parts). */
    readonly percent: number,
  ) {
    super(`payout commission must be a percentage between 0 and 100 with at most 4 decimals, got ${percent}`);
  }
}

/** Not an SS58 address / 32-byte account id. */
export class InvalidAddressError extends InputError {
  override readonly name = 'InvalidAddressError' as const;
  readonly code = 'InvalidAddress' as const;
  constructor(
    /** The rejected input; a byte array is shown as 0x-hex. */
    readonly address: string,
  ) {
    super(
      `not a valid account address: ${address === '' ? '(empty)' : address}${address === '' || address.startsWith('(') ? ' — a signer is a KeyringPair or { address, signer }' : ''}`,
    );
  }
}

/** Not a 32-byte sr25519 worker public key. */
export class InvalidWorkerKeyError extends InputError {
  override readonly name = 'InvalidWorkerKeyError' as const;
  readonly code = 'InvalidWorkerKey' as const;
  constructor(
    /** The rejected key (bytes are shown as 0x-hex); a worker key is its pRuntime's sr25519 public key. */
    readonly key: string,
  ) {
    super(`not a 32-byte worker public key: ${key}`);
  }
}

/** A pool id that is not a non-negative integer. */
export class InvalidPoolIdError extends InputError {
  override readonly name = 'InvalidPoolIdError' as const;
  readonly code = 'InvalidPoolId' as const;
  constructor(
    /** The value given as pool id; `undefined` when a pool operation was chained without choosing a pool. */
    readonly pid: unknown,
  ) {
    super(`not a pool id: ${String(pid)}`);
  }
}

/** A chain with nothing to send. */
export class EmptyChainError extends InputError {
  override readonly name = 'EmptyChainError' as const;
  readonly code = 'EmptyChain' as const;
  constructor() {
    super('no operation to send: add at least one operation to the chain');
  }
}

/** A withdrawal given neither a positive share count nor a positive amount. */
export class InvalidWithdrawalInputError extends InputError {
  override readonly name = 'InvalidWithdrawalInputError' as const;
  readonly code = 'InvalidWithdrawalInput' as const;
  constructor(
    /** The input as given, e.g. a zero or negative amount, or both `shares` and `amount` at once. */
    readonly input: unknown,
  ) {
    super('withdraw needs { shares } or { amount } (a positive bigint) or { all: true }');
  }
}

/** Why a structured pool description was refused. */
export type InvalidPoolDescriptionReason = 'NotAnObject' | 'UnknownVersion' | 'NotText' | 'UnknownField';

/**
 * A pool description object that is not the Phala App's shape (`{ telegram?, discord?, …, version: 1 }`): a field
 * that is not text, a version other than 1, or a field the App does not know.
 */
export class InvalidPoolDescriptionError extends InputError {
  override readonly name = 'InvalidPoolDescriptionError' as const;
  readonly code = 'InvalidPoolDescription' as const;
  constructor(
    /** What is wrong with it. */
    readonly reason: InvalidPoolDescriptionReason,
    /** The offending field (`version` for UnknownVersion); undefined for NotAnObject. */
    readonly field: string | undefined,
    /** The offending value as given. */
    readonly input: unknown,
  ) {
    super(
      reason === 'NotAnObject'
        ? 'a pool description is text or an object { telegram, discord, wechat, twitter, email, forum, basic, ann, version: 1 }'
        : reason === 'UnknownVersion'
          ? `pool description version ${JSON.stringify(input) ?? String(input)} is not known: the Phala App wrote version 1`
          : reason === 'UnknownField'
            ? `pool description has no field ${JSON.stringify(field)}: use telegram, discord, wechat, twitter, email, forum, basic, ann`
            : `pool description field ${field} must be text, got ${input === null ? 'null' : typeof input}`,
    );
  }
}
