import { feeSpendable } from '@phala-mining/core';
import { Command } from 'commander';
import { phaText, renderFields, renderTable } from '../format.js';
import type { Session } from '../session.js';
import type { Action } from './action.js';
import { accountOrKey } from './read.js';

/** An account's balance as a pool owner or staker needs it. */
export interface BalanceReport {
  account: string;
  /** free balance, planck (includes locked funds) */
  free: bigint;
  /** reserved by other pallets, planck */
  reserved: bigint;
  /** what a transfer may move: free − the largest lock (stake, vesting, …), planck */
  transferable: bigint;
  /** what transaction fees may be paid from: free − max(fee locks, existential deposit − reserved), planck */
  feeSpendable: bigint;
  /** locked by stake pools (`StakeLedger`), planck */
  stakeLocked: bigint;
  /** what may still be contributed (free − stake lock), planck */
  delegable: bigint;
  /** the pools the account has stake in */
  pools: { pid: bigint; locked: bigint; shares: bigint; value: bigint; claimable: bigint }[];
}

async function balanceOf(s: Session, account: string): Promise<BalanceReport> {
  const client = await s.client();
  // the fee figure is core's rule, the one every pre-signing check uses
  const [b, fees, pools] = await Promise.all([
    s.first(client.balance$(account)),
    feeSpendable(client.api, account),
    s.first(client.pools$({})),
  ]);
  const less = (a: bigint, c: bigint) => (a > c ? a - c : 0n);
  const stakes = await Promise.all(pools.map((p) => s.first(client.stake$(p.pid, account))));
  return {
    account,
    free: b.free,
    reserved: b.reserved,
    transferable: less(b.free, fees.miscFrozen),
    feeSpendable: fees.forFee,
    stakeLocked: b.lockedByPools,
    delegable: b.delegable,
    pools: stakes
      .filter((x) => x !== undefined && (x.shares > 0n || x.locked > 0n))
      .map((x) => ({
        pid: x!.pid,
        locked: x!.locked,
        shares: x!.shares,
        value: x!.value,
        claimable: x!.claimableRewards,
      })),
  };
}

export function renderBalance(r: BalanceReport): string {
  const head = [
    `Balance of ${r.account}`,
    renderFields([
      ['Free', phaText(r.free)],
      ['Transferable', phaText(r.transferable)],
      ['For fees', phaText(r.feeSpendable)],
      ['Stake-locked', phaText(r.stakeLocked)],
      ['Delegable', phaText(r.delegable)],
      ['Reserved', phaText(r.reserved)],
    ]),
  ];
  if (r.pools.length === 0) return [...head, '', 'no stake in any pool'].join('\n');
  const table = renderTable(
    [
      'Pool',
      { header: 'Locked', align: 'right' },
      { header: 'Value', align: 'right' },
      { header: 'Claimable', align: 'right' },
    ],
    r.pools.map((p) => [String(p.pid), phaText(p.locked), phaText(p.value), phaText(p.claimable)]),
  );
  return [...head, '', table].join('\n');
}

export function balanceCommand(action: Action): Command {
  return new Command('balance')
    .description('free, transferable, stake-locked and per-pool balance of an account')
    .argument('[account]', "the account (default: the key's address)")
    .action(
      action(async (s, account: string | undefined) => {
        const who = await accountOrKey(s, account);
        const report = await balanceOf(s, who);
        s.print(
          () => renderBalance(report),
          () => report,
        );
      }),
    );
}
