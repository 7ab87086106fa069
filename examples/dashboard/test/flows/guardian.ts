import { expect } from 'vitest';
import {
  appErrors,
  assertTables,
  chain,
  confirm,
  fleet,
  page,
  shot,
  signInAs,
  test,
  text,
} from '../harness.js';

/**
 * The guardian: pool 2 gets three mining workers and a queued withdrawal larger than its free stake; the banner shows
 * the countdown, the shortfall and the plan; covering it stops the plan's workers only. After their cooldown the
 * one-click Reclaim banner brings them back to Ready.
 */
export function guardianFlows(): void {
  test("guardian: a withdrawal the pool cannot pay shows the banner with the shortfall and the plan; covering it stops the plan's workers", async () => {
    const poolTwo = fleet.poolTwo;

    const workersCard = page.getByTestId('workers');
    const actions = page.getByTestId('pool-actions');
    await page.getByTestId('pool-2').getByTestId('manage').click();
    await expect.poll(() => text(actions.locator('h2'))).toBe('Pool #2');
    await signInAs('bob');
    await actions.getByTestId('contribute-input').fill('20000');
    await actions.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect.poll(() => text(page.getByTestId('locked'))).toBe('20,000 PHA');
    // three workers mining at Smin (about 4,472 PHA each): 6,5xx PHA stays free
    await signInAs('dave');
    await workersCard.getByTestId('pool-filter').selectOption('2');
    const mining = poolTwo.slice(0, 3);
    for (const w of mining) {
      const row = page.getByTestId(`worker-${w}`);
      await row.getByTestId('fill-smin').click();
      await row.getByTestId('start').click();
      await expect.poll(() => text(row.getByTestId('state'))).toBe('Mining');
    }
    expect(await page.getByTestId('risk-2').count()).toBe(0);
    // Bob withdraws more than the free stake: the rest is queued and the pool is at risk
    await signInAs('bob');
    await actions.getByTestId('withdraw-input').fill('15000');
    await actions.getByTestId('form-withdraw').locator('button[type=submit]').click();
    await confirm([/Queued[1-9]/]);
    await expect.poll(() => text(actions.getByTestId('withdraw-status'))).toMatch(/queued/);
    const banner = page.getByTestId('risk-2');
    await banner.waitFor();
    await expect.poll(() => text(banner.getByTestId('risk-countdown'))).toMatch(/in 6d 23h|in 7d/);
    expect(await text(banner.getByTestId('risk-shortfall'))).toMatch(/^8,\d{3}\.\d+ PHA$/);
    await expect.poll(() => banner.getByTestId('risk-plan').locator('li').count()).toBe(2);
    // Bob is no owner: he is told, and only the owner gets the button
    expect(await banner.getByTestId('risk-cover').count()).toBe(0);
    await signInAs('dave');
    await expect.poll(() => text(banner.getByTestId('risk-cover'))).toBe('Stop 2 workers to cover');
    const planned = await banner
      .getByTestId('risk-plan')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')!.slice('plan-'.length)));
    expect(planned.every((w) => mining.includes(w))).toBe(true);
    // the banner's screenshot once showed the pools table's Actions and the queue's last column cut off
    await assertTables(1440);
    await shot('08-guardian-banner');
    await banner.getByTestId('risk-cover').click();
    await confirm(['Stop 2 workers of pool #2 in one transaction', /Shortfall8,/, /Stake cooling down8,/]);
    await banner.waitFor({ state: 'detached' });
    for (const w of mining)
      await expect
        .poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state')))
        .toBe(planned.includes(w) ? 'CoolingDown' : 'Mining');
    await shot('09-guardian-covered');
    await workersCard.getByTestId('pool-filter').selectOption('');

    expect(appErrors()).toEqual([]);
  });

  test('guardian: the one-click Reclaim banner of a pool whose workers cooled down reclaims them all; the banner goes', async () => {
    const covered = fleet.poolTwo.slice(0, 3);
    const cooling: string[] = [];
    for (const w of covered)
      if ((await text(page.getByTestId(`worker-${w}`).getByTestId('state'))) === 'CoolingDown')
        cooling.push(w);
    expect(cooling).toHaveLength(2);
    expect(await page.getByTestId('reclaimable-2').count()).toBe(0);
    // the withdrawal is covered (free + releasing stake pay it): past its deadline nothing more stops
    await chain.timeTravel({ days: 7, hours: 1 });
    await chain.newBlocks(1);
    const banner = page.getByTestId('reclaimable-2');
    await banner.waitFor();
    await expect.poll(() => text(banner)).toContain('2 workers finished cooling down');
    await expect.poll(() => text(banner.getByTestId('reclaim-all'))).toBe('Reclaim 2');
    // pool 1's 24 stopped workers cooled down too: their own banner, untouched by pool 2's
    await expect
      .poll(() => text(page.getByTestId('reclaimable-1').getByTestId('reclaim-all')))
      .toBe('Reclaim 24');
    await banner.getByTestId('reclaim-all').click();
    for (const w of cooling)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Ready');
    await banner.waitFor({ state: 'detached' });
    // the third worker kept mining; reclaiming paid Bob's queued withdrawal
    expect(
      await text(
        page.getByTestId(`worker-${covered.find((w) => !cooling.includes(w))}`).getByTestId('state'),
      ),
    ).toBe('Mining');
    await page.getByTestId('pool-2').getByTestId('manage').click();
    await page.getByTestId('queue-empty').waitFor();
    await shot('10-guardian-reclaimed');
    // the other pool's banner is still there, and reclaims its 24 in one transaction
    await page.getByTestId('reclaimable-1').getByTestId('reclaim-all').click();
    await page.getByTestId('reclaimable-1').waitFor({ state: 'detached' });
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('0 of 24 mining');
    expect(appErrors()).toEqual([]);
  });
}
