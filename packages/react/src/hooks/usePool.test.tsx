import { permillToPercent, pha } from '@phala-mining/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect } from 'vitest';
import { rpcSubscriptions, test, totalActive } from '../../test/helpers.js';
import { useQueryStore } from '../provider/useQueryStore.js';
import { usePool } from './usePool.js';

function PoolCard({ pid, label }: { pid: bigint | number; label: string }) {
  const { data: pool, status, error } = usePool(pid);
  if (status === 'loading') return <p>{label}: loading</p>;
  if (error)
    return (
      <p>
        {label}: {error.code}
      </p>
    );
  if (!pool) return <p>{label}: no such pool</p>;
  return (
    <dl aria-label={label}>
      <dt>owner</dt>
      <dd data-testid={`${label}-owner`}>{pool.owner}</dd>
      <dt>payout</dt>
      <dd data-testid={`${label}-payout`}>{permillToPercent(pool.commission)}%</dd>
      <dt>total stake</dt>
      <dd data-testid={`${label}-stake`}>{pool.totalStake.toString()}</dd>
      <dt>free stake</dt>
      <dd data-testid={`${label}-free`}>{pool.freeStake.toString()}</dd>
    </dl>
  );
}

let store: ReturnType<typeof useQueryStore>;
function StoreProbe() {
  store = useQueryStore();
  return null;
}

function Two({ pid, both }: { pid: bigint; both: boolean }) {
  return (
    <>
      <StoreProbe />
      <PoolCard pid={pid} label="a" />
      {both && <PoolCard pid={pid} label="b" />}
    </>
  );
}

describe('usePool on the dev chain', () => {
  test('shows the pool and follows a contribution as it lands', async ({ h }) => {
    const { alice, bob } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    await h.client.pool(pid).setPayout(12.5).send(alice);
    render(<PoolCard pid={pid} label="pool" />, { wrapper: h.wrapper });
    expect(screen.getByText('pool: loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('pool-owner').textContent).toBe(alice.address));
    expect(screen.getByTestId('pool-payout').textContent).toBe('12.5%');
    expect(screen.getByTestId('pool-stake').textContent).toBe('0');

    // finalized: no extrinsic watch is left open to blur the next test's subscription count
    await h.client.pool(pid).contribute(pha('1000')).send(bob, { waitFor: 'finalized' });
    await waitFor(() => expect(screen.getByTestId('pool-stake').textContent).toBe(pha('1000').toString()));
    expect(screen.getByTestId('pool-free').textContent).toBe(pha('1000').toString());
  });

  test('shares one subscription between two components and releases it on unmount', async ({ h }) => {
    const { alice } = h.chain.accounts;
    const idle = rpcSubscriptions(h.provider);
    const { value: pid } = await h.client.createPool().send(alice, { waitFor: 'finalized' });
    // the extrinsic's watch is unsubscribed after it reports Finalized: counted from when it is gone
    await waitFor(() => expect(rpcSubscriptions(h.provider)).toBe(idle));
    const rpcBefore = rpcSubscriptions(h.provider);
    expect(totalActive(h.active)).toBe(0);
    const openedBefore = h.opened.get('pool$') ?? 0;

    const view = render(
      <>
        <StoreProbe />
        <PoolCard pid={pid} label="a" />
        <PoolCard pid={Number(pid)} label="b" />
      </>,
      { wrapper: h.wrapper },
    );
    await waitFor(() => {
      expect(screen.getByTestId('a-owner').textContent).toBe(alice.address);
      expect(screen.getByTestId('b-owner').textContent).toBe(alice.address);
    });
    // one client subscription and one store entry for both cards (pid as bigint and as number)
    expect(h.active.get('pool$')).toBe(1);
    expect(h.opened.get('pool$')).toBe(openedBefore + 1);
    expect(store?.activeKeys()).toEqual([`pool:${pid}`]);
    expect(store?.listenerCount(`pool:${pid}`)).toBe(2);
    const rpcWithPool = rpcSubscriptions(h.provider);
    expect(rpcWithPool).toBeGreaterThan(rpcBefore);

    view.unmount();
    await waitFor(() => expect(totalActive(h.active)).toBe(0));
    expect(store?.size).toBe(0);
    // and the node-side storage subscription is gone too
    await waitFor(() => expect(rpcSubscriptions(h.provider)).toBe(rpcBefore));
  });

  test('keeps the subscription when one of two readers unmounts', async ({ h }) => {
    const { alice } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    const view = render(<Two pid={pid} both />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('b-owner').textContent).toBe(alice.address));
    view.rerender(<Two pid={pid} both={false} />);
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(h.active.get('pool$')).toBe(1);
    expect(store?.listenerCount(`pool:${pid}`)).toBe(1);
    view.unmount();
    await waitFor(() => expect(totalActive(h.active)).toBe(0));
  });

  test('reports a malformed pool id as a typed error', async ({ h }) => {
    render(<PoolCard pid={-1n} label="bad" />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByText('bad: InvalidPoolId')).toBeTruthy());
  });
});
