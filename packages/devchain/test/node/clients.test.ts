/**
 * The dev chain with the real Khala runtime, driven by unmodified @polkadot/api and polkadot-api.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { createClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';
import { createKhalaRuntime } from '../../src/runtime/khala.js';
import { RpcClient } from './rpcClient.js';

const PHA = 10n ** 12n;
const CODE_KEY = '0x3a636f6465';

const runtime = createKhalaRuntime();

describe('stock clients against the Khala dev chain', () => {
  let chain: DevChain;
  let alice: KeyringPair;
  let bob: KeyringPair;

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startDevChain({ port: 0, runtime });
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  });

  afterAll(async () => {
    await chain?.close();
  });

  // polkadot-api cannot follow a chain without it (it crashes in its pinned-block tracking)
  it('keeps the runtime code under the well-known `:code` key (clients tell runtimes apart by its hash)', () => {
    const state = chain.node.chain.stateAt(chain.node.chain.genesis.hash);
    expect(state.get(CODE_KEY), 'genesis state has no value at 0x3a636f6465 (":code" as hex)').toBeDefined();
  });

  it('@polkadot/api: connects, queries, transfers and follows heads', async () => {
    // untyped: the decorated query/tx tree is built from metadata at run time
    const api: any = await ApiPromise.create({
      provider: new WsProvider(chain.endpoint),
      signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
      noInitWarn: true,
    });
    try {
      expect(api.runtimeVersion.specName.toString()).toBe('khala');
      expect(api.genesisHash.toHex()).toBe(chain.node.chain.genesis.hash);
      const heads: number[] = [];
      const unsub = await api.rpc.chain.subscribeNewHeads((h: any) => heads.push(h.number.toNumber()));

      const bobBefore = (await api.query.system.account(bob.address)) as any;
      const transfer = api.tx.balances.transfer(bob.address, 3n * PHA);
      const info = await transfer.paymentInfo(alice);
      expect(info.partialFee.toBigInt()).toBeGreaterThan(0n);

      const statuses: string[] = [];
      const result = await new Promise<any>((resolve, reject) => {
        transfer
          .signAndSend(alice, (r: any) => {
            statuses.push(r.status.type);
            if (r.status.isFinalized) resolve(r);
          })
          .catch(reject);
      });
      expect(statuses).toEqual(['Ready', 'InBlock', 'Finalized']);
      const methods = result.events.map((e: any) => `${e.event.section}.${e.event.method}`);
      expect(methods).toContain('balances.Transfer');
      expect(methods).toContain('system.ExtrinsicSuccess');
      const bobAfter = (await api.query.system.account(bob.address)) as any;
      expect(bobAfter.data.free.toBigInt() - bobBefore.data.free.toBigInt()).toBe(3n * PHA);
      expect((await api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(1);

      // historic reads through api.at
      const at = await api.at(result.status.asFinalized);
      expect(((await at.query.system.account(bob.address)) as any).data.free.toBigInt()).toBe(
        bobAfter.data.free.toBigInt(),
      );
      expect((await api.query.system.account.entries()).length).toBeGreaterThan(2);

      // a transaction that cannot pay is refused with Substrate's 1010
      const broke = new Keyring({ type: 'sr25519' }).addFromUri('//NobodyHasFunds');
      await expect(api.tx.balances.transfer(bob.address, 1n).signAndSend(broke)).rejects.toThrow(/1010/);

      await chain.newBlock();
      // the new head's notification, however late a busy machine delivers it
      await expect.poll(() => heads.at(-1), { timeout: 30_000 }).toBe(chain.node.head.number);
      unsub();
    } finally {
      await api.disconnect();
    }
  });

  it('dev_setStorage accepts the pallet-keyed object form (encoded with the metadata)', async () => {
    const client = await RpcClient.connect(chain.endpoint);
    try {
      const charlie = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//Charlie');
      const free = 123_456n * PHA;
      const hash = await client.call('dev_setStorage', [
        { System: { Account: [[[charlie.address], { providers: 1, data: { free: free.toString() } }]] } },
      ]);
      expect(chain.node.head.hash).toBe(hash);
      const api: any = await ApiPromise.create({
        provider: new WsProvider(chain.endpoint),
        signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
        noInitWarn: true,
      });
      try {
        expect((await api.query.system.account(charlie.address)).data.free.toBigInt()).toBe(free);
      } finally {
        await api.disconnect();
      }
      const bad = await client.request('dev_setStorage', [{ System: { NoSuchItem: 1 } }]);
      expect(bad.error?.code).toBe(-32602);
    } finally {
      await client.close();
    }
  });

  it('polkadot-api: follows with chainHead_v1, queries and submits', async () => {
    const client = createClient(getWsProvider(chain.endpoint, { websocketClass: WebSocket as any }));
    try {
      const api = client.getUnsafeApi() as any;
      const before = await api.query.System.Account.getValue(bob.address);
      const signer = getPolkadotSigner(alice.publicKey, 'Sr25519', (m: Uint8Array) => alice.sign(m));
      const result = await api.tx.Balances.transfer({
        dest: { type: 'Id', value: bob.address },
        value: 2n * PHA,
      }).signAndSubmit(signer);
      expect(result.ok).toBe(true);
      expect(result.events.map((e: any) => `${e.type}.${e.value.type}`)).toContain('Balances.Transfer');
      const after = await api.query.System.Account.getValue(bob.address, { at: result.block.hash });
      expect(after.data.free - before.data.free).toBe(2n * PHA);
      const finalized = await client.getFinalizedBlock();
      expect(finalized.number).toBeGreaterThanOrEqual(result.block.number);
    } finally {
      client.destroy();
    }
  });
});
