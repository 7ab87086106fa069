/**
 * polkadot-api 2.x (the new JSON-RPC spec: chainHead_v1, transaction_v1, chainSpec_v1) against the dev chain.
 */
import { createClient, Enum, type PolkadotClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { devAccounts } from '../../src/runtime/devAccounts.js';

const PHA = 10n ** 12n;

describe('polkadot-api against the dev chain', () => {
  let chain: DevChain;
  let client: PolkadotClient;

  beforeAll(async () => {
    chain = await startDevChain({ port: 0 });
    client = createClient(getWsProvider(chain.endpoint, { websocketClass: WebSocket as never }));
  });

  afterAll(async () => {
    client?.destroy();
    await chain?.close();
  });

  it('reads the chain spec and storage', async () => {
    const spec = await client.getChainSpecData();
    expect(spec.name).toBe('Khala Local Testnet');
    expect(JSON.parse(JSON.stringify(spec.properties)).ss58Format).toBe(30);
    const api: any = client.getUnsafeApi();
    const [alice] = devAccounts();
    const account = await api.query.System.Account.getValue(alice!.address);
    expect(account.data.free).toBeGreaterThan(0n);
    const ed = await api.constants.Balances.ExistentialDeposit();
    expect(ed).toBe(10n ** 10n);
  });

  it('signs, submits and sees a transfer finalized', async () => {
    const api: any = client.getUnsafeApi();
    const [alice, bob] = devAccounts();
    const signer = getPolkadotSigner(alice!.pair.publicKey, 'Sr25519', (payload) =>
      alice!.pair.sign(payload),
    );
    const before = (await api.query.System.Account.getValue(bob!.address)).data.free;
    const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob!.address), value: 3n * PHA });
    const result = await tx.signAndSubmit(signer);
    expect(result.ok).toBe(true);
    expect(
      result.events.some(
        (e: { type: string; value: { type: string } }) =>
          e.type === 'Balances' && e.value.type === 'Transfer',
      ),
    ).toBe(true);
    const after = (await api.query.System.Account.getValue(bob!.address, { at: result.block.hash })).data
      .free;
    expect(after - before).toBe(3n * PHA);
  });
});
