import { PoolNotFoundError } from '@phala-mining/core';
import { Command } from 'commander';
import { parseAccount, parsePid } from '../args.js';
import { actingAccount } from '../coldKeys.js';
import { UsageError } from '../errors.js';
import { attention, renderAttention } from '../fleet/fleetViews.js';
import type { Session } from '../session.js';
import { renderOverview, renderStake } from '../views.js';
import type { Action } from './action.js';

/**
 * The account given, else the key's address (no password needed: only the address is read) — or the account it acts
 * as with `--proxy-for` / `--multisig-*`.
 */
export async function accountOrKey(s: Session, account: string | undefined): Promise<string> {
  if (account !== undefined) return parseAccount(account, s.ss58);
  const key = await s.key();
  if (!key)
    throw new UsageError(
      'give an account, or a key (PHALA_SURI, --keystore, --account) whose address to use',
    );
  return actingAccount(s.options, key.address, s.ss58);
}

export function stakeCommand(action: Action): Command {
  const stake = new Command('stake').description("a staker's position in a pool");
  stake
    .command('show')
    .description('"Your Stake Info": locked, shares, value, claimable rewards and the queued withdrawal')
    .argument('<pid>', 'pool id')
    .argument('[account]', "the staker (default: the key's address)")
    .action(
      action(async (s, pidText: string, account: string | undefined) => {
        const pid = parsePid(pidText);
        const who = await accountOrKey(s, account);
        const client = await s.client();
        const view = await s.first(client.stake$(pid, who));
        if (!view) throw new PoolNotFoundError(pid);
        s.print(
          () => renderStake(view),
          () => view,
        );
      }),
    );
  return stake;
}

export function overviewCommand(action: Action): Command {
  return new Command('overview')
    .description("the Mining page overview: an owner's pools and workers with totals")
    .argument('[account]', "the owner (default: the key's address)")
    .action(
      action(async (s, account: string | undefined) => {
        const who = await accountOrKey(s, account);
        const client = await s.client();
        const overview = await s.first(client.overview$(who));
        const needs = attention(overview.pools);
        s.print(
          () => `${renderOverview(overview)}${renderAttention(needs)}`,
          () => ({ ...overview, attention: needs }),
        );
      }),
    );
}
