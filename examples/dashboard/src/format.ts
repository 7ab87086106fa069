import { formatPha, type MiningError, pha } from '@phala-mining/core';

/** `12,345.6789 PHA`, truncated so a shown amount is never more than what is there. */
export function amount(planck: bigint | undefined): string {
  return planck === undefined ? '—' : formatPha(planck, { decimals: 4, group: true, unit: true });
}

/** Shares carry PHA's 12 decimals but are not PHA. */
export function shares(units: bigint): string {
  return formatPha(units, { decimals: 4, group: true });
}

export function short(key: string): string {
  return key.length > 16 ? `${key.slice(0, 8)}…${key.slice(-6)}` : key;
}

/** `6d 23h 59m` */
export function duration(seconds: bigint): string {
  let s = Number(seconds);
  if (s <= 0) return '0s';
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3_600);
  s -= h * 3_600;
  const m = Math.floor(s / 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', !d && !h && !m ? `${s % 60}s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** A unix-seconds chain time, in the viewer's locale. */
export function date(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toLocaleString();
}

/** Parses a PHA amount typed by a user; the error says what is wrong with it. */
export function parsePha(text: string): { value: bigint } | { error: string } {
  if (text.trim() === '') return { error: 'enter an amount in PHA' };
  try {
    return { value: pha(text) };
  } catch (error) {
    return { error: message(error) };
  }
}

/**
 * The text a user sees for a typed error: the rule that was broken in PHA and words, with the error's stable code
 * (what to search for, and what the e2e test checks). Unknown codes fall back to the SDK's own sentence.
 */
export function message(error: unknown): string {
  const e = (error ?? {}) as Partial<MiningError> & Record<string, any>;
  const text = explain(e) ?? e.message ?? String(error);
  return e.code ? `${text} (${e.code})` : text;
}

function explain(e: Record<string, any>): string | undefined {
  switch (e.code) {
    case 'ContributionExceedsCap':
      return `${amount(e.amount)} is more than the pool can take: its cap gap is ${amount(e.capGap)} (cap ${amount(e.cap)}, staked ${amount(e.totalStake)}).`;
    case 'ContributionBelowMinimum':
      return `The smallest contribution is ${amount(e.minimum)}.`;
    case 'InsufficientDelegableBalance':
      return `You can stake at most ${amount(e.delegable)} (your transferable balance not already staked).`;
    case 'CapBelowTotalStake':
      return `The cap must be at least the pool's total stake, ${amount(e.totalStake)}.`;
    case 'StakeBelowMinimum':
      return `${amount(e.stake)} is below this worker's Smin of ${amount(e.minimum)}.`;
    case 'StakeAboveMaximum':
      return `${amount(e.stake)} is above this worker's Smax of ${amount(e.maximum)}.`;
    case 'InsufficientFreeStake':
      return `The pool has only ${amount(e.freeStake)} of free stake for ${amount(e.stake)}.`;
    case 'InvalidWithdrawal':
      return `You hold ${shares(e.available)} shares; a withdrawal is more than dust and at most that.`;
    case 'NoStake':
      return 'You have no stake in this pool.';
    case 'NoRewardToClaim':
      return 'There is nothing to claim yet.';
    case 'NotPoolOwner':
      return 'Only the pool owner can do this: switch to the owner account.';
    case 'CooldownNotOver':
      return `The worker cools down until ${date(e.cooldownEnd)}.`;
    case 'MiningDisabled':
      return "Mining is switched off on this chain (the stake pool's MiningEnabled); stopping needs it on.";
    case 'WorkerNotRegistered':
      return 'No worker with this public key is registered on chain: is the miner synced?';
    case 'NotWorkerOperator':
      return 'This worker is registered with another operator account.';
    case 'WorkerAlreadyBound':
      return 'This worker is already in a pool.';
    case 'NoSigner':
      return 'Choose an account to sign with.';
    default:
      return undefined;
  }
}
