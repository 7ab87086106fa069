import { type MiningClient, pha } from '@phala-mining/core';
import { createMiningPool, type TestChain } from '@phala-mining/testing';
import type { KeyringPair } from '@polkadot/keyring/types';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect } from 'vitest';
import { test as harnessTest } from '../../test/helpers.js';
import { usePlanWithdrawalCover } from './usePlanWithdrawalCover.js';
import { useReclaimable } from './useReclaimable.js';
import { useWithdrawalRisk } from './useWithdrawalRisk.js';

/** The file's harness, on a chain with mining switched on before the first test. */
const test = harnessTest.extend<{ miningOn: true }>({
  miningOn: [
    async ({ h }, use) => {
      await h.chain.setMiningEnabled(true);
      await use(true);
    },
    { scope: 'file', auto: true },
  ],
});

/**
 * Alice's pool with one mining worker per stake, all of it Bob's (the testing package's `createMiningPool`, which
 * core's and the CLI's guardian tests share), and Bob's withdrawal of `queued` PHA queued.
 */
async function poolAtRisk(chain: TestChain, client: MiningClient, stakes: string[], queued: string) {
  const { pid, workers } = await createMiningPool(
    chain,
    stakes.map((s) => pha(s)),
  );
  await client
    .pool(pid)
    .withdraw({ amount: pha(queued) })
    .send(chain.accounts.bob);
  return { pid, workers };
}

function Guard({ pid, signer }: { pid: bigint; signer: KeyringPair }) {
  const risk = useWithdrawalRisk(pid);
  const plan = usePlanWithdrawalCover(pid, { strategy: 'fewest', signer });
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
  test('show the risk and the plan, apply it, then list the stopped worker once its cooldown ends', async ({
    h,
  }) => {
    const { pid, workers } = await poolAtRisk(h.chain, h.client, ['3000', '4000'], '3500');
    render(<Guard pid={pid} signer={h.chain.accounts.alice} />, { wrapper: h.wrapper });
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

  test('apply with nothing to stop fails with EmptyChainError and signs nothing', async ({ h }) => {
    const { pid } = await poolAtRisk(h.chain, h.client, ['3000'], '0.5');
    await h.client.pool(pid).contribute(pha('1')).send(h.chain.accounts.charlie); // pays the request at once
    const nonce = async () =>
      (await h.client.api.rpc.system.accountNextIndex(h.chain.accounts.alice.address)).toNumber();
    const before = await nonce();
    render(<Guard pid={pid} signer={h.chain.accounts.alice} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('risk').textContent).toBe('safe'));
    await act(async () => {
      fireEvent.click(screen.getByText('apply'));
    });
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('EmptyChain'));
    expect(await nonce()).toBe(before);
  });
});
