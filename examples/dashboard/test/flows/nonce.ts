import { expect } from 'vitest';
import { appErrors, base, chain, page, signInAs, test, text } from '../harness.js';

/** A key that signs from the page and from somewhere else too. */
export function nonceFlows(): void {
  test("another connection signs for the page's account: the page's next send goes through the first time", async () => {
    const { charlie } = chain.accounts;
    await page.goto(base());
    await expect.poll(() => text(page.getByTestId('connection'))).toBe('connected');
    await signInAs('charlie');
    const pools = async () => Number((await (chain.api.query as any).phalaStakePool.poolCount()).toString());
    const first = await pools();
    // the page signs once, so it knows Charlie's next nonce
    await page.getByTestId('create-pool').click();
    await page.getByTestId(`pool-${first}`).waitFor();
    // the harness's own client signs for Charlie: the nonce the page would take next is used
    await chain.sendTx((chain.api.tx as any).phalaStakePool.create(), charlie);
    expect(await pools()).toBe(first + 2);
    await page.getByTestId('create-pool').click();
    await page.getByTestId(`pool-${first + 2}`).waitFor();
    expect(await pools()).toBe(first + 3);
    expect(await text(page.getByTestId('create-pool-status'))).not.toMatch(/nonce|already used|error/i);
    expect(appErrors()).toEqual([]);
  });
}
