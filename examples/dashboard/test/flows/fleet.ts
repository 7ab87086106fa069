import { poolSubAccountHex } from '@phala-mining/core';
import { expect } from 'vitest';

import { chain, confirm, fleet, page, shot, signInAs, test, text } from '../harness.js';

/** The fleet: a bulk start, an Unresponsive worker pinned at the top, filter, search and sort. */
export function fleetFlows(): void {
  test('fleet: bulk start at Smin in one transaction, an Unresponsive worker pinned at the top, filter, search, sort', async () => {
    const workersCard = page.getByTestId('workers');
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-start'))).toBe('Start 2');
    await page.getByTestId('batch-start').click();
    await confirm(['Start 2 workers in one transaction', /Total stake/]);
    for (const w of fleet.workers.slice(1))
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Mining');
    await expect
      .poll(() => text(page.getByTestId(`worker-${fleet.workers[2]}`).getByTestId('worker-status')))
      .toContain('✓ done');
    await expect
      .poll(() => text(page.getByTestId('pool-0').getByTestId('worker-totals')))
      .toBe('3 of 3 mining');

    // two answer their heartbeats, the last one does not: it turns Unresponsive and goes to the top
    await chain.setWorkerOnline(fleet.workers[1]!, true);
    await chain.setWorkerOnline(fleet.workers[2]!, false);
    for (let round = 0; round < 4; round++) {
      await chain.newBlocks(10);
      await chain.settle();
    }
    // a forced settlement counts as a heartbeat: only plain blocks let the missed challenges add up
    const miner = poolSubAccountHex(0n, fleet.workers[2]!);
    const minerState = async () =>
      ((await (chain.api.query.phalaMining as any).miners(miner)) as any).unwrap().state.toString();
    for (let i = 0; i < 100 && (await minerState()) !== 'MiningUnresponsive'; i++) await chain.newBlocks(10);
    expect(await minerState()).toBe('MiningUnresponsive');
    const first = workersCard.locator('tbody tr').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe(`worker-${fleet.workers[2]}`);
    expect(await text(first.getByTestId('state'))).toBe('Unresponsive');
    expect(await text(first.getByTestId('attention'))).toBe('needs attention');
    await expect.poll(() => text(page.getByTestId('pool-0'))).toContain('1 need attention');
    await shot('03-fleet-attention');

    await workersCard.getByTestId('state-filter').selectOption('Mining');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(2);
    await workersCard.getByTestId('state-filter').selectOption('');
    await workersCard.getByTestId('worker-search').fill(fleet.workers[1]!.slice(2, 14));
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(1);
    await workersCard.getByTestId('worker-search').fill('');
    await workersCard.getByTestId('sort-cores').click();
    await workersCard.getByTestId('sort-cores').click(); // descending: 6, 5, 4 cores — the pinned one (6) stays first
    await expect
      .poll(async () => (await workersCard.locator('tbody [data-testid=cores]').allTextContents()).join(','))
      .toBe('6,5,4');
  });
}

