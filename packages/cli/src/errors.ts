import {
  AbortedError,
  ConnectionFailedError,
  InputError,
  InsufficientFeeBalanceError,
  isKnownMiningError,
  MiningError,
  type MiningErrorCategory,
  permillToPercent,
  SignerError,
} from '@phala-mining/core';
import { dateText, formatDuration, phaText } from './format.js';

/**
 * Exit codes, one per error class, so a cron job or script can branch on what went wrong without parsing text.
 * They are part of the CLI's interface and never change meaning.
 */
export const EXIT_CODES = Object.freeze({
  /** success (also: nothing to do, e.g. `worker reclaim --all` with no worker reclaimable) */
  ok: 0,
  /** an unexpected failure (a bug, or an RPC failure while reading state) */
  failure: 1,
  /** bad command line: unknown command/option, missing or malformed argument (amount, pid, key, address, percent) */
  usage: 2,
  /** a rule of the operation is broken by the chain's current state; refused before signing */
  validation: 3,
  /** the chain refused or failed the transaction (pallet error, dispatch error, rejected, expired) */
  onChain: 4,
  /** no connection to the endpoint, or the endpoint is not a stake pool v1 chain */
  connection: 5,
  /** no key, unreadable keystore, wrong or missing password, dev account off a dev chain */
  key: 6,
  /** interrupted (Ctrl-C) */
  interrupted: 130,
});

export type ExitClass = keyof typeof EXIT_CODES;

/**
 * The CLI's own errors are members of core's error family: a bad command line is an {@link InputError}, a missing
 * key a {@link SignerError}, so the exit code follows from the category like it does for core's errors.
 */
export type CliError = UsageError | KeyError | InterruptedError;

/** The command line itself is wrong. */
export class UsageError extends InputError {
  override readonly name = 'UsageError' as const;
  readonly code = 'Usage' as const;
}

/** Why a key could not be had. */
export type KeyErrorReason =
  | 'NoKey'
  | 'ConflictingKeys'
  | 'KeystoreUnreadable'
  | 'KeystoreInvalid'
  | 'PasswordRequired'
  | 'WrongPassword'
  | 'InvalidSuri'
  | 'MisplacedSecret'
  | 'PasswordFileUnreadable'
  | 'UnknownDevAccount'
  | 'DevAccountOffDevChain';

