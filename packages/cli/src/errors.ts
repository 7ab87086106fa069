import { MiningError, permillToPercent } from '@phala-mining/core';
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

/** Base of the CLI's own errors; like core's, each has a stable `code`. */
export abstract class CliError extends Error {
  abstract readonly code: string;
  abstract readonly exitClass: ExitClass;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong. */
export class UsageError extends CliError {
  readonly code = 'Usage' as const;
  readonly exitClass = 'usage' as const;
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
export class KeyError extends CliError {
  readonly exitClass = 'key' as const;
  constructor(
    /** the reason is the code: `NoKey`, `WrongPassword`, … */
    readonly code: KeyErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The endpoint could not be reached in time. */
export class ConnectionFailedError extends CliError {
  readonly code = 'ConnectionFailed' as const;
  readonly exitClass = 'connection' as const;
  constructor(
    readonly endpoint: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot connect to ${endpoint}: ${reason}`, options);
  }
}

/** The signer cannot pay the transaction fee; found before signing, so nothing was sent. */
export class FeeNotCoveredError extends CliError {
  readonly code = 'FeeNotCovered' as const;
  readonly exitClass = 'validation' as const;
  constructor(
    readonly account: string,
    /** estimated fee, planck */
    readonly fee: bigint,
    /** what the account can spend on fees: free − max(locks, existential deposit), planck */
    readonly available: bigint,
  ) {
    super(
      `${account} cannot pay the fee: estimated fee ${phaText(fee)} > spendable ${phaText(available)} (free balance less locks and the existential deposit); send it some PHA first (see \`phala-mining balance\`)`,
    );
  }
}

/** Ctrl-C / SIGTERM during a command; after signing the transaction may still be included. */
export class InterruptedError extends CliError {
  readonly code = 'Interrupted' as const;
  readonly exitClass = 'interrupted' as const;
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

const USAGE_CODES = new Set([
  'InvalidAmount',
  'InvalidPercent',
  'InvalidAddress',
  'InvalidWorkerKey',
  'InvalidPoolId',
  'InvalidWithdrawalInput',
  'EmptyChain',
]);
const CHAIN_CODES = new Set(['PalletError', 'DispatchError', 'TransactionRejected', 'TransactionExpired']);

/** The exit class of any thrown value. */
export function exitClassOf(error: unknown): ExitClass {
  if (error instanceof CliError) return error.exitClass;
  if (error instanceof MiningError) {
    if (USAGE_CODES.has(error.code)) return 'usage';
    if (CHAIN_CODES.has(error.code)) return 'onChain';
    if (error.code === 'UnsupportedRuntime') return 'connection';
    if (error.code === 'Unexpected') return 'failure';
    return 'validation';
  }
  return 'failure';
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
  const e = error as Error & Record<string, any>;
  if (!(error instanceof MiningError)) return oneLine(error.message);
  switch (error.code) {
    case 'CooldownNotOver':
      return `a worker can be reclaimed only after its cooldown: ${e.worker} cools down for ${formatDuration(e.cooldownEnd - e.now)} more (reclaimable at ${dateText(BigInt(e.cooldownEnd))})`;
    case 'InvalidAmount':
      return `not a PHA amount: ${JSON.stringify(String(e.input))} — ${AMOUNT_REASONS[e.reason as string] ?? 'give e.g. 1000, 1,000 or 1_000.5'}`;
    case 'InvalidPercent':
      return `the payout must be a percentage between 0 and 100 with at most 4 decimals, got ${String(e.percent)}`;
    case 'PalletError':
      return `the chain refused it: ${e.section}.${e.errorName}${e.docs ? ` — ${oneLine(e.docs)}` : ''}`;
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
    code: error instanceof MiningError || error instanceof CliError ? error.code : 'Unexpected',
    class: exitClass,
    exitCode: EXIT_CODES[exitClass],
    message: describeError(error),
  };
  if (error instanceof Error) {
    for (const [k, v] of Object.entries(error)) {
      if (k === 'code' || k === 'exitClass' || k === 'cause' || k === 'name') continue;
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
