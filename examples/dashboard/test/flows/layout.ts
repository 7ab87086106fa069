import { expect } from 'vitest';
import {
  appErrors,
  assertFits,
  assertLabelled,
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

/** The layout at 1440 and 1024 px, and the chart without an indexer. */
export function layoutFlows(): void {
  test('fits at 1440 and 1024 px: no page-wide scroll, every table fits or scrolls inside its card', async () => {
    // a queued withdrawal, so the withdraw queue (and pool 1's guardian banner) is on the page
    await signInAs('bob');
    await page.getByTestId('pool-1').getByTestId('manage').click();
    const actions = page.getByTestId('pool-actions');
    await actions.getByTestId('withdraw-input').fill('119000');
    await actions.getByTestId('form-withdraw').locator('button[type=submit]').click();
    await confirm([/Queued[1-9]/]);
    await page.getByTestId(`queue-${chain.accounts.bob.address}`).waitFor();
    await page.getByTestId('risk-1').waitFor();
    await signInAs('dave');
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await assertFits(width);
      await assertLabelled();
      await assertTables(width);
      const remove = page.getByTestId(`worker-${fleet.workers[0]}`).getByTestId('remove');
      await remove.scrollIntoViewIfNeeded();
      const box = await remove.boundingBox();
      const card = await page.getByTestId('workers').boundingBox();
      expect(box && card && box.x >= card.x && box.x + box.width <= card.x + card.width).toBe(true);
      expect(await text(page.getByTestId('pools').locator('thead th').last())).toBe('Actions');
      await shot(`06-layout-${width}`);
    }
    await page.getByTestId('indexer').fill('');
    await page.getByTestId('indexer').press('Enter');
    await page.getByTestId('chart-no-indexer').waitFor();
    expect(appErrors()).toEqual([]);
  });
}