/** No usable signing key. Its message never contains the secret it was about. */
export class KeyError extends SignerError {
  override readonly name = 'KeyError' as const;
  constructor(
    /** the reason is the code: `NoKey`, `WrongPassword`, … */
    readonly code: KeyErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * @deprecated core's `ConnectionFailedError`, re-exported under its old CLI name; the CLI no longer wraps it (its
 * category, transport, gives exit code 5).
 */
export { ConnectionFailedError };

/** The exit class of an error category; a new category fails to compile here until it has one. */
function exitClassOfCategory(category: MiningErrorCategory): ExitClass {
  switch (category) {
    case 'input':
      return 'usage';
    case 'rule':
      return 'validation';
    case 'chain':
      return 'onChain';
    case 'transport':
    case 'compatibility':
      return 'connection';
    case 'signer':
      return 'key';
    case 'aborted':
      return 'interrupted';
    case 'unexpected':
      return 'failure';
    default: {
      const unhandled: never = category;
      return unhandled;
    }
  }
}

/**
 * @deprecated core's `InsufficientFeeBalanceError` (code `InsufficientFeeBalance`, a rule: exit code 3), which the CLI
 * now reports; this old name is an alias of that class.
 */
export const FeeNotCoveredError = InsufficientFeeBalanceError;
/** @deprecated core's `InsufficientFeeBalanceError` */
export type FeeNotCoveredError = InsufficientFeeBalanceError;

/** Ctrl-C / SIGTERM during a command; after signing the transaction may still be included. Exit code 130. */
export class InterruptedError extends AbortedError {
  override readonly name = 'InterruptedError' as const;
  readonly code = 'Interrupted' as const;
  constructor(
    /** the extrinsic hash when it was already signed */
    readonly hash: string | undefined,
  ) {
    super(
      hash === undefined
        ? 'interrupted before the transaction was signed: nothing was sent'
        : `interrupted: transaction ${hash} was signed and sent and may still land — look it up before sending it again`,
    );
  }
}

/** The exit class of any thrown value: by the category of the error family it belongs to, else `failure`. */
export function exitClassOf(error: unknown): ExitClass {
  return error instanceof MiningError ? exitClassOfCategory(error.category) : 'failure';
}

/** The process exit code for any thrown value. */
export function exitCodeOf(error: unknown): number {
  return EXIT_CODES[exitClassOf(error)];
}

/**
 * One readable line: the rule that was broken and the numbers behind it. Core's messages already name the rule with
 * exact PHA amounts; the CLI only adds what a terminal needs (durations, one-line pallet docs).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!isKnownMiningError(error)) return oneLine(error.message);
  switch (error.code) {
    case 'ConnectionFailed':
      return `cannot connect to ${[error.endpoint].flat().join(', ')}: ${oneLine(error.reason)}`;
    case 'ConnectionTimeout':
      return `cannot connect to ${[error.endpoint].flat().join(', ')}: no answer within ${error.timeoutMs / 1000} s`;
    case 'CooldownNotOver':
      return `a worker can be reclaimed only after its cooldown: ${error.worker} cools down for ${formatDuration(error.cooldownEnd - error.now)} more (reclaimable at ${dateText(error.cooldownEnd)})`;
    case 'InvalidAmount':
      return `not a PHA amount: ${JSON.stringify(String(error.input))} — ${AMOUNT_REASONS[error.reason] ?? 'give e.g. 1000, 1,000 or 1_000.5'}`;
    case 'InvalidPercent':
      return `the payout must be a percentage between 0 and 100 with at most 4 decimals, got ${String(error.percent)}`;
    case 'InsufficientFeeBalance':
      return `${error.payer} cannot pay the fee: estimated fee ${phaText(error.fee)}${error.deposit > 0n ? ` + deposit ${phaText(error.deposit)}` : ''} > spendable ${phaText(error.available)} (free balance less locks and the existential deposit); send it some PHA first (see \`phala-mining balance\`)`;
    case 'PalletError':
      return `the chain refused it: ${error.section}.${error.errorName}${error.docs ? ` — ${oneLine(error.docs)}` : ''}`;
    default:
      return oneLine(error.message);
  }
}

// the chain's MinerState names, as the Worker List (and the guide) call them
const STATE_NAMES: Record<string, string> = {
  MiningIdle: 'Mining',
  MiningActive: 'Mining',
  MiningUnresponsive: 'Unresponsive',
  MiningCoolingDown: 'CoolingDown',
};

/** A chain state name as the guide says it: `MiningIdle` → `Mining`. */
export function stateName(state: string): string {
  return STATE_NAMES[state] ?? state;
}

const AMOUNT_REASONS: Record<string, string> = {
  Negative: 'an amount cannot be negative',
  NotPositive: 'the amount must be more than 0',
  NotANumber: 'give a plain decimal number such as 1000, 1,000 or 1_000.5',
  TooManyDecimals: 'PHA has at most 12 decimals (amounts are never rounded)',
};

/** Error details for `--json`: code, class, exit code, message, and the error's own fields (bigints as strings). */
export function errorJson(error: unknown): Record<string, unknown> {
  const exitClass = exitClassOf(error);
  const out: Record<string, unknown> = {
    code: error instanceof MiningError ? error.code : 'Unexpected',
    class: exitClass,
    exitCode: EXIT_CODES[exitClass],
    message: describeError(error),
  };
  if (error instanceof Error) {
    for (const [k, v] of Object.entries(error)) {
      if (k === 'code' || k === 'category' || k === 'cause' || k === 'name') continue;
      out[k] = v;
    }
  }
  return out;
}

/** Percent of a Permill commission, for messages. */
export function percentOf(permill: number): string {
  return `${permillToPercent(permill)} %`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
