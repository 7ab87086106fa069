/**
 * Issue 18: Khala's Proxy pallet through stock @polkadot/api over a real socket. Every call of every pallet the dev
 * chain runs is tried through each proxy type, nested in `utility.force_batch` inside `proxy.proxy` (Utility is
 * allowed to every type, so the batch itself passes and each item meets the filter on its own); the items the
 * type's filter refuses fail with `system.CallFiltered`, every other item reaches its pallet.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdPid, type Outcome, openScenario, PHA, type Scenario } from '../helpers/stockApi.js';

const STAKE_POOL_MANAGER = new Set([
  'phalaStakePool.addWorker',
  'phalaStakePool.removeWorker',
  'phalaStakePool.startMining',
  'phalaStakePool.stopMining',
  'phalaStakePool.restartMining',
  'phalaStakePool.reclaimPoolWorker',
  'phalaStakePool.create',
  'phalaRegistry.registerWorker',
  'phalaMq.syncOffchainMessage',
]);
const NON_TRANSFER_PALLETS = new Set(['system', 'timestamp', 'utility', 'proxy', 'multisig']);
/** `do_proxy`'s own rule: changing proxies needs a superset type (the default arguments add an `Any` proxy). */
const PROXY_ESCALATION = new Set([
  'proxy.addProxy',
  'proxy.removeProxy',
  'proxy.removeProxies',
  'proxy.killPure',
]);

const expectedAllowed: Record<string, (section: string, call: string) => boolean> = {
  Any: () => true,
  NonTransfer: (section, call) => NON_TRANSFER_PALLETS.has(section) && !PROXY_ESCALATION.has(call),
  CancelProxy: (section, call) =>
    call === 'proxy.rejectAnnouncement' || section === 'utility' || section === 'multisig',
  Governance: (section) => section === 'utility',
  Collator: (section) => section === 'utility' || section === 'multisig',
  StakePoolManager: (section, call) => section === 'utility' || STAKE_POOL_MANAGER.has(call),
};

