/**
 * Stock @polkadot/api against the dev chain over a real WebSocket: what any Substrate client does on Khala.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevChain, startDevChain } from '../../src/node/devchain.js';

const PHA = 10n ** 12n;

/**
 * The dev chain cannot depend on @phala-mining/types (that package is generated from this chain), so calls and
 * queries are reached through the metadata-decorated API without compile-time augmentation.
 */
type DecoratedApi = ApiPromise & { tx: any; query: any; consts: any; events: any };

function finalized(_api: DecoratedApi, tx: any, signer: KeyringPair) {
  return new Promise<ISubmittableResult>((resolve, reject) => {
    tx.signAndSend(signer, (result: ISubmittableResult) => {
      if (result.isError) reject(new Error(`transaction ${result.status.type}`));
      if (result.status.isFinalized) resolve(result);
    }).catch(reject);
  });
}

describe('@polkadot/api 16.5 against the dev chain', () => {
  let chain: DevChain;
  let api: DecoratedApi;
  let alice: KeyringPair;
  let bob: KeyringPair;

  beforeAll(async () => {
    chain = await startDevChain({ port: 0 });
    api = (await ApiPromise.create({
      provider: new WsProvider(chain.endpoint),
      signedExtensions: { CheckMqSequence: { extrinsic: {}, payload: {} } },
      noInitWarn: true,
    })) as DecoratedApi;
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
    alice = keyring.addFromUri('//Alice');
    bob = keyring.addFromUri('//Bob');
  });

  afterAll(async () => {
    await api?.disconnect();
    await chain?.close();
  });

  it('connects and sees Khala', async () => {
    expect(api.runtimeVersion.specName.toString()).toBe('khala');
    expect(api.runtimeVersion.specVersion.toNumber()).toBe(1192);
    expect(api.runtimeVersion.transactionVersion.toNumber()).toBe(5);
    expect(api.registry.chainSS58).toBe(30);
    expect(api.registry.chainDecimals).toEqual([12]);
    expect(api.registry.chainTokens).toEqual(['PHA']);
    expect(api.consts.balances.existentialDeposit.toBigInt()).toBe(10n ** 10n);
    expect(api.tx.phalaStakePool?.contribute?.meta.args.map((a: any) => a.name.toString())).toEqual([
      'pid',
      'amount',
    ]);
  });

  it('transfers with signAndSend to finalization and reads the events and storage', async () => {
    const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
    const result = await finalized(api, api.tx.balances.transfer(bob.address, 5n * PHA), alice);
    const names = result.events.map(({ event }: any) => `${event.section}.${event.method}`);
    expect(names).toContain('balances.Transfer');
    expect(names).toContain('transactionPayment.TransactionFeePaid');
    expect(names.at(-1)).toBe('system.ExtrinsicSuccess');
    const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
    expect(after - before).toBe(5n * PHA);

    const blockHash = result.status.asFinalized;
    const atBlock: any = await api.at(blockHash);
    const events = await atBlock.query.system.events();
    expect(events.some(({ event }: any) => api.events.balances.Transfer.is(event))).toBe(true);
  });

  it('charges exactly the fee paymentInfo predicts', async () => {
    const tx = api.tx.balances.transferKeepAlive(bob.address, PHA);
    const info = await tx.paymentInfo(alice);
    const before: bigint = (await api.query.system.account(alice.address)).data.free.toBigInt();
    const result = await finalized(api, tx, alice);
    const after: bigint = (await api.query.system.account(alice.address)).data.free.toBigInt();
    const feePaid = result.events.find(({ event }: any) =>
      api.events.transactionPayment.TransactionFeePaid.is(event),
    );
    expect(feePaid).toBeDefined();
    expect(before - after - PHA).toBe(info.partialFee.toBigInt());
  });

  it('subscribes to new heads and to storage', async () => {
    const heads: number[] = [];
    const balances: bigint[] = [];
    const unsubHeads = await api.rpc.chain.subscribeNewHeads((h) => {
      heads.push(h.number.toNumber());
    });
    const unsubBalance = await api.query.system.account(bob.address, (a: any) => {
      balances.push(a.data.free.toBigInt());
    });
    await finalized(api, api.tx.balances.transfer(bob.address, 2n * PHA), alice);
    // the block's notifications may reach a busy client after the transfer's own statuses: wait for them (the
    // test's timeout bounds the wait) instead of for a fixed time
    await expect.poll(() => heads.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => balances.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => balances.at(-1)! - balances[0]!, { timeout: 30_000 }).toBe(2n * PHA);
    unsubHeads();
    unsubBalance();
  });

  it('batches with utility: batchAll is all-or-nothing, batch stops at the first failure', async () => {
    const charlie = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//Charlie');
    const before = (await api.query.system.account(charlie.address)).data.free.toBigInt();
    const ok = await finalized(
      api,
      api.tx.utility.batchAll([
        api.tx.balances.transfer(charlie.address, PHA),
        api.tx.balances.transfer(charlie.address, PHA),
      ]) as never,
      alice,
    );
    expect(ok.events.some(({ event }: any) => api.events.utility.BatchCompleted.is(event))).toBe(true);
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt() - before).toBe(2n * PHA);

    const tooMuch = 10n ** 30n;
    const failed = await finalized(
      api,
      api.tx.utility.batchAll([
        api.tx.balances.transfer(charlie.address, PHA),
        api.tx.balances.transfer(charlie.address, tooMuch),
      ]) as never,
      alice,
    );
    const failure = failed.events.find(({ event }: any) => api.events.system.ExtrinsicFailed.is(event));
    expect(failure).toBeDefined();
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt() - before).toBe(2n * PHA);

    const partial = await finalized(
      api,
      api.tx.utility.batch([
        api.tx.balances.transfer(charlie.address, PHA),
        api.tx.balances.transfer(charlie.address, tooMuch),
      ]) as never,
      alice,
    );
    expect(partial.events.some(({ event }: any) => api.events.utility.BatchInterrupted.is(event))).toBe(true);
    expect((await api.query.system.account(charlie.address)).data.free.toBigInt() - before).toBe(3n * PHA);
  });

  it('decodes a failed call into the pallet error and rolls it back', async () => {
    const dave = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//Dave');
    const before = (await api.query.system.account(dave.address)).data.free.toBigInt();
    const result = await finalized(api, api.tx.balances.transfer(alice.address, before * 2n), dave);
    const failure = result.events.find(({ event }: any) => api.events.system.ExtrinsicFailed.is(event));
    expect(failure).toBeDefined();
    const [dispatchError] = failure!.event.data as unknown as [{ isModule: boolean; asModule: never }];
    expect(dispatchError.isModule).toBe(true);
    const meta = api.registry.findMetaError(dispatchError.asModule);
    expect(`${meta.section}.${meta.name}`).toBe('balances.InsufficientBalance');
    const after = (await api.query.system.account(dave.address)).data.free.toBigInt();
    expect(before - after).toBeLessThan(PHA / 100n); // only the fee
  });

  it('refuses invalid transactions at submission with Substrate error codes', async () => {
    const tx = api.tx.balances.transfer(bob.address, PHA);
    await tx.signAsync(alice, { nonce: 0 });
    await expect(api.rpc.author.submitExtrinsic(tx)).rejects.toThrow(
      /1010|Invalid Transaction|Stale|outdated/i,
    );

    const forged = api.tx.balances.transfer(bob.address, PHA);
    await forged.signAsync(alice);
    const bytes = forged.toU8a();
    // length prefix (2) + version (1) + MultiAddress::Id (33) + signature type (1): flip a bit of the signature
    bytes[2 + 1 + 33 + 1 + 5]! ^= 0x01;
    await expect(api.rpc.author.submitExtrinsic(api.createType('Extrinsic', bytes))).rejects.toThrow(
      /1010|bad signature|BadProof/i,
    );
  });

  it('verifies ed25519 and ecdsa signatures as well as sr25519', async () => {
    for (const type of ['ed25519', 'ecdsa'] as const) {
      const signer = new Keyring({ type, ss58Format: 30 }).addFromUri(`//Alice//${type}`);
      await finalized(api, api.tx.balances.transfer(signer.address, 10n * PHA), alice);
      const result = await finalized(api, api.tx.balances.transfer(bob.address, PHA), signer);
      expect(result.events.some(({ event }: any) => api.events.balances.Transfer.is(event))).toBe(true);
      expect((await api.query.system.account(signer.address)).nonce.toNumber()).toBe(1);
    }
  });

  it('keeps a future nonce waiting until the gap is filled', async () => {
    const eve = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//Eve');
    const nonce = (await api.rpc.system.accountNextIndex(eve.address)).toNumber();
    const later = api.tx.balances.transfer(bob.address, PHA);
    await later.signAsync(eve, { nonce: nonce + 1 });
    const statuses: string[] = [];
    const laterDone = new Promise<void>((resolve) => {
      later.send((r: ISubmittableResult) => {
        statuses.push(r.status.type);
        if (r.status.isInBlock) resolve();
      });
    });
    // the first status, however late a busy machine delivers it; then a while for a wrong second one to show
    await expect.poll(() => statuses.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(statuses).toEqual(['Future']);
    await finalized(api, api.tx.balances.transfer(bob.address, PHA), eve);
    await laterDone;
    expect((await api.query.system.account(eve.address)).nonce.toNumber()).toBe(nonce + 2);
  });

  it('refuses a mortal transaction whose era has passed', async () => {
    const ferdie = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri('//Ferdie');
    const tx = api.tx.balances.transfer(bob.address, PHA);
    await tx.signAsync(ferdie, { era: 4 });
    await chain.newBlock({ count: 8 });
    await expect(api.rpc.author.submitExtrinsic(tx)).rejects.toThrow(/1010|bad signature|BadProof/i);
  });

  it('lists only the RPC methods it serves', async () => {
    const methods = (await api.rpc.rpc.methods()).methods.map((m) => m.toString());
    expect(methods).toContain('author_submitAndWatchExtrinsic');
    expect(methods).toContain('state_queryStorageAt');
    expect(methods).toContain('chainHead_v1_follow');
    expect(methods).toContain('dev_newBlock');
  });
});
