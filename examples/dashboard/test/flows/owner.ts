import { expect } from 'vitest';

import {
  base,
  chain,
  confirm,
  consoleErrors,
  fleet,
  page,
  server,
  shot,
  signInAs,
  test,
  text,
} from '../harness.js';

/** A bad endpoint, then the pool owner: settings, a pasted list of workers, Start and Stop; results stay scoped. */
export function ownerFlows(): void {
  test('a bad endpoint ends the loading state; without an indexer the chart says so', async () => {
    await page.goto(`${server.url}?endpoint=${encodeURIComponent('ws://127.0.0.1:1')}`);
    await page.getByTestId('pools-failed').waitFor();
    // every "loading…" ends: nothing is coming
    await expect.poll(() => page.getByText(/loading/).count()).toBe(0);
    await shot('00-bad-endpoint');
    consoleErrors.length = 0; // the refused socket is logged by the browser itself
  });

  test('pool owner: settings with confirmation, a pasted list of workers in one transaction, stake with no silent default', async () => {
    const { alice, dave } = chain.accounts;
    await page.goto(base());
    await expect.poll(() => text(page.getByTestId('connection'))).toBe('connected');
    await expect.poll(() => page.getByTestId('account').inputValue()).toBe(alice.address);
    await page.getByText('No pools yet').waitFor();
    // Dave owns the pool: the test's own sudo calls (the mining switch) sign as Alice, and would race her nonces
    await signInAs('dave');

    await page.getByTestId('create-pool').click();
    const pool = page.getByTestId('pool-0');
    await pool.waitFor();
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('0 %');
    const actions = page.getByTestId('pool-actions');
    // the payout field shows the pool's own 0 %, not a made-up 20
    expect(await actions.getByTestId('payout-input').inputValue()).toBe('0');
    await actions.getByTestId('payout-input').fill('150');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await expect.poll(() => text(actions.getByTestId('payout-status'))).toContain('between 0 and 100');
    await actions.getByTestId('payout-input').fill('20');
    await actions.getByTestId('form-payout').locator('button[type=submit]').click();
    await confirm(['0 % → 20 %']);
    await expect.poll(() => text(pool.getByTestId('commission'))).toBe('20 %');

    await actions.getByTestId('cap-input').fill('50000');
    await actions.getByTestId('form-cap').locator('button[type=submit]').click();
    await expect.poll(() => text(pool.getByTestId('cap'))).toBe('50,000 PHA');

    fleet.workers = [];
    for (let i = 0; i < 3; i++)
      fleet.workers.push(await chain.registerWorker({ operator: dave, score: 2000 + i * 100, cores: 4 + i }));
    await actions.getByTestId('worker-input').fill(`${fleet.workers[0]}\n0x1234`);
    await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
    await expect.poll(() => text(actions.getByTestId('add-worker-status'))).toContain('64 hex digits');
    await actions.getByTestId('worker-input').fill(fleet.workers.join('\n'));
    await actions.getByTestId('form-add-worker').locator('button[type=submit]').click();
    await expect
      .poll(() => text(actions.getByTestId('add-worker-status')))
      .toContain('3 workers added in one transaction');
    for (const w of fleet.workers)
      await expect.poll(() => text(page.getByTestId(`worker-${w}`).getByTestId('state'))).toBe('Ready');
    await expect.poll(() => text(pool.getByTestId('worker-totals'))).toBe('0 of 3 mining');

    // a staker: over the cap gap first; the field clears after a contribution
    await signInAs('bob');
    await actions.getByTestId('contribute-input').fill('60000');
    await actions.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect
      .poll(() => text(actions.getByTestId('contribute-status')))
      .toContain('(ContributionExceedsCap)');
    await actions.getByTestId('contribute-input').fill('20000');
    await actions.getByTestId('form-contribute').locator('button[type=submit]').click();
    await expect.poll(() => text(page.getByTestId('locked'))).toBe('20,000 PHA');
    await expect.poll(() => actions.getByTestId('contribute-input').inputValue()).toBe('');
    await shot('01-pool-and-workers');

    // Start with an empty field is refused; Smin fills the field
    await signInAs('dave');
    const row = page.getByTestId(`worker-${fleet.workers[0]}`);
    await row.getByTestId('start').click();
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('Enter a stake between Smin');
    await row.getByTestId('fill-smin').click();
    expect(await row.getByTestId('start-stake').inputValue()).toMatch(/^4472\.1359/);
    await row.getByTestId('start').click();
    await expect.poll(() => text(row.getByTestId('state'))).toBe('Mining');
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('✓ done');
    // the simulated miner answers its heartbeats from now on
    await chain.setWorkerOnline(fleet.workers[0]!, true);
  });

  test('a row shows its latest operation: a failed Stop after a successful Start reads as the failure', async () => {
    const row = page.getByTestId(`worker-${fleet.workers[0]}`);
    await chain.setMiningEnabled(false);
    await row.getByTestId('stop').click();
    // the pop-up tells when the cooldown ends; the rule the switch breaks shows where the fee would
    const dialog = page.getByRole('dialog');
    await expect.poll(() => text(dialog)).toMatch(/Cooldown ends\d/);
    await expect.poll(() => text(dialog.getByTestId('confirm-fee'))).toContain('MiningDisabled');
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => text(row.getByTestId('worker-status'))).toContain('(MiningDisabled)');
    expect(await text(row.getByTestId('worker-status'))).not.toContain('done');
    await shot('02-failed-stop-after-start');
    // errors stay until dismissed
    await row.getByTestId('dismiss').click();
    expect(await row.getByTestId('worker-status').count()).toBe(0);
    await chain.setMiningEnabled(true);
  });

  test('results never leak between accounts', async () => {
    const row = page.getByTestId(`worker-${fleet.workers[0]}`);
    const start = page.getByTestId(`worker-${fleet.workers[1]}`);
    await start.getByTestId('start').click();
    await expect.poll(() => text(start.getByTestId('worker-status'))).toContain('Enter a stake');
    await page.getByTestId('pool-actions').getByTestId('cap-input').fill('-1');
    await page.getByTestId('pool-actions').getByTestId('form-cap').locator('button[type=submit]').click();
    await page.getByTestId('pool-actions').getByTestId('cap-status').waitFor();
    await signInAs('charlie');
    await expect.poll(() => page.getByTestId('worker-status').count()).toBe(0);
    expect(await page.getByTestId('pool-actions').getByRole('alert').count()).toBe(0);
    await signInAs('dave');
    // switching back starts clean too: the results belonged to the earlier view
    await expect.poll(() => page.getByTestId('worker-status').count()).toBe(0);
    expect(await page.getByTestId('cap-status').count()).toBe(0);
    expect(await text(row.getByTestId('state'))).toBe('Mining');
  });
}
