import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expect } from 'vitest';
import {
  asProxy,
  firstFilteredCall,
  InsufficientFeeBalanceError,
  InvalidColdSignerError,
  NotPoolOwnerError,
  NotProxyError,
  normalizeAddress,
  PalletError,
  ProxyAlreadyExistsError,
  ProxyAnnouncementPendingError,
  ProxyAnnouncementRequiredError,
  ProxyCallFilteredError,
  ProxyNotFoundError,
  type ProxyTypeName,
  pha,
} from '../src/index.js';
import { miningTest as test } from './chainTest.js';
import { rejection, until } from './helpers.js';

describe('a pool run by a StakePoolManager proxy', () => {
  let pid: bigint;

  test('adds the proxy and lists it', async ({ chain, client }) => {
    const { alice, bob } = chain.accounts;
    await client.addProxy(bob.address).send(alice);
    const proxies = await until(client.proxies$(alice.address), (ps) => ps.length === 1);
    expect(proxies).toEqual([
      { delegate: normalizeAddress(bob.address, client.ss58), proxyType: 'StakePoolManager', delay: 0 },
    ]);
    expect(await rejection(client.addProxy(bob.address).send(alice))).toBeInstanceOf(ProxyAlreadyExistsError);
  });

  test('creates a pool owned by the real account, adds, starts, stops and reclaims a worker', async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    const manager = asProxy(bob, { real: alice.address });
    const created = await client.createPool().send(manager);
    pid = created.value;
    expect(created.events.map((e) => `${e.section}.${e.method}`)).toContain('proxy.ProxyExecuted');
    expect((await until(client.pool$(pid), (p) => p !== undefined))!.owner).toBe(
      normalizeAddress(alice.address, client.ss58),
    );
    // the money stays with the owner: it contributes itself
    await client.pool(pid).contribute(pha('20000')).send(alice);
    const worker = await chain.registerWorker({ operator: alice, score: 2000 });
    await client.pool(pid).addWorker(worker).startMining(worker, pha('5000')).send(manager);
    await until(client.workers$(pid), (ws) => ws[0]?.state === 'Mining');
    await client.pool(pid).stopMining(worker).send(manager);
    await chain.timeTravel({ days: 8 });
    await client.pool(pid).reclaimWorker(worker).send(manager);
    await client.pool(pid).removeWorker(worker).send(manager);
    expect((await until(client.pool$(pid), (p) => p?.workers.length === 0))!.workers).toEqual([]);
  });

  test('refuses setCap with an error that names the filter, alone and nested in a batch', async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    const manager = asProxy(bob, { real: alice.address });
    const alone = await rejection(client.pool(pid).setCap(pha('1000000')).send(manager));
    expect(alone).toBeInstanceOf(ProxyCallFilteredError);
    expect(alone).toMatchObject({ proxyType: 'StakePoolManager', call: 'phalaStakePool.setCap' });
    expect(alone.message).toContain('StakePoolManager');
    const worker = await chain.registerWorker({ operator: alice });
    const nested = await rejection(client.pool(pid).addWorker(worker).setPayout(10).send(manager));
    expect(nested).toMatchObject({ code: 'ProxyCallFiltered', call: 'phalaStakePool.setPayoutPref' });
    await expect(client.pool(pid).addWorker(worker).setPayout(10).dryRun(manager)).rejects.toBeInstanceOf(
      ProxyCallFilteredError,
    );
    // nothing was sent: the worker is still unassigned and the batch goes through without the refused call
    await client.pool(pid).addWorker(worker).send(manager);
  });

  test('checks the pool rules as the real account and the relation on chain', async ({ chain, client }) => {
    const { alice, bob, charlie, dave } = chain.accounts;
    expect(
      await rejection(
        client
          .pool(pid)
          .addWorker(`0x${'11'.repeat(32)}`)
          .send(asProxy(dave, { real: alice.address })),
      ),
    ).toBeInstanceOf(NotProxyError);
    // a proxy of Charlie may act only on Charlie's pools
    await client.addProxy(bob.address).send(charlie);
    const worker = await chain.registerWorker({ operator: charlie });
    expect(
      await rejection(
        client
          .pool(pid)
          .addWorker(worker)
          .send(asProxy(bob, { real: charlie.address })),
      ),
    ).toBeInstanceOf(NotPoolOwnerError);
    await client.removeProxy(bob.address).send(charlie);
    expect(await rejection(client.removeProxy(bob.address).send(charlie))).toBeInstanceOf(ProxyNotFoundError);
  });

  test('reports the inner call’s pallet error as a direct call would', async ({ chain, client }) => {
    const { alice, bob } = chain.accounts;
    const manager = asProxy(bob, { real: alice.address });
    const worker = await chain.registerWorker({ operator: alice });
    // both validate against the same state; the second reaches the chain after the first bound the worker
    const [first, second] = await Promise.allSettled([
      client.pool(pid).addWorker(worker).send(manager),
      client.pool(pid).addWorker(worker).send(manager),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    const error = (second as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(PalletError);
    const direct = await chain
      .sendTx((client.api.tx as any).phalaStakePool.addWorker(pid, worker), alice)
      .then(
        () => undefined,
        (e: { section: string; errorName: string }) => e,
      );
    expect(direct).toBeDefined();
    expect(`${error.section}.${error.errorName}`.toLowerCase()).toBe(
      `${direct!.section}.${direct!.errorName}`.toLowerCase(),
    );
  });

  test('with a delay: refuses an unannounced call, then runs it once announced and the delay passed', async ({
    chain,
    client,
  }) => {
    const { alice, charlie } = chain.accounts;
    await client.addProxy(charlie.address, { delay: 3 }).send(alice);
    const delayed = asProxy(charlie, { real: alice.address });
    const worker = await chain.registerWorker({ operator: alice });
    const ops = () => client.pool(pid).addWorker(worker);
    expect(await rejection(ops().send(delayed))).toMatchObject({
      code: 'ProxyAnnouncementRequired',
      delay: 3,
    });
    expect(await rejection(ops().send(delayed))).toBeInstanceOf(ProxyAnnouncementRequiredError);
    const announced = await ops().announce(delayed);
    expect(announced.value.delay).toBe(3);
    expect(await rejection(ops().send(delayed))).toBeInstanceOf(ProxyAnnouncementPendingError);
    await chain.newBlocks(3);
    const result = await ops().send(delayed);
    expect(result.events.map((e) => `${e.section}.${e.method}`)).toContain('phalaStakePool.PoolWorkerAdded');
  });

  test('checks with the delegate’s address alone, and sending needs its key', async ({ chain, client }) => {
    const { alice, bob } = chain.accounts;
    const watching = asProxy(bob.address, { real: alice.address });
    const dry = await client
      .pool(pid)
      .stopMining(`0x${'22'.repeat(32)}`)
      .dryRun(watching)
      .catch((e) => e);
    expect(dry.code).toBe('WorkerNotInPool');
    const ok = await client.createPool().dryRun(watching);
    expect(ok).toMatchObject({
      caller: normalizeAddress(alice.address, client.ss58),
      signer: normalizeAddress(bob.address, client.ss58),
      wrapper: 'proxy.proxy',
      calls: ['phalaStakePool.create'],
    });
    expect(await client.createPool().estimateFee(watching)).toBeGreaterThan(0n);
    expect(await rejection(client.createPool().send(watching))).toBeInstanceOf(InvalidColdSignerError);
  });

  test('refuses exactly what the chain filters: stock proxy.proxy calls, alone and in utility.batchAll', async ({
    chain,
    client,
  }) => {
    const { alice, charlie, dave, eve } = chain.accounts;
    await client.addProxy(eve.address).send(alice);
    await client.addProxy(charlie.address, { type: 'NonTransfer' }).send(alice);
    const tx = (client.api.tx as any).phalaStakePool;
    const utility = (client.api.tx as any).utility;
    const proxy = (client.api.tx as any).proxy;
    const cases: Array<[ProxyTypeName, KeyringPair, any]> = [
      ['StakePoolManager', eve, tx.setCap(pid, 10n ** 20n)],
      ['StakePoolManager', eve, tx.setPayoutPref(pid, 1000)],
      ['StakePoolManager', eve, tx.contribute(pid, 10n ** 13n)],
      ['StakePoolManager', eve, tx.create()],
      ['StakePoolManager', eve, tx.stopMining(pid, `0x${'33'.repeat(32)}`)],
      ['StakePoolManager', eve, (client.api.tx as any).balances.transfer(eve.address, 1n)],
      ['StakePoolManager', eve, utility.batchAll([tx.create(), tx.setCap(pid, 10n ** 20n)])],
      ['StakePoolManager', eve, utility.batchAll([tx.create(), utility.batch([tx.create()])])],
      ['NonTransfer', charlie, tx.create()],
      ['NonTransfer', charlie, proxy.addProxy(dave.address, 'Any', 0)],
      ['NonTransfer', charlie, proxy.addProxy(dave.address, 'Governance', 0)],
      ['NonTransfer', charlie, proxy.removeProxies()],
      ['NonTransfer', charlie, utility.batchAll([(client.api.tx as any).system.remark('0x00')])],
    ];
    for (const [type, delegate, call] of cases) {
      const name = `${type} ${call.method.section}.${call.method.method}`;
      const predicted = firstFilteredCall(type, call.method) !== undefined;
      const result = await chain.sendTx(proxy.proxy(alice.address, type, call), delegate);
      const executed = result.events.find(
        (r) => r.event.section === 'proxy' && r.event.method === 'ProxyExecuted',
      )!;
      const inner = executed.event.data[0] as any;
      const filtered =
        inner.isErr &&
        inner.asErr.isModule &&
        client.api.registry.findMetaError(inner.asErr.asModule).name === 'CallFiltered';
      expect({ name, filtered }).toEqual({ name, filtered: predicted });
    }
  });

  test('refuses a delegate that cannot pay the fee', async ({ chain, client }) => {
    const { alice, ferdie } = chain.accounts;
    await client.addProxy(ferdie.address).send(alice);
    await chain.fund(ferdie, 1000n);
    const error = await rejection(client.createPool().send(asProxy(ferdie, { real: alice.address })));
    expect(error).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(error.fee).toBeGreaterThan(0n);
  });
});
