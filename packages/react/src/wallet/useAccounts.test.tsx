import { pha } from '@phala-mining/core';
import { encodeAddress } from '@polkadot/util-crypto';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect } from 'vitest';
import { countingSigner, test as harnessTest } from '../../test/helpers.js';
import { useConnection } from '../hooks/useConnection.js';
import { usePool } from '../hooks/usePool.js';
import { useContribute } from '../operations/useContribute.js';
import { MiningProvider } from '../provider/MiningProvider.js';
import { useMiningClient } from '../provider/useMiningClient.js';
import { useAccounts } from './useAccounts.js';
import { useSigner } from './useSigner.js';

/**
 * The file's harness, and a browser extension as @polkadot/extension-dapp finds it on the page, holding Charlie's
 * key; `prompts()` counts the signing prompts it showed.
 */
const test = harnessTest.extend<{ prompts: () => number }>({
  prompts: [
    async ({ h }, use) => {
      const charlie = h.chain.accounts.charlie;
      const ext = countingSigner(h.client.api, charlie);
      const account = { address: charlie.address, name: 'Charlie (extension)' };
      (window as unknown as { injectedWeb3: Record<string, unknown> }).injectedWeb3 = {
        'test-wallet': {
          version: '1.0.0',
          enable: async () => ({
            accounts: {
              get: async () => [account],
              subscribe: (cb: (accounts: (typeof account)[]) => void) => {
                cb([account]);
                return () => {};
              },
            },
            signer: ext.signer,
          }),
        },
      };
      await use(ext.prompts);
    },
    { scope: 'file', auto: true },
  ],
});

function Wallet({ pid }: { pid: bigint }) {
  const { accounts, status, extensions } = useAccounts();
  const chosen = accounts.find((a) => a.source === 'test-wallet');
  const { signer } = useSigner(chosen);
  const contribute = useContribute(pid, { signer });
  const { data: pool } = usePool(pid);
  return (
    <div>
      <p data-testid="status">{status}</p>
      <p data-testid="extensions">{extensions.join(',')}</p>
      <ul>
        {accounts.map((a) => (
          <li key={`${a.source}:${a.address}`}>
            {a.name} ({a.source})
          </li>
        ))}
      </ul>
      <button type="button" disabled={!signer} onClick={() => contribute.send(pha('75'))}>
        Stake
      </button>
      <p data-testid="stage">{contribute.stage}</p>
      <p data-testid="total">{pool?.totalStake.toString()}</p>
    </div>
  );
}

let signerAddress: string | undefined;
function DevSigner({ dave }: { dave: string }) {
  useAccounts();
  const { signer, status } = useSigner({ address: dave, source: 'dev' });
  signerAddress = signer?.address;
  return <p data-testid="signer">{status}</p>;
}
function Unknown() {
  const { error, status } = useSigner(encodeAddress(new Uint8Array(32).fill(7), 30));
  return <p data-testid="signer">{status === 'error' ? error?.code : status}</p>;
}
describe('wallet hooks', () => {
  test('lists the extension accounts and the dev accounts of a dev chain, and signs through the extension', async ({
    h,
    prompts,
  }) => {
    const { value: pid } = await h.client.createPool().send(h.chain.accounts.alice);
    render(<Wallet pid={pid} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    expect(screen.getByTestId('extensions').textContent).toBe('test-wallet');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Charlie (extension) (test-wallet)',
      'Alice (dev)',
      'Bob (dev)',
      'Charlie (dev)',
      'Dave (dev)',
      'Eve (dev)',
      'Ferdie (dev)',
    ]);
    const stake = screen.getByRole('button', { name: 'Stake' }) as HTMLButtonElement;
    await waitFor(() => expect(stake.disabled).toBe(false));
    fireEvent.click(stake);
    await waitFor(() => expect(screen.getByTestId('total').textContent).toBe(pha('75').toString()));
    expect(prompts()).toBe(1);
    await waitFor(() => expect(screen.getByTestId('stage').textContent).toBe('finalized'));
  });

  test('signs with the dev account when asked for source dev', async ({ h }) => {
    render(<DevSigner dave={h.chain.accounts.dave.address} />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('signer').textContent).toBe('ready'));
    expect(signerAddress).toBe(h.chain.accounts.dave.address);
  });

  test('reports an address no wallet holds as AccountUnavailable', async ({ h }) => {
    render(<Unknown />, { wrapper: h.wrapper });
    await waitFor(() => expect(screen.getByTestId('signer').textContent).not.toBe('loading'));
    expect(screen.getByTestId('signer').textContent).toBe('AccountUnavailable');
  });
});

let created: ReturnType<typeof useMiningClient>['client'];
function Status({ pid }: { pid: bigint }) {
  const { status } = useConnection();
  created = useMiningClient().client;
  const { data: pool } = usePool(pid);
  return (
    <p data-testid="conn">
      {status} {pool?.owner ?? ''}
    </p>
  );
}
describe('<MiningProvider endpoint>', () => {
  test('connects once mounted, serves the hooks, and disconnects on unmount', async ({ h }) => {
    const { value: pid } = await h.client.createPool().send(h.chain.accounts.bob);
    const view = render(
      <MiningProvider endpoint={h.chain.endpoint}>
        <Status pid={pid} />
      </MiningProvider>,
    );
    expect(screen.getByTestId('conn').textContent?.trim()).toBe('connecting');
    await waitFor(
      () => expect(screen.getByTestId('conn').textContent).toBe(`connected ${h.chain.accounts.bob.address}`),
      { timeout: 30_000 },
    );
    expect(created?.api.isConnected).toBe(true);
    view.unmount();
    await waitFor(() => expect(created?.api.isConnected).toBe(false));
  });
});
