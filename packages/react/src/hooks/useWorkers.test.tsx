import { formatPha, pha } from '@phala-mining/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect } from 'vitest';
import { type Harness, test, totalActive } from '../../test/helpers.js';
import { useAddWorker } from '../operations/useAddWorker.js';
import { useStartMining } from '../operations/useStartMining.js';
import { useQueryStore } from '../provider/useQueryStore.js';
import { useBalance } from './useBalance.js';
import { useOverview } from './useOverview.js';
import { usePool } from './usePool.js';
import { useStake } from './useStake.js';
import { useWithdrawQueue } from './useWithdrawQueue.js';
import { useWorkers } from './useWorkers.js';

/** The pool owner's page: workers with Add and Start, and the owner's overview. */
function OwnerPage({ h, pid, worker }: { h: Harness; pid: bigint; worker: string }) {
  const { alice } = h.chain.accounts;
  const workers = useWorkers(pid);
  const overview = useOverview(alice.address);
  const add = useAddWorker(pid, { signer: alice });
  const start = useStartMining(pid, { signer: alice });
  const row = workers.data?.find((w) => w.pubkey === worker);
  return (
    <div>
      <button type="button" onClick={() => add.send(worker)}>
        Add Worker
      </button>
      <button type="button" disabled={!row?.smin} onClick={() => start.send(worker, row!.smin!)}>
        Start
      </button>
      <p data-testid="workers">{workers.data?.map((w) => `${w.state}:${w.cores}`).join(',')}</p>
      <p data-testid="pools">{overview.data?.totals.pools}</p>
      <p data-testid="mining">{overview.data?.totals.workersByState.Mining}</p>
      <p data-testid="add">{add.error?.code ?? add.stage}</p>
      <p data-testid="start">{start.error?.code ?? start.stage}</p>
    </div>
  );
}

/** A staker's view: balance, stake info and the pool's withdraw queue. */
function StakerPage({ h, pid }: { h: Harness; pid: bigint }) {
  const { bob } = h.chain.accounts;
  const balance = useBalance(bob.address);
  const stake = useStake(pid, bob.address);
  const queue = useWithdrawQueue(pid);
  return (
    <div>
      <p data-testid="delegable">{balance.data && balance.data.delegable > 0n ? 'yes' : 'no'}</p>
      <p data-testid="locked">{stake.data ? formatPha(stake.data.locked) : '…'}</p>
      <p data-testid="queue">{queue.data?.length ?? '…'}</p>
    </div>
  );
}

function SuspendedPool({ pid }: { pid: bigint }) {
  const { data: pool } = usePool(pid, { suspense: true });
  return <p data-testid="suspended">{pool?.owner}</p>;
}

let store: ReturnType<typeof useQueryStore>;
function StoreProbe() {
  store = useQueryStore();
  return null;
}

describe('owner and staker pages on the dev chain', () => {
  test('adds a worker and starts mining through the hooks; lists and overview follow', async ({ h }) => {
    const { alice, bob } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    await h.client.pool(pid).contribute(pha('100000')).send(bob);
    const worker = await h.chain.registerWorker({ operator: alice, score: 2000, cores: 8 });
    render(
      <>
        <OwnerPage h={h} pid={pid} worker={worker} />
        <StakerPage h={h} pid={pid} />
      </>,
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(screen.getByTestId('locked').textContent).toBe(formatPha(pha('100000'))));
    expect(screen.getByTestId('delegable').textContent).toBe('yes');
    expect(screen.getByTestId('queue').textContent).toBe('0');
    await waitFor(() => expect(screen.getByTestId('workers').textContent).toBe(''));

    fireEvent.click(screen.getByRole('button', { name: 'Add Worker' }));
    await waitFor(() => expect(screen.getByTestId('workers').textContent).toBe('Ready:8'));
    await waitFor(() => expect(screen.getByTestId('add').textContent).toBe('finalized'));

    const startButton = screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement;
    await waitFor(() => expect(startButton.disabled).toBe(false));
    fireEvent.click(startButton);
    await waitFor(() => expect(screen.getByTestId('workers').textContent).toBe('Mining:8'));
    await waitFor(() => expect(screen.getByTestId('mining').textContent).toBe('1'));
    await waitFor(() => expect(screen.getByTestId('start').textContent).toBe('finalized'));

    // the same worker cannot be added twice: the typed rule error, nothing signed
    fireEvent.click(screen.getByRole('button', { name: 'Add Worker' }));
    await waitFor(() => expect(screen.getByTestId('add').textContent).toBe('WorkerAlreadyBound'));
  });

  test('suspends until the first value, then reads the shared entry and releases it on unmount', async ({
    h,
  }) => {
    const { value: pid } = await h.client.createPool().send(h.chain.accounts.eve);
    const view = render(
      <>
        <StoreProbe />
        <Suspense fallback={<p>loading pool…</p>}>
          <SuspendedPool pid={pid} />
        </Suspense>
      </>,
      { wrapper: h.wrapper },
    );
    expect(screen.getByText('loading pool…')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('suspended').textContent).toBe(h.chain.accounts.eve.address),
    );
    expect(store?.listenerCount(`pool:${pid}`)).toBe(1);
    view.unmount();
    await waitFor(() => expect(totalActive(h.active)).toBe(0));
    expect(store?.size).toBe(0);
  });
});
