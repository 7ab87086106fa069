import { type MiningSigner, pha } from '@phala-mining/core';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { firstValueFrom } from 'rxjs';
import { describe, expect } from 'vitest';
import { countingSigner, test } from '../../test/helpers.js';
import { usePool } from '../hooks/usePool.js';
import { useContribute } from './useContribute.js';
import type { OperationStage } from './useOperation.js';
import { useSetPayout } from './useSetPayout.js';

function StakeForm({
  pid,
  signer,
  amount,
  seen,
}: {
  pid: bigint;
  signer: MiningSigner | undefined;
  amount: bigint;
  seen: OperationStage[];
}) {
  const contribute = useContribute(pid, { signer });
  const { data: pool } = usePool(pid);
  useEffect(() => {
    seen.push(contribute.stage);
  }, [contribute.stage, seen]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void contribute.send(amount);
      }}
    >
      <p data-testid="total">{pool?.totalStake.toString() ?? '…'}</p>
      <p data-testid="stage">{contribute.stage}</p>
      <p data-testid="status">{contribute.status}</p>
      {contribute.result && <p data-testid="shares">{contribute.result.value.toString()}</p>}
      {contribute.error && <p role="alert">{contribute.error.code}</p>}
      <button type="submit">Contribute</button>
      <button type="button" onClick={contribute.reset}>
        Reset
      </button>
    </form>
  );
}

describe('useContribute on the dev chain', () => {
  test('goes through validation, signing and the transaction stages, and the pool follows', async ({ h }) => {
    const { alice, bob } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    const ext = countingSigner(h.client.api, bob);
    const seen: OperationStage[] = [];
    render(
      <StakeForm
        pid={pid}
        signer={{ address: bob.address, signer: ext.signer }}
        amount={pha('250')}
        seen={seen}
      />,
      {
        wrapper: h.wrapper,
      },
    );
    await waitFor(() => expect(screen.getByTestId('total').textContent).toBe('0'));
    fireEvent.submit(screen.getByRole('button', { name: 'Contribute' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('success'));
    expect(screen.getByTestId('shares').textContent).toBe(pha('250').toString());
    await waitFor(() => expect(screen.getByTestId('total').textContent).toBe(pha('250').toString()));
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe('finalized'));
    // renders may batch neighbouring stages, but those seen come in lifecycle order
    const order: OperationStage[] = [
      'idle',
      'validating',
      'signing',
      'signed',
      'broadcast',
      'inBlock',
      'finalized',
    ];
    expect(seen.slice(0, 3)).toEqual(['idle', 'validating', 'signing']);
    expect(seen).toContain('inBlock');
    expect(seen.map((s) => order.indexOf(s))).toEqual(
      [...seen.map((s) => order.indexOf(s))].sort((a, b) => a - b),
    );
    expect(ext.prompts()).toBe(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('shows the typed error of bad input before any signing prompt, and resets', async ({ h }) => {
    const { alice, charlie } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    const ext = countingSigner(h.client.api, charlie);
    const nonce = (await h.client.api.rpc.system.accountNextIndex(charlie.address)).toNumber();
    const seen: OperationStage[] = [];
    render(
      <StakeForm
        pid={pid}
        signer={{ address: charlie.address, signer: ext.signer }}
        amount={1n}
        seen={seen}
      />,
      {
        wrapper: h.wrapper,
      },
    );
    fireEvent.submit(screen.getByRole('button', { name: 'Contribute' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('ContributionBelowMinimum'));
    expect(screen.getByTestId('stage').textContent).toBe('failed');
    expect(screen.getByTestId('status').textContent).toBe('error');
    expect(seen).not.toContain('signing');
    expect(ext.prompts()).toBe(0);
    expect((await h.client.api.rpc.system.accountNextIndex(charlie.address)).toNumber()).toBe(nonce);

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByTestId('stage').textContent).toBe('idle');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('reports a broken chain-state rule (more than the delegable balance) as its typed error', async ({
    h,
  }) => {
    const { alice } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    const seen: OperationStage[] = [];
    render(<StakeForm pid={pid} signer={alice} amount={pha('1000000000')} seen={seen} />, {
      wrapper: h.wrapper,
    });
    fireEvent.submit(screen.getByRole('button', { name: 'Contribute' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('InsufficientDelegableBalance'));
  });

  test('refuses to send without a signer', async ({ h }) => {
    const seen: OperationStage[] = [];
    render(<StakeForm pid={0n} signer={undefined} amount={pha('10')} seen={seen} />, { wrapper: h.wrapper });
    fireEvent.submit(screen.getByRole('button', { name: 'Contribute' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('NoSigner'));
  });
});

let payout: ReturnType<typeof useSetPayout> | undefined;
function PayoutProbe({ pid, signer }: { pid: bigint; signer: MiningSigner }) {
  payout = useSetPayout(pid, { signer });
  return null;
}

describe('useSetPayout', () => {
  test('rejects an out-of-range percentage with InvalidPercent, then sets a valid one', async ({ h }) => {
    const { alice } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    render(<PayoutProbe pid={pid} signer={alice} />, { wrapper: h.wrapper });
    await expect(payout!.dryRun(101)).rejects.toMatchObject({ code: 'InvalidPercent' });
    await act(async () => {
      expect(await payout!.send(101)).toBeUndefined();
    });
    expect(payout!.error?.code).toBe('InvalidPercent');
    await act(async () => {
      await payout!.sendAsync(25);
    });
    expect(payout!.status).toBe('success');
    await waitFor(() => expect(payout!.stage).toBe('finalized'));
    expect((await firstValueFrom(h.client.pool$(pid)))?.commission).toBe(250_000);
  });
});
