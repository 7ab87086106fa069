/**
 * "Claim your Rewards": once a mining worker has been paid, the owner claims the commission ("Owner Reward") and a
 * staker claims their share ("Staker Reward"); each account's balance grows by what it claimed.
 */
import { earnRewards, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface ClaimRewardsOutcome {
  pid: bigint;
  ownerReward: bigint;
  ownerClaimed: bigint;
  stakerClaimable: bigint;
  stakerClaimed: bigint;
  /** Bob's balance after − before (the claim's fee is paid from it too) */
  stakerBalanceChange: bigint;
}

export function main(endpoint?: string): Promise<ClaimRewardsOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, chain, accounts } = session;
    const { alice, bob } = accounts;
    const { pid } = await miningPool(session);
    await client.pool(pid).setPayout(20).send(alice);
    await earnRewards(session, 3);

    const pool = (await until(client.pool$(pid), (p) => (p?.ownerReward ?? 0n) > 0n))!;
    const { value: ownerClaimed } = await client.pool(pid).claim('owner').send(alice);

    const stake = (await until(client.stake$(pid, bob.address), (s) => (s?.claimableRewards ?? 0n) > 0n))!;
    const before = await chain.balanceOf(bob);
    const { value: stakerClaimed } = await client.pool(pid).claim('staker').send(bob);
    const after = await chain.balanceOf(bob);
    return {
      pid,
      ownerReward: pool.ownerReward,
      ownerClaimed,
      stakerClaimable: stake.claimableRewards,
      stakerClaimed,
      stakerBalanceChange: after - before,
    };
  });
}

runAsCommand(import.meta.url, main);
