import { formatPha, PoolNotFoundError, type WithdrawInput } from '@phala-mining/core';
import { Command, Option } from 'commander';
import { parseAccount, parseAmount, parsePercent, parsePid } from '../args.js';
import { actingAccount } from '../coldKeys.js';
import { type DescriptionOptions, descriptionInput } from '../description.js';
import { UsageError } from '../errors.js';
import { phaText } from '../format.js';
import { guardCommand } from '../guardian/guard.js';
import { execute } from '../tx.js';
import { renderPoolDetails, renderPoolList } from '../views.js';
import { predictWithdrawal, withdrawalOutcome, withdrawalText } from '../withdrawal.js';
import type { Action } from './action.js';

export function poolCommand(action: Action): Command {
  const pool = new Command('pool').description(
    'stake pools: create, inspect, configure, stake, withdraw, claim',
  );

  pool
    .command('create')
    .description('create a stake pool owned by the signer ("Create StakePool"); prints its pid')
    .action(
      action(async (s) => {
        await execute(s, (c) => c.createPool(), {
          plan: [{ operation: 'createPool' }],
          summary: (r) => `created pool ${r.value}`,
          json: (r) => ({ pid: r.value }),
        });
      }),
    );

  pool
    .command('list')
    .description('the Stakepool List: every pool, or those of one owner')
    .option('--owner <account>', 'only pools owned by this account')
    .option('--mine', "only the signer's pools")
    .action(
      action(async (s, opts: { owner?: string; mine?: boolean }) => {
        let owner = opts.owner === undefined ? undefined : parseAccount(opts.owner, s.ss58);
        // with --proxy-for / --multisig-*, "mine" are the pools of the account the key acts for
        if (opts.mine) owner = actingAccount(s.options, (await s.signingKey()).address, s.ss58);
        const client = await s.client();
        const pools = await s.first(client.pools$(owner === undefined ? {} : { owner }));
        s.print(
          () => renderPoolList(pools),
          () => pools,
        );
      }),
    );

  pool
    .command('show')
    .description('one pool: settings, stakes, its workers and its withdraw queue')
    .argument('<pid>', 'pool id')
    .action(
      action(async (s, pidText: string) => {
        const pid = parsePid(pidText);
        const client = await s.client();
        const p = await s.first(client.pool$(pid));
        if (!p) throw new PoolNotFoundError(pid);
        const [workers, queue] = await Promise.all([
          s.first(client.workers$(pid)),
          s.first(client.withdrawQueue$(pid)),
        ]);
        s.print(
          () => renderPoolDetails(p, workers, queue),
          () => ({ pool: p, workers, withdrawQueue: queue }),
        );
      }),
    );

  pool
    .command('set-payout')
    .description('"Set Payout Pref": the owner\'s commission, 0–100 %')
    .argument('<pid>', 'pool id')
    .argument('<percent>', 'commission in percent, e.g. 20 or 12.5')
    .action(
      action(async (s, pidText: string, percentText: string) => {
        const pid = parsePid(pidText);
        const percent = parsePercent(percentText);
        await execute(s, (c) => c.pool(pid).setPayout(percent), {
          plan: [{ operation: 'setPayout', pid, note: `commission ${percent} %` }],
          summary: () => `pool ${pid} payout set to ${percent} %`,
        });
      }),
    );

  pool
    .command('set-cap')
    .description('"Set Cap": the staking capacity, at least the total stake now')
    .argument('<pid>', 'pool id')
    .argument('<amount>', 'capacity in PHA')
    .action(
      action(async (s, pidText: string, amountText: string) => {
        const pid = parsePid(pidText);
        const cap = parseAmount(amountText);
        await execute(s, (c) => c.pool(pid).setCap(cap), {
          plan: [{ operation: 'setCap', pid, amount: cap }],
          summary: () => `pool ${pid} cap set to ${phaText(cap)}`,
        });
      }),
    );

  pool
    .command('set-description')
    .description(
      "the pool description shown to stakers (at most 4400 bytes): free text, or the Phala App's fields (--telegram …, stored as the App's JSON)",
    )
    .argument('<pid>', 'pool id')
    .argument('[text]', 'description as free text')
    .option('--telegram <handle>', 'Telegram (the App linked t.me/<handle>)')
    .option('--discord <name>', 'Discord')
    .option('--wechat <id>', 'WeChat')
    .option('--twitter <handle>', 'Twitter, without the @')
    .option('--email <address>', 'contact e-mail')
    .option('--forum <user>', 'user on forum.phala.network')
    .option('--ann <text>', 'announcement: future plans (workers, stake, commission …)')
    .option(
      '--description-file <file.json>',
      'the App\'s description object as JSON: { "telegram": …, "version": 1 }',
    )
    .action(
      action(async (s, pidText: string, text: string | undefined, opts: DescriptionOptions) => {
        const pid = parsePid(pidText);
        const description = await descriptionInput(text, opts);
        await execute(s, (c) => c.pool(pid).setDescription(description), {
          summary: () => `pool ${pid} description set`,
        });
      }),
    );

  const whitelist = pool
    .command('whitelist')
    .description('the contribution whitelist: only listed accounts may contribute');
  whitelist
    .command('add')
    .description('add stakers to the whitelist (one batch)')
    .argument('<pid>', 'pool id')
    .argument('<accounts...>', 'staker addresses')
    .action(
      action(async (s, pidText: string, accounts: string[]) => {
        const pid = parsePid(pidText);
        const who = accounts.map((a) => parseAccount(a, s.ss58));
        await execute(s, (c) => who.reduce((ch, a) => ch.whitelistAdd(a), c.pool(pid)), {
          plan: who.map((account) => ({ operation: 'whitelistAdd', pid, account })),
          prefix: (c, n) => who.slice(0, n).reduce((ch, a) => ch.whitelistAdd(a), c.pool(pid)),
          summary: () => `added ${who.length} account(s) to the whitelist of pool ${pid}`,
        });
      }),
    );
  whitelist
    .command('rm')
    .alias('remove')
    .description('remove stakers from the whitelist (one batch); removing the last one opens the pool to all')
    .argument('<pid>', 'pool id')
    .argument('<accounts...>', 'staker addresses')
    .action(
      action(async (s, pidText: string, accounts: string[]) => {
        const pid = parsePid(pidText);
        const who = accounts.map((a) => parseAccount(a, s.ss58));
        await execute(s, (c) => who.reduce((ch, a) => ch.whitelistRemove(a), c.pool(pid)), {
          plan: who.map((account) => ({ operation: 'whitelistRemove', pid, account })),
          prefix: (c, n) => who.slice(0, n).reduce((ch, a) => ch.whitelistRemove(a), c.pool(pid)),
          summary: () => `removed ${who.length} account(s) from the whitelist of pool ${pid}`,
        });
      }),
    );

  pool
    .command('contribute')
    .description('"Contribute": stake PHA in the pool (≤ transferable balance and ≤ the pool cap gap)')
    .argument('<pid>', 'pool id')
    .argument('<amount>', 'amount in PHA')
    .action(
      action(async (s, pidText: string, amountText: string) => {
        const pid = parsePid(pidText);
        const amount = parseAmount(amountText);
        await execute(s, (c) => c.pool(pid).contribute(amount), {
          plan: [{ operation: 'contribute', pid, amount }],
          summary: (r) =>
            `contributed ${phaText(amount)} to pool ${pid} for ${formatPha(r.value, { decimals: 4, group: true })} shares`,
          json: (r) => ({ pid, amount, sharesMinted: r.value }),
        });
      }),
    );

  pool
    .command('withdraw')
    .description(
      '"Withdraw": paid now from free stake, the rest queued (up to 7 days, then the workers are stopped)',
    )
    .argument('<pid>', 'pool id')
    .argument('[amount]', 'amount in PHA (converted to shares at the current price)')
    .option('--shares <shares>', 'withdraw this many shares instead of an amount')
    .option('--all', 'withdraw every share')
    .action(
      action(
        async (
          s,
          pidText: string,
          amountText: string | undefined,
          opts: { shares?: string; all?: boolean },
        ) => {
          const pid = parsePid(pidText);
          const given = [amountText !== undefined, opts.shares !== undefined, opts.all === true].filter(
            Boolean,
          ).length;
          if (given !== 1)
            throw new UsageError('withdraw needs exactly one of: an amount, --shares N, --all');
          const input: WithdrawInput = opts.all
            ? { all: true }
            : opts.shares !== undefined
              ? { shares: parseAmount(opts.shares) }
              : { amount: parseAmount(amountText!) };
          await execute(s, (c) => c.pool(pid).withdraw(input), {
            plan: [
              {
                operation: 'withdraw',
                pid,
                ...(input.all ? { note: 'all shares' } : {}),
                ...(input.shares !== undefined ? { shares: input.shares } : {}),
                ...(input.amount !== undefined ? { amount: input.amount } : {}),
              },
            ],
            // the chain pays what the pool's free stake covers at once and queues the rest: show both parts
            preview: async (c, signer) => {
              const p = await predictWithdrawal(s, c, pid, signer, input);
              return { lines: withdrawalText(p, pid, 'predicted'), json: { withdrawal: p } };
            },
            summary: (r) => withdrawalText(withdrawalOutcome(r.events), pid, 'done').join('; '),
            json: (r) => ({ pid, input, withdrawal: withdrawalOutcome(r.events) }),
          });
        },
      ),
    );

  pool
    .command('claim')
    .description('"Claim": owner and/or staker rewards to the signer or another account')
    .argument('<pid>', 'pool id')
    .addOption(new Option('--only <kind>', 'claim only one kind of reward').choices(['owner', 'staker']))
    .option('--to <account>', 'send the rewards to this account (default: the signer)')
    .action(
      action(async (s, pidText: string, opts: { only?: 'owner' | 'staker'; to?: string }) => {
        const pid = parsePid(pidText);
        const to = opts.to === undefined ? undefined : parseAccount(opts.to, s.ss58);
        await execute(s, (c) => c.pool(pid).claim(opts.only ?? 'both', to), {
          plan: [
            {
              operation: 'claim',
              pid,
              ...(to ? { account: to } : {}),
              note: `${opts.only ?? 'owner and staker'} rewards`,
            },
          ],
          summary: (r) => `claimed ${phaText(r.value)} from pool ${pid}${to ? ` to ${to}` : ''}`,
          json: (r) => ({ pid, claimed: r.value, to: to ?? null }),
        });
      }),
    );

  pool.addCommand(guardCommand(action));
  return pool;
}
