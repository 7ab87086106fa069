import { type MiningClient, pha } from '@phala-mining/core';
import type { TestChain } from '@phala-mining/testing';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, setup } from '../../test/helpers.js';
import { usePlanWithdrawalCover } from './usePlanWithdrawalCover.js';
import { useReclaimable } from './useReclaimable.js';
import { useWithdrawalRisk } from './useWithdrawalRisk.js';

let h: Harness;
beforeAll(async () => {
  h = await setup();
  await h.chain.setMiningEnabled(true);
});
afterAll(() => h?.close());

/** Alice's pool with one mining worker per stake, all of it Bob's, and Bob's withdrawal of `queued` PHA queued. */
async function poolAtRisk(chain: TestChain, client: MiningClient, stakes: string[], queued: string) {
  const { alice, bob } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  const workers: string[] = [];
  for (const _ of stakes) workers.push(await chain.registerWorker({ operator: alice, score: 400 }));
  const total = stakes.reduce((a, s) => a + pha(s), 0n);
  await chain.fund(bob, (await chain.balanceOf(bob)) + total + pha('100'));
  await workers.reduce((op, w) => op.addWorker(w), client.pool(pid)).send(alice);
  await client.pool(pid).contribute(total).send(bob);
  await workers.reduce((op, w, i) => op.startMining(w, pha(stakes[i]!)), client.pool(pid)).send(alice);
  await client
    .pool(pid)
    .withdraw({ amount: pha(queued) })
    .send(bob);
  return { pid, workers };
}

function Guard({ pid }: { pid: bigint }) {
  const risk = useWithdrawalRisk(pid);
  const plan = usePlanWithdrawalCover(pid, { strategy: 'fewest', signer: h.chain.accounts.alice });
  const reclaimable = useReclaimable(pid);
  if (!risk.data || !plan.data) return <p>loading</p>;
  return (
    <div>
      <p data-testid="risk">{risk.data.atRisk ? `at risk: ${risk.data.shortfall} short` : 'safe'}</p>
      <p data-testid="plan">{plan.data.stops.map((s) => s.worker).join(',') || 'nothing to stop'}</p>
      <p data-testid="apply">{plan.apply.stage}</p>
      <p data-testid="error">{plan.apply.error?.code ?? ''}</p>
      <p data-testid="reclaimable">{reclaimable.data?.map((r) => r.worker).join(',') || 'none'}</p>
      <button type="button" onClick={() => void plan.apply.send()}>
        apply
      </button>
    </div>
  );
}

describe('guardian hooks on the dev chain', () => {
  it('show the risk and the plan, apply it, then list the stopped worker once its cooldown ends', async () => {
    const { pid, workers } = await poolAtRisk(h.chain, h.client, ['3000', '4000'], '3500');
    render(<Guard pid={pid} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('risk').textContent).toBe(`at risk: ${pha('3500')} short`));
    expect(screen.getByTestId('plan').textContent).toBe(workers[1]);
    expect(screen.getByTestId('reclaimable').textContent).toBe('none');

    await act(async () => {
      fireEvent.click(screen.getByText('apply'));
    });
    await waitFor(() => expect(screen.getByTestId('apply').textContent).toBe('inBlock'));
    await waitFor(() => expect(screen.getByTestId('risk').textContent).toBe('safe'));
    expect(screen.getByTestId('plan').textContent).toBe('nothing to stop');

    await act(async () => {
      await h.chain.timeTravel({ days: 7, seconds: 12 });
    });
    await waitFor(() => expect(screen.getByTestId('reclaimable').textContent).toBe(workers[1]));
  });

  it('apply with nothing to stop fails with EmptyChainError and signs nothing', async () => {
    const { pid } = await poolAtRisk(h.chain, h.client, ['3000'], '0.5');
    await h.client.pool(pid).contribute(pha('1')).send(h.chain.accounts.charlie); // pays the request at once
    const nonce = async () =>
      (await h.client.api.rpc.system.accountNextIndex(h.chain.accounts.alice.address)).toNumber();
    const before = await nonce();
    render(<Guard pid={pid} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('risk').textContent).toBe('safe'));
    await act(async () => {
      fireEvent.click(screen.getByText('apply'));
    });
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('EmptyChain'));
    expect(await nonce()).toBe(before);
  });
});
