import { addProxy, sendAsMultisig } from '@phala-mining/testing';
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

/**
 * Cold owner keys: Ferdie runs Dave's pools as his proxy (StakePoolManager, and a Governance relation whose filter
 * allows no stake pool call); a pool owned by a 2-of-3 multisig of Eve, Ferdie and Charlie changes its payout with two
 * approvals, the pending one shown with Approve / Cancel.
 */
export function coldKeyFlows(): void {
  test("proxy: Ferdie acts as Dave via proxy; a start signs as proxy.proxy, a call the proxy type's filter refuses shows the typed refusal before signing", async () => {
    const { dave, ferdie } = chain.accounts;
    await addProxy(chain, dave, ferdie);
    await addProxy(chain, dave, ferdie, { type: 'Governance' });
    await signInAs('ferdie');
    const acting = page.getByTestId('acting-as');
    // the chain keeps an account's proxies sorted (by delegate, then type): Governance before StakePoolManager
    await expect
      .poll(() => acting.locator('option').allTextContents())
      .toEqual([
        'yourself',
        'act as Dave via proxy (Governance)',
        'act as Dave via proxy (StakePoolManager)',
      ]);
    const row = page.getByTestId(`worker-${fleet.poolOne[0]}`);
    // as himself Ferdie owns nothing: no owner's buttons
    expect(await row.getByTestId('start').count()).toBe(0);
    await acting.selectOption(`proxy:${dave.address}:StakePoolManager`);
    await expect
      .poll(() => text(page.getByTestId('acting-note')))
      .toMatch(/Rules are checked as .* signs and pays/);
    await page.getByTestId('pool-1').getByTestId('manage').click();
    const actions = page.getByTestId('pool-actions');
    await expect
      .poll(() => text(actions))
      .toContain("You act for this pool's owner as its StakePoolManager proxy");
    const feesBefore = await chain.balanceOf(ferdie);
    await row.getByTestId('fill-smin').click();
    await row.getByTestId('start').click();
    await expect.poll(() => text(row.getByTestId('state'))).toBe('Mining');
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('✓ done');
    // the delegate signed and paid the fee
    expect(await chain.balanceOf(ferdie)).toBeLessThan(feesBefore);
    // the cap is not StakePoolManager's to set: refused by the SDK before anything is signed
    await actions.getByTestId('cap-input').fill('200000');
    await actions.getByTestId('form-cap').locator('button[type=submit]').click();
    await expect
      .poll(() => text(actions.getByTestId('cap-status')))
      .toContain('StakePoolManager proxy filter does not allow phalaStakePool.setCap');
    expect(await text(actions.getByTestId('cap-status'))).toContain('(ProxyCallFiltered)');
    expect(await text(page.getByTestId('pool-1').getByTestId('cap'))).toBe('unlimited');
    await shot('11-acting-as-proxy');
    await page.setViewportSize({ width: 1024, height: 900 });
    await assertFits(1024);
    await assertTables(1024, ['pools', 'workers']);
    await shot('11-acting-as-proxy-1024');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // the choice is part of the scope: under Governance the StakePoolManager results are gone
    await acting.selectOption(`proxy:${dave.address}:Governance`);
    await expect.poll(() => row.getByTestId('worker-status').count()).toBe(0);
    expect(await actions.getByTestId('cap-status').count()).toBe(0);
    await row.getByTestId('stop').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => text(dialog.getByTestId('confirm-fee'))).toContain('(ProxyCallFiltered)');
    await dialog.getByTestId('confirm-ok').click();
    await expect
      .poll(() => text(row.getByTestId('worker-status')))
      .toContain('Governance proxy filter does not allow phalaStakePool.stopMining');
    expect(await text(row.getByTestId('state'))).toBe('Mining');
    await acting.selectOption('self');
    await expect.poll(() => row.getByTestId('stop').count()).toBe(0);
    expect(await row.getByTestId('worker-status').count()).toBe(0);
    expect(appErrors()).toEqual([]);
  });

  test('multisig: a member of the owner multisig opens a payout change, sees it pending with Approve / Cancel; the second member executes it', async () => {
    const { eve, ferdie, charlie } = chain.accounts;
    // Eve and Charlie create the pool: the page has signed as Ferdie, and a key signing from two places races its
    // nonces (the page's next nonce for Ferdie would be taken)
    const { multisig } = await sendAsMultisig(chain, (chain.api.tx as any).phalaStakePool.create(), {
      signatories: [eve, ferdie, charlie],
      threshold: 2,
      approvers: [eve, charlie],
    });
    const pool = page.getByTestId('pool-3');
    await pool.waitFor();
    await signInAs('eve');
    await page.getByTestId('multisig-open').click();
    const form = page.getByTestId('multisig-form');
    await form.getByTestId('multisig-threshold').fill('4');
    await form.getByTestId('multisig-other-ferdie').check();
    await form.getByTestId('multisig-other-charlie').check();
    await assertLabelled();
    await form.getByTestId('multisig-add').click();
    await expect.poll(() => text(form.getByTestId('multisig-form-status'))).toContain('from 2 to 3');
    await form.getByTestId('multisig-threshold').fill('2');
    await form.getByTestId('multisig-add').click();
    const acting = page.getByTestId('acting-as');
    await expect.poll(() => acting.inputValue()).toBe(`multisig:${multisig}`);
    const pending = page.getByTestId('multisig-pending');
    await pending.getByTestId('multisig-none').waitFor();
    expect(await text(pending.getByTestId('multisig-summary'))).toBe(
      '2 of 3 signatories · Eve, Ferdie, Charlie',
    );
    await expect.poll(() => text(pool)).toContain('you');

    await pool.getByTestId('manage').click();
    const actions = page.getByTestId('pool-actions');
    await expect.poll(() => text(actions)).toContain('as one signatory of its multisig');
    await actions.getByTestId('payout-input').fill('15');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['0 % → 15 %']);
    await expect.poll(() => text(actions.getByTestId('payout-status'))).toContain('opened for the multisig');
    expect(await text(pool.getByTestId('commission'))).toBe('0 %');
    const row = pending.locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await text(row.getByTestId('approvals'))).toBe('1 of 2: Eveyou approved');
    expect(await text(row.getByTestId('depositor'))).toBe('Eve');
    await shot('12-multisig-pending');
    // the pending approvals at 1024 px: nothing clipped, every control named
    await page.setViewportSize({ width: 1024, height: 900 });
    await assertFits(1024);
    await assertTables(1024, ['multisig-pending', 'pools', 'workers']);
    await assertLabelled();
    await shot('12-multisig-pending-1024');
    await page.setViewportSize({ width: 1440, height: 1000 });
    // the depositor cancels: nothing waits any more, and the payout did not change
    await row.getByTestId('cancel').click();
    await pending.getByTestId('multisig-none').waitFor();
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['0 % → 15 %']);
    await expect.poll(() => row.count()).toBe(1);

    // Ferdie, the second member: the multisig is offered to him too, and nothing of Eve's results shows
    await signInAs('ferdie');
    await acting.selectOption(`multisig:${multisig}`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await actions.getByTestId('payout-status').count()).toBe(0);
    expect(await text(row.getByTestId('approvals'))).toBe('1 of 2: Eve');
    // only the depositor may cancel; the approval that executes needs the call data — both refused before signing
    await row.getByTestId('cancel').click();
    await expect.poll(() => text(row.getByTestId('pending-status'))).toContain('(NotMultisigDepositor)');
    await row.getByTestId('approve').click();
    await expect.poll(() => text(row.getByTestId('pending-status'))).toContain('(MultisigCallDataRequired)');
    await shot('13-multisig-approve-refused');
    // the call data pasted: a wrong one is named, the right one executes it
    const tx = (chain.api.tx as any).phalaStakePool;
    await row.getByTestId('call-data').fill(tx.setPayoutPref(3, 200_000).method.toHex());
    await row.getByTestId('approve').click();
    await expect.poll(() => text(row.getByTestId('pending-status'))).toContain('(MultisigCallMismatch)');
    await row.getByTestId('call-data').fill(tx.setPayoutPref(3, 150_000).method.toHex());
    await row.getByTestId('approve').click();
    await pending.getByTestId('multisig-none').waitFor();
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('15 %');

    // or the same operation sent again by another member: it carries the call, and the multisig executes it
    await actions.getByTestId('payout-input').fill('20');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['15 % → 20 %']);
    await expect.poll(() => text(actions.getByTestId('payout-status'))).toContain('opened for the multisig');
    await expect.poll(() => text(row.getByTestId('depositor'))).toBe('Ferdie');
    await signInAs('eve');
    await expect.poll(() => acting.inputValue()).toBe(`multisig:${multisig}`);
    await expect.poll(() => text(row.getByTestId('approvals'))).toBe('1 of 2: Ferdie');
    await actions.getByTestId('payout-input').fill('20');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['15 % → 20 %']);
    await expect.poll(() => text(actions.getByTestId('payout-status'))).toContain('the multisig executed it');
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('20 %');
    await pending.getByTestId('multisig-none').waitFor();
    await shot('14-multisig-executed');
    await acting.selectOption('self');
    expect(appErrors()).toEqual([]);
  });
}
