import { formatPha } from '@phala-mining/core';
import { phaText } from './format.js';

/** One call of a transaction as an operator reads it: the operation and what it acts on. */
export interface PlannedCall {
  /** the operation, e.g. `startMining` */
  operation: string;
  pid?: bigint;
  /** worker public key */
  worker?: string;
  /** an account (staker, whitelist entry, claim target) */
  account?: string;
  /** planck */
  amount?: bigint;
  /** planck, for start/restart */
  stake?: bigint;
  shares?: bigint;
  /** anything else worth a word (e.g. `all shares`, `20 %`) */
  note?: string;
}

/** `startMining pool 3 worker 0x… stake 5,000 PHA` — full keys: an operator copies them. */
export function planText(call: PlannedCall): string {
  const parts = [call.operation];
  if (call.pid !== undefined) parts.push(`pool ${call.pid}`);
  if (call.worker !== undefined) parts.push(`worker ${call.worker}`);
  if (call.account !== undefined) parts.push(`account ${call.account}`);
  if (call.amount !== undefined) parts.push(`amount ${phaText(call.amount)}`);
  if (call.stake !== undefined) parts.push(`stake ${phaText(call.stake)}`);
  if (call.shares !== undefined) parts.push(`${formatPha(call.shares, { decimals: 4, group: true })} shares`);
  if (call.note !== undefined) parts.push(call.note);
  return parts.join(' ');
}

/** The call for `--json` (planck amounts as strings by the JSON writer). */
export function planJson(call: PlannedCall): Record<string, unknown> {
  return Object.fromEntries(Object.entries(call).filter(([, v]) => v !== undefined));
}
