import { multisigAddress } from '@phala-mining/testing';
import { describe, expect } from 'vitest';
import { test } from './chainTest.js';
import { json, nonceOf, on } from './helpers.js';

const PLANCK = 1_000_000_000_000n;

describe('phala-mining with a cold owner key', () => {
  let pid: string;

  test('proxy add and list', async ({ chain, alice }) => {
    const { bob: b } = chain.accounts;
    const added = await alice(['proxy', 'add', b.address]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('is now a StakePoolManager proxy (delay 0)');
    const list = json(await alice(['proxy', 'list', '--json']));
    expect(list.proxies).toEqual([{ delegate: expect.any(String), proxyType: 'StakePoolManager', delay: 0 }]);
  });

  test('--proxy-for: the delegate creates a pool owned by the real account and adds a worker', async ({
    chain,
    bob,
  }) => {
    const { alice: a } = chain.accounts;
    const created = json(await bob(['--proxy-for', a.address, 'pool', 'create', '--json']));
    expect(created).toMatchObject({ ok: true, proxyFor: expect.any(String) });
    pid = created.pid;
    const mine = json(await bob(['--proxy-for', a.address, 'pool', 'list', '--mine', '--json']));
    expect(mine.map((p: { pid: string }) => p.pid)).toContain(pid);
    const show = json(await bob(['pool', 'show', pid, '--json']));
    expect(show.pool?.owner ?? show.owner).toBe(created.proxyFor);
    const worker = await chain.registerWorker({ operator: a });
    const dry = await bob(['--proxy-for', a.address, '--dry-run', 'worker', 'add', worker, '--pool', pid]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('sent as        proxy.proxy');
    expect((await bob(['--proxy-for', a.address, 'worker', 'add', worker, '--pool', pid])).code).toBe(0);
  });

  test('refuses set-cap through StakePoolManager before signing: exit 3, the filter named', async ({
    chain,
    bob,
  }) => {
    const { alice: a, bob: b } = chain.accounts;
    const before = await nonceOf(chain, b.address);
    const r = await bob(['--proxy-for', a.address, 'pool', 'set-cap', pid, '1000']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('StakePoolManager');
    expect(r.stderr).toContain('[ProxyCallFiltered]');
    expect(await nonceOf(chain, b.address)).toBe(before);
  });

  test('a proxy with a delay: refused until announced with --announce, then run after the delay', async ({
    chain,
    alice,
  }) => {
    const { alice: a, dave: d } = chain.accounts;
    const dave = on(chain, '--account', 'dave');
    expect((await alice(['proxy', 'add', d.address, '--delay', '2'])).code).toBe(0);
    const worker = await chain.registerWorker({ operator: a });
    const add = ['--proxy-for', a.address, 'worker', 'add', worker, '--pool', pid];
    const early = await dave(add);
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('[ProxyAnnouncementRequired]');
    const announced = await dave(['--announce', ...add]);
    expect(announced.code).toBe(0);
    expect(announced.stdout).toMatch(
      /announced addWorker \(0x[0-9a-f]{64}\).*\n {2}run the same command without --announce from block #\d+/,
    );
    await chain.newBlocks(2);
    const run = await dave(add);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('added 1 worker(s)');
  });

  test('refuses malformed cold-key flags with exit 2', async ({ chain, bob }) => {
    const { alice: a } = chain.accounts;
    expect((await bob(['--proxy-for', a.address, '--multisig-threshold', '2', 'pool', 'create'])).code).toBe(
      2,
    );
    expect((await bob(['--multisig-threshold', '2', 'pool', 'create'])).code).toBe(2);
    expect((await bob(['--proxy-type', 'Any', 'pool', 'create'])).code).toBe(2);
    expect((await bob(['--proxy-for', 'nope', 'pool', 'create'])).code).toBe(2);
  });

  test('a 2-of-3 multisig creates a pool: opened, pending, executed; then cancel', async ({
    chain,
    alice,
    bob,
    charlie,
  }) => {
    const { alice: a, bob: b, charlie: c } = chain.accounts;
    const owner = multisigAddress([a, b, c], 2);
    await chain.fund(owner, 1000n * PLANCK);
    const flags = (others: string[]) => ['--multisig-threshold', '2', '--multisig-others', others.join(',')];
    const opened = await alice([...flags([b.address, c.address]), 'pool', 'create']);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/createPool opened by .* multisig .*: opened 0x[0-9a-f]{64} at \d+-\d+/s);
    const pending = json(await bob([...flags([a.address, c.address]), 'multisig', 'pending', '--json']));
    expect(pending.pending).toHaveLength(1);
    const executed = await charlie([...flags([a.address, b.address]), 'pool', 'create', '--json']);
    const out = json(executed);
    expect(out.multisig.status).toBe('executed');
    expect(out.pid).toMatch(/^\d+$/);

    const setPayout = json(
      await bob([...flags([a.address, c.address]), 'pool', 'set-payout', out.pid, '20', '--json']),
    );
    expect(setPayout.multisig.status).toBe('opened');
    const hash = setPayout.multisig.callHash;
    const notOwner = await alice([...flags([b.address, c.address]), 'multisig', 'cancel', hash]);
    expect(notOwner.code).toBe(3);
    expect(notOwner.stderr).toContain('[NotMultisigDepositor]');
    const cancelled = await bob([...flags([a.address, c.address]), 'multisig', 'cancel', hash]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain('cancelled');
    const none = json(await bob(['multisig', 'pending', owner, '--json']));
    expect(none.pending).toEqual([]);
  });
});