/** 51 workers in 3 pools: pasted lists, per-pool totals, batch Start and Stop of 24, pools sort and "mine only". */
export function manyWorkersFlows(): void {
  test('51 workers in 3 pools: a pasted list per pool, per-pool totals, 24 started in one transaction, the list scrolls in its card', async () => {
    const { dave } = chain.accounts;
    const lists: string[][] = [];
    for (const [pid, n] of [
      [1, 24],
      [2, 25],
    ] as const) {
      await page.getByTestId('create-pool').click();
      await page.getByTestId(`pool-${pid}`).waitFor();
      await expect.poll(() => text(page.getByTestId('pool-actions').locator('h2'))).toBe(`Pool #${pid}`);
      const keys: string[] = [];
      for (let i = 0; i < n; i++) keys.push(await chain.registerWorker({ operator: dave, score: 2000 }));
      lists.push(keys);
      if (pid === 1) fleet.poolOne = keys;
      if (pid === 2) fleet.poolTwo = keys;
      const actions = page.getByTestId('pool-actions');
      await actions.getByTestId('worker-input').fill(keys.join('\n'));
      await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
      await expect
        .poll(() => text(actions.getByTestId('add-worker-status')))
        .toContain(`${n} workers added in one transaction`);
    }
    const workersCard = page.getByTestId('workers');
    await expect.poll(() => text(workersCard.getByTestId('workers-count'))).toBe('51 of 51 shown');
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('0 of 24 mining');
    await expect
      .poll(() => text(page.getByTestId('pool-2').getByTestId('worker-totals')))
      .toBe('0 of 25 mining');

    expect(await text(page.getByTestId('create-pool-status'))).toContain('✓ done');
    await signInAs('bob');
    // Dave's "Create Pool ✓ done" is not Bob's
    expect(await page.getByTestId('create-pool-status').count()).toBe(0);
    await page.getByTestId('pool-1').getByTestId('manage').click();
    await page.getByTestId('contribute-input').fill('120000');
    await page.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect.poll(() => text(page.getByTestId('locked'))).toBe('120,000 PHA');
    await signInAs('dave');
    await workersCard.getByTestId('pool-filter').selectOption('1');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(24);
    await workersCard.getByTestId('select-all').check();
    await expect.poll(() => text(page.getByTestId('batch-start'))).toBe('Start 24');
    await page.getByTestId('batch-start').click();
    await confirm(['Start 24 workers in one transaction']);
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('24 of 24 mining');
    // and stopped again in one transaction, after a confirmation with the stake that cools down
    await page.getByTestId('batch-stop').click();
    await confirm(['Stop 24 workers in one transaction', /Stake cooling down[1-9]/]);
    await expect
      .poll(() => text(page.getByTestId('pool-1').getByTestId('worker-totals')))
      .toBe('0 of 24 mining');
    await workersCard.getByTestId('state-filter').selectOption('CoolingDown');
    await expect.poll(() => workersCard.locator('tbody tr').count()).toBe(24);
    await workersCard.getByTestId('state-filter').selectOption('');
    // pool 2 has no stake: "the stake typed in each row" names the first row without one; at Smin the pop-up shows
    // the rule the chain would refuse, before anything is signed
    await workersCard.getByTestId('pool-filter').selectOption('2');
    await workersCard.getByTestId('select-all').check();
    await page.getByTestId('batch-stake-mode').selectOption('row');
    await page.getByTestId('batch-start').click();
    await expect.poll(() => text(page.getByTestId('batch-status'))).toContain('type its stake in its row');
    await page.getByTestId('batch-stake-mode').selectOption('smin');
    await page.getByTestId('batch-start').click();
    await expect
      .poll(() => text(page.getByRole('dialog').getByTestId('confirm-fee')))
      .toContain('(InsufficientFreeStake)');
    await page.getByTestId('confirm-cancel').click();
    await workersCard.getByTestId('select-all').uncheck();
    await workersCard.getByTestId('pool-filter').selectOption('');
    // pools sorted by their number of workers; "mine only" keeps Dave's
    await page.getByTestId('pools-sort').selectOption('workers');
    await expect
      .poll(() => page.getByTestId('pools').locator('tbody tr').first().getAttribute('data-testid'))
      .toBe('pool-2');
    await signInAs('bob');
    await page.getByTestId('pools-mine').check();
    await page.getByText('You own no pool yet.').waitFor();
    await page.getByTestId('pools-mine').uncheck();
    await signInAs('dave');
    // the list scrolls inside its card: the page stays far shorter than one row per worker would make it
    const viewport = page.viewportSize()!;
    const listBox = await workersCard.locator('.table-scroll').boundingBox();
    expect(listBox!.height).toBeLessThanOrEqual(viewport.height * 0.7 + 1);
    await shot('07-fleet-51-workers');
  });
}
