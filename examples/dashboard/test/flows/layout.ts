import { expect, it } from 'vitest';
import {
  appErrors,
  assertFits,
  assertLabelled,
  chain,
  confirm,
  fleet,
  page,
  shot,
  signInAs,
  text,
} from '../harness.js';

/** The cards whose tables must fit or scroll inside them: the pools table, the worker table, the withdraw queue. */
const TABLES = ['pools', 'workers', 'stake-info'];

interface TableFit {
  card: string | null;
  /** the table is wider than its scroll box */
  scrolls: boolean;
  overflowX: string;
  /** the scroll box lies inside its card */
  insideCard: boolean;
  /** scrolled to the far end, every cell of the last column (header included) is inside the scroll box */
  lastColumnReachable: boolean;
  lastHeader: string;
  /** pixels the table is wider than its scroll box */
  over: number;
}

/** Measures every table of the page: it fits its card, or it scrolls inside it and its last column can be reached. */
function measureTables(): Promise<TableFit[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.card .table-scroll')].map((box) => {
      const card = box.closest('section.card')!;
      const cardBox = card.getBoundingClientRect();
      const before = box.scrollLeft;
      box.scrollLeft = box.scrollWidth;
      const boxRect = box.getBoundingClientRect();
      const last = [...box.querySelectorAll('tr')].map((tr) => tr.lastElementChild!.getBoundingClientRect());
      const fit = {
        card: card.getAttribute('data-testid'),
        scrolls: box.scrollWidth > box.clientWidth,
        overflowX: getComputedStyle(box).overflowX,
        insideCard: boxRect.left >= cardBox.left - 1 && boxRect.right <= cardBox.right + 1,
        lastColumnReachable: last.every((r) => r.left >= boxRect.left - 1 && r.right <= boxRect.right + 1),
        lastHeader: box.querySelector('thead tr')?.lastElementChild?.textContent ?? '',
        over: box.scrollWidth - box.clientWidth,
      };
      box.scrollLeft = before;
      return fit;
    }),
  );
}

/** The layout at 1440 and 1024 px, and the chart without an indexer. */
export function layoutFlows(): void {
  it('fits at 1440 and 1024 px: no page-wide scroll, every table fits or scrolls inside its card', async () => {
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
      const tables = await measureTables();
      expect(tables.map((t) => t.card)).toEqual(expect.arrayContaining(TABLES));
      for (const t of tables) {
        expect(t.insideCard, `${t.card}'s table at ${width} px`).toBe(true);
        expect(t.lastColumnReachable, `${t.card}'s last column (${t.lastHeader}) at ${width} px`).toBe(true);
        // a table wider than its card scrolls inside it, never clipped
        if (t.scrolls) expect(['auto', 'scroll'], `${t.card} at ${width} px`).toContain(t.overflowX);
        // below 1100 px the staking card takes the full width: the withdraw queue fits at 1024 px as well
        if (t.card === 'stake-info')
          expect(t.scrolls, `the queue is ${t.over} px too wide at ${width} px`).toBe(false);
        // at 1440 px every table fits its card: nothing to scroll to
        if (width >= 1440)
          expect(t.scrolls, `${t.card}'s table is ${t.over} px too wide at ${width} px`).toBe(false);
      }
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
