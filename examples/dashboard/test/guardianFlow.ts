import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface FlowContext {
  page: Page;
  /** pool 2's workers: Ready, Dave's, no stake yet */
  poolTwo: string[];
  confirm: (expected: (string | RegExp)[]) => Promise<void>;
  shot: (name: string) => Promise<unknown>;
  signInAs: (name: 'alice' | 'bob' | 'charlie' | 'dave') => Promise<void>;
}

const text = (l: Locator) => l.textContent().then((t) => t ?? '');

/**
 * The guardian flow of the e2e test: pool 2 gets three mining workers and a queued withdrawal larger than its free
 * stake; the banner shows the countdown, the shortfall and the plan; covering it stops the plan's workers only.
 */
export async function guardianFlow({ page, poolTwo, confirm, shot, signInAs }: FlowContext): Promise<void> {
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
}
