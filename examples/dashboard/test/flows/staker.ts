import { expect } from 'vitest';

import { appErrors, chain, confirm, fleet, page, shot, signInAs, test, text } from '../harness.js';

/** History from the indexer, a staker's withdrawal and claim, and the owner's reclaim after the forced stop. */
export function stakerFlows(): void {
  test('history from the indexer: rewards per pool and worker that survive a reload, realized APR, the events timeline', async () => {
    await page.getByTestId('pool-0').getByTestId('manage').click();
    const chart = page.getByTestId('rewards-chart');
    await expect
      .poll(async () => Number(await chart.locator('svg.chart').getAttribute('data-samples')))
      .toBeGreaterThan(1);
    await expect.poll(() => text(chart.getByTestId('chart-mined'))).not.toBe('0 PHA');
    await expect.poll(() => text(chart.getByTestId('chart-apr'))).toMatch(/realized APR \d/);
    const before = Number(await chart.locator('svg.chart').getAttribute('data-samples'));
    await page.reload();
    await page.getByTestId('pool-0').getByTestId('manage').click();
    await expect
      .poll(async () => Number(await page.locator('svg.chart').getAttribute('data-samples')))
      .toBeGreaterThanOrEqual(before);
    await page.getByTestId('chart-scope').selectOption(fleet.workers[0]!);
    await expect.poll(() => text(page.getByTestId('chart-mined'))).not.toBe('0 PHA');
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => text(timeline)).toContain('worker-started');
    await expect.poll(() => text(timeline)).toContain('commission-set');
    await shot('04-history');
  });

  test('staker: withdraw shows paid now vs queued, the queue shows the latest withdrawal and turns overdue; claim to a chosen account', async () => {
    await signInAs('bob');
    const actions = page.getByTestId('pool-actions');
    await expect.poll(() => text(page.getByTestId('pending'))).not.toBe('0 PHA');
    const free = await text(page.getByTestId('pool-0').getByTestId('free-stake'));
    await actions.getByTestId('withdraw-input').fill('15000');
    await actions.getByTestId('form-withdraw').locator('button[type=submit]').click();
    await confirm([`Paid now${free}`, /Queued[1-9]/, /Latest withdrawal\d/]);
    await expect.poll(() => text(actions.getByTestId('withdraw-status'))).toMatch(/paid now, .* queued/);
    const queued = page.getByTestId(`queue-${chain.accounts.bob.address}`);
    await expect.poll(() => text(queued.getByTestId('countdown'))).toContain('7d');
    expect(await text(queued.getByTestId('latest-withdrawal'))).toMatch(/\d/);

    await actions.getByTestId('form-claim').locator('button[type=submit]').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => text(dialog)).toMatch(/Amount[1-9]/);
    await dialog.getByTestId('claim-target').selectOption(chain.accounts.charlie.address);
    const charlieBefore = await chain.balanceOf(chain.accounts.charlie);
    await confirm([]);
    await expect.poll(() => text(actions.getByTestId('claim-status'))).toMatch(/✓ done.*claimed to/);
    expect(await chain.balanceOf(chain.accounts.charlie)).toBeGreaterThan(charlieBefore);

    // past the grace period the request is overdue (and the chain stops the pool's workers)
    await chain.timeTravel({ days: 7, hours: 1 });
    await chain.newBlocks(1);
    await expect.poll(() => text(queued.getByTestId('countdown'))).toContain('overdue since');
    await shot('05-overdue-withdrawal');
  });

  test('owner after a forced stop: reclaim the cooled-down workers in one batch, remove one after confirming', async () => {
    await signInAs('dave');
    const workersCard = page.getByTestId('workers');
    for (const w of fleet.workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('CoolingDown');
    await chain.timeTravel({ days: 7, hours: 1 });
    await chain.newBlocks(1);
    await expect.poll(() => page.getByTestId('attention').count()).toBe(3);
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-reclaim'))).toBe('Reclaim 3');
    await page.getByTestId('batch-reclaim').click();
    await confirm(['Reclaim 3 workers in one transaction']);
    for (const w of fleet.workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Ready');
    await page.getByTestId('chart-scope').selectOption('');
    await expect.poll(() => text(page.getByTestId('chart-mined'))).not.toBe('0 PHA');
    // the indexer may still be adding the last blocks' rewards: the line only grows, so "before" is a lower bound
    const phaOf = (t: string) => Number(t.replace(/[^\d.]/g, ''));
    const minedBefore = phaOf(await text(page.getByTestId('chart-mined')));
    const row = page.getByTestId(`worker-${fleet.workers[2]}`);
    await row.getByTestId('remove').click();
    await confirm(['Remove worker']);
    await row.waitFor({ state: 'detached' });
    // the pool's history keeps the removed worker's rewards: the mined line does not fall
    await expect.poll(() => text(page.getByTestId('timeline'))).toContain('worker-removed');
    expect(phaOf(await text(page.getByTestId('chart-mined')))).toBeGreaterThanOrEqual(minedBefore);
    expect(appErrors()).toEqual([]);
  });
}