describe('Proxy: Khala ProxyType filters, deposits, announcements and pure proxies', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let eve: KeyringPair;
  let ferdie: KeyringPair;

  const proxyEvent = (outcome: Outcome) => {
    const record = outcome.raw.events.find(
      ({ event }) => event.section === 'proxy' && event.method === 'ProxyExecuted',
    );
    if (!record)
      throw new Error(`no ProxyExecuted (events: ${outcome.events.join(', ')}; error ${outcome.error})`);
    return describeResult(record.event.data[0]);
  };
  const describeResult = (result: any): string => {
    if (result.isOk) return 'Ok';
    return describeError(result.asErr);
  };
  const describeError = (error: any): string => {
    if (!error.isModule) return error.type;
    const meta = s.api.registry.findMetaError(error.asModule);
    return `${meta.section}.${meta.name}`;
  };
  /** Every call of the chain's metadata with default-constructed arguments. */
  const everyCall = () => {
    const calls: Array<{ name: string; section: string; tx: any }> = [];
    for (const section of Object.keys(s.api.tx)) {
      for (const method of Object.keys(s.api.tx[section])) {
        const fn = s.api.tx[section][method];
        const args = fn.meta.args.map((a: any) => s.api.registry.createType(a.type.toString()));
        calls.push({ name: `${section}.${method}`, section, tx: fn(...args) });
      }
    }
    return calls;
  };
  const balances = async (who: string) => {
    const { data } = await s.api.query.system.account(who);
    return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
  };

  beforeAll(async () => {
    s = await openScenario();
    ({ alice, bob, charlie, eve, ferdie } = s.keys);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('add_proxy reserves ProxyDepositBase + n × ProxyDepositFactor; duplicates and self-proxies are refused', async () => {
    const base = s.api.consts.proxy.proxyDepositBase.toBigInt();
    const factor = s.api.consts.proxy.proxyDepositFactor.toBigInt();
    expect(base).toBe((55n * PHA) / 100n);
    expect(factor).toBe((33n * PHA) / 100n);
    const before = await balances(alice.address);
    const added = await s.send(s.api.tx.proxy.addProxy(bob.address, 'StakePoolManager', 0), alice);
    expect(added.decoded.find((e) => e.name === 'proxy.ProxyAdded')?.data).toMatchObject({
      delegatee: bob.address,
      proxy_type: 'StakePoolManager',
      delay: 0,
    });
    expect((await balances(alice.address)).reserved - before.reserved).toBe(base + factor);
    expect((await s.send(s.api.tx.proxy.addProxy(bob.address, 'StakePoolManager', 0), alice)).error).toBe(
      'proxy.Duplicate',
    );
    expect((await s.send(s.api.tx.proxy.addProxy(alice.address, 'Any', 0), alice)).error).toBe(
      'proxy.NoSelfProxy',
    );
    for (const type of ['Any', 'NonTransfer', 'CancelProxy', 'Governance', 'Collator']) {
      expect((await s.send(s.api.tx.proxy.addProxy(bob.address, type, 0), alice)).error).toBeUndefined();
    }
    expect((await balances(alice.address)).reserved - before.reserved).toBe(base + 6n * factor);
    const [list] = await s.api.query.proxy.proxies(alice.address);
    expect(list.map((d: any) => d.proxyType.toString())).toEqual([
      'Any',
      'NonTransfer',
      'CancelProxy',
      'Governance',
      'Collator',
      'StakePoolManager',
    ]);
  });

  it.each(Object.keys(expectedAllowed))('%s: every call nested in a batch meets the filter', async (type) => {
    // Any's items would move Alice's funds (transfer_all to the default address); it acts for Ferdie instead.
    const [real, delegate] = type === 'Any' ? [ferdie, eve] : [alice, bob];
    if (type === 'Any') await s.send(s.api.tx.proxy.addProxy(eve.address, 'Any', 0), ferdie);
    const calls = everyCall();
    const outcome = await s.send(
      s.api.tx.proxy.proxy(real.address, type, s.api.tx.utility.forceBatch(calls.map((c) => c.tx))),
      delegate,
    );
    expect(proxyEvent(outcome)).toBe('Ok');
    const items = outcome.raw.events.filter(
      ({ event }) =>
        event.section === 'utility' && (event.method === 'ItemCompleted' || event.method === 'ItemFailed'),
    );
    expect(items).toHaveLength(calls.length);
    const filtered = calls.filter(
      (_, i) =>
        items[i]!.event.method === 'ItemFailed' &&
        describeError(items[i]!.event.data[0]) === 'system.CallFiltered',
    );
    const expectedRefused = calls.filter((c) => !expectedAllowed[type]!(c.section, c.name));
    // as_derivative's default inner call is system.remark: types without System refuse it one level further down.
    const nestedRefused = expectedAllowed[type]!('system', 'system.remark') ? [] : ['utility.asDerivative'];
    expect(filtered.map((c) => c.name).sort()).toEqual(
      [...expectedRefused.map((c) => c.name), ...nestedRefused].sort(),
    );
    expect(calls.length).toBeGreaterThan(60);
  });

  it('StakePoolManager: create and add_worker go through, set_cap is refused — directly and nested in batch_all', async () => {
    const created = await s.send(
      s.api.tx.proxy.proxy(alice.address, 'StakePoolManager', s.api.tx.phalaStakePool.create()),
      bob,
    );
    expect(proxyEvent(created)).toBe('Ok');
    const pid = createdPid(created);
    const owner = (await s.api.query.phalaStakePool.stakePools(pid)).unwrap().owner.toString();
    expect(owner).toBe(alice.address);
    const setCap = s.api.tx.phalaStakePool.setCap(pid, 1000n * PHA);
    expect(
      proxyEvent(await s.send(s.api.tx.proxy.proxy(alice.address, 'StakePoolManager', setCap), bob)),
    ).toBe('system.CallFiltered');
    const batch = s.api.tx.utility.batchAll([s.api.tx.system.remark('0x01'), setCap]);
    expect(
      proxyEvent(await s.send(s.api.tx.proxy.proxy(alice.address, 'StakePoolManager', batch), bob)),
    ).toBe('system.CallFiltered');
    expect((await s.api.query.phalaStakePool.stakePools(pid)).unwrap().cap.isNone).toBe(true);
    // The same call through the Any proxy reaches the pallet.
    expect(proxyEvent(await s.send(s.api.tx.proxy.proxy(alice.address, 'Any', setCap), bob))).toBe('Ok');
    // Not a proxy at all:
    expect((await s.send(s.api.tx.proxy.proxy(alice.address, null, setCap), charlie)).error).toBe(
      'proxy.NotProxy',
    );
  });

  it('a delayed proxy must announce, wait the delay, and then anyone may execute proxy_announced', async () => {
    await s.send(s.api.tx.proxy.addProxy(charlie.address, 'Any', 2), eve);
    const remark = s.api.tx.system.remarkWithEvent('0x1234');
    expect((await s.send(s.api.tx.proxy.proxy(eve.address, null, remark), charlie)).error).toBe(
      'proxy.Unannounced',
    );
    const before = await balances(charlie.address);
    await s.send(s.api.tx.proxy.announce(eve.address, remark.method.hash), charlie);
    const annBase = s.api.consts.proxy.announcementDepositBase.toBigInt();
    const annFactor = s.api.consts.proxy.announcementDepositFactor.toBigInt();
    expect((await balances(charlie.address)).reserved - before.reserved).toBe(annBase + annFactor);
    expect(
      (await s.send(s.api.tx.proxy.proxyAnnounced(charlie.address, eve.address, null, remark), alice)).error,
    ).toBe('proxy.Unannounced');
    await s.newBlocks(2);
    const done = await s.send(
      s.api.tx.proxy.proxyAnnounced(charlie.address, eve.address, null, remark),
      alice,
    );
    expect(proxyEvent(done)).toBe('Ok');
    expect(done.events).toContain('system.Remarked');
    expect((await balances(charlie.address)).reserved).toBe(before.reserved);
    // reject_announcement by the real account removes a pending one
    await s.send(s.api.tx.proxy.announce(eve.address, remark.method.hash), charlie);
    expect(
      (await s.send(s.api.tx.proxy.rejectAnnouncement(charlie.address, remark.method.hash), eve)).error,
    ).toBeUndefined();
    expect(
      (await s.send(s.api.tx.proxy.removeAnnouncement(eve.address, remark.method.hash), charlie)).error,
    ).toBe('proxy.NotFound');
  });

  it('pure proxies: created with a deposit, controlled by the spawner, killed with it returned', async () => {
    const before = await balances(charlie.address);
    const created = await s.send(s.api.tx.proxy.createPure('Any', 0, 0), charlie);
    const pure = created.decoded.find((e) => e.name === 'proxy.PureCreated')!.data.pure as string;
    const at = await s.blockNumber(created.blockHash);
    const extIndex = created.raw.txIndex;
    expect((await balances(charlie.address)).reserved - before.reserved).toBe(
      s.api.consts.proxy.proxyDepositBase.toBigInt() + s.api.consts.proxy.proxyDepositFactor.toBigInt(),
    );
    await s.send(s.api.tx.balances.transfer(pure, 10n * PHA), alice);
    const kill = s.api.tx.proxy.killPure(charlie.address, 'Any', 0, at, extIndex);
    expect(proxyEvent(await s.send(s.api.tx.proxy.proxy(pure, null, kill), charlie))).toBe('Ok');
    expect((await s.api.query.proxy.proxies(pure))[0].length).toBe(0);
    expect((await balances(charlie.address)).reserved).toBe(before.reserved);
  });

  it('remove_proxy and remove_proxies return the deposits', async () => {
    await s.send(s.api.tx.proxy.removeProxy(bob.address, 'Governance', 0), alice);
    expect((await s.send(s.api.tx.proxy.removeProxy(bob.address, 'Governance', 0), alice)).error).toBe(
      'proxy.NotFound',
    );
    await s.send(s.api.tx.proxy.removeProxies(), alice);
    expect((await s.api.query.proxy.proxies(alice.address))[0].length).toBe(0);
    // What stays reserved is the pure proxy NonTransfer's batch spawned (create_pure with default arguments).
    const pure = (await s.api.query.proxy.proxies.entries()).filter(([, v]: any) =>
      v[0].some((d: any) => d.delegate.toString() === alice.address),
    );
    expect(pure).toHaveLength(1);
    const one =
      s.api.consts.proxy.proxyDepositBase.toBigInt() + s.api.consts.proxy.proxyDepositFactor.toBigInt();
    expect((await balances(alice.address)).reserved).toBe(one);
  });
});
