import { type AnySigner, asMultisig, asProxy, multisigAccount, pha } from '@phala-mining/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect } from 'vitest';
import { countingSigner, test } from '../../test/helpers.js';
import { usePendingMultisigs } from '../hooks/usePendingMultisigs.js';
import { useProxies } from '../hooks/useProxies.js';
import { useAddWorker } from './useAddWorker.js';
import { useCreatePool } from './useCreatePool.js';
import { useSetCap } from './useSetCap.js';

function ManagerPanel({ pid, signer, worker }: { pid: bigint; signer: AnySigner; worker: string }) {
  const add = useAddWorker(pid, { signer });
  const cap = useSetCap(pid, { signer });
  const { data: proxies } = useProxies(signer.address);
  return (
    <div>
      <p data-testid="proxies">{proxies?.map((p) => p.proxyType).join(',') ?? '…'}</p>
      <p data-testid="add">{add.status}</p>
      <p data-testid="cap">{cap.error?.code ?? cap.status}</p>
      <button type="button" onClick={() => void add.send(worker)}>
        Add
      </button>
      <button type="button" onClick={() => void cap.send(pha('1000'))}>
        Cap
      </button>
    </div>
  );
}

function Signatory({ signer, owner }: { signer: AnySigner; owner: string }) {
  const create = useCreatePool({ signer });
  const { data: pending } = usePendingMultisigs(owner);
  return (
    <div>
      <p data-testid="pending">{pending === undefined ? '…' : pending.length}</p>
      <p data-testid="approvals">{pending?.[0]?.approvals.length ?? 0}</p>
      <p data-testid="create">{create.status}</p>
      <p data-testid="pid">{create.result?.value?.toString() ?? '-'}</p>
      <button type="button" onClick={() => void create.send()}>
        Create
      </button>
    </div>
  );
}

describe('operation hooks with cold-key signers', () => {
  test('a StakePoolManager proxy (extension-signed) adds a worker; setCap is refused by the filter', async ({
    h,
  }) => {
    const { alice, bob } = h.chain.accounts;
    const { value: pid } = await h.client.createPool().send(alice);
    await h.client.addProxy(bob.address).send(alice);
    const worker = await h.chain.registerWorker({ operator: alice });
    const ext = countingSigner(h.client.api, bob);
    const signer = asProxy({ address: bob.address, signer: ext.signer }, { real: alice.address });
    render(<ManagerPanel pid={pid} signer={signer} worker={worker} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('proxies').textContent).toBe('StakePoolManager'));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.getByTestId('add').textContent).toBe('success'));
    expect(ext.prompts()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cap' }));
    await waitFor(() => expect(screen.getByTestId('cap').textContent).toBe('ProxyCallFiltered'));
    // refused before the signing prompt
    expect(ext.prompts()).toBe(1);
  });

  test('two signatories of a 2-of-3 multisig create a pool; usePendingMultisigs follows the approvals', async ({
    h,
  }) => {
    const { alice, bob, charlie } = h.chain.accounts;
    const owner = multisigAccount([alice.address, bob.address, charlie.address], 2, h.client.ss58);
    await h.chain.fund(owner, pha('100'));
    const first = render(
      <Signatory signer={asMultisig(alice, { threshold: 2, others: [bob, charlie] })} owner={owner} />,
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getByTestId('create').textContent).toBe('success'));
    expect(screen.getByTestId('pid').textContent).toBe('-');
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('1'));
    expect(screen.getByTestId('approvals').textContent).toBe('1');
    first.unmount();
    render(<Signatory signer={asMultisig(charlie, { threshold: 2, others: [alice, bob] })} owner={owner} />, {
      wrapper: h.wrapper,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getByTestId('create').textContent).toBe('success'));
    expect(screen.getByTestId('pid').textContent).toMatch(/^\d+$/);
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'));
  });
});
