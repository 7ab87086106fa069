import { describe, expect } from 'vitest';
import {
  asMultisig,
  InvalidColdSignerError,
  MultisigAlreadyApprovedError,
  MultisigNotFoundError,
  multisigAccount,
  NotMultisigDepositorError,
  NotPoolOwnerError,
  normalizeAddress,
  pha,
} from '../src/index.js';
import { test as chainTest } from './chainTest.js';
import { rejection, until } from './helpers.js';

/** A 2-of-3 multisig of Alice, Bob and Charlie, funded with 1000 PHA: the file's tests share it. */
const test = chainTest.extend<{ owner: string }>({
  owner: [
    async ({ fileChain: chain, client }, use) => {
      const { alice, bob, charlie } = chain.accounts;
      const owner = multisigAccount([alice.address, bob.address, charlie.address], 2, client.ss58);
      await chain.fund(owner, pha('1000'));
      await use(owner);
    },
    { scope: 'file' },
  ],
});

describe('a pool owned by a 2-of-3 multisig', () => {
  let pid: bigint;

  test('refuses malformed multisig signers', ({ chain }) => {
    const { alice, bob } = chain.accounts;
    expect(() => asMultisig(alice, { threshold: 3, others: [bob] })).toThrow(InvalidColdSignerError);
    expect(() => asMultisig(alice, { threshold: 2, others: [alice] })).toThrow(InvalidColdSignerError);
    expect(() => asMultisig(alice, { threshold: 1, others: [bob] })).toThrow(InvalidColdSignerError);
  });

  test('opens with the first approval and executes with the second, returning the new pid', async ({
    chain,
    client,
    owner,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    const first = asMultisig(alice, { threshold: 2, others: [bob, charlie], ss58: client.ss58 });
    expect(first.address).toBe(owner);
    const opened = await client.createPool().send(first);
    expect(opened.value).toBeUndefined();
    expect(opened.multisig).toMatchObject({
      account: owner,
      status: 'opened',
      timepoint: { height: opened.blockNumber },
    });
    const [pending] = await until(client.pendingMultisigs$(owner), (ps) => ps.length === 1);
    expect(pending).toMatchObject({
      callHash: opened.multisig!.callHash,
      when: opened.multisig!.timepoint,
      approvals: [normalizeAddress(alice.address, client.ss58)],
      depositor: normalizeAddress(alice.address, client.ss58),
    });
    expect(pending!.deposit).toBeGreaterThan(0n);
    expect(await rejection(client.createPool().send(first))).toBeInstanceOf(MultisigAlreadyApprovedError);

    const second = asMultisig(charlie, { threshold: 2, others: [alice, bob] });
    const executed = await client.createPool().send(second);
    expect(executed.multisig).toMatchObject({ status: 'executed', timepoint: opened.multisig!.timepoint });
    pid = executed.value;
    expect(typeof pid).toBe('bigint');
    expect((await until(client.pool$(pid), (p) => p !== undefined))!.owner).toBe(owner);
    await until(client.pendingMultisigs$(owner), (ps) => ps.length === 0);
  });

  test('sets its payout: rules are checked as the multisig account at every step', async ({
    chain,
    client,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    // Alice alone does not own the pool
    expect(await rejection(client.pool(pid).setPayout(20).send(alice))).toBeInstanceOf(NotPoolOwnerError);
    const byBob = asMultisig(bob, { threshold: 2, others: [alice, charlie] });
    const opened = await client.pool(pid).setPayout(20).send(byBob);
    expect(opened.multisig?.status).toBe('opened');
    expect((await until(client.pool$(pid), () => true))!.commission).not.toBe(200_000);
    await client
      .pool(pid)
      .setPayout(20)
      .send(asMultisig(alice, { threshold: 2, others: [bob, charlie] }));
    expect((await until(client.pool$(pid), (p) => p?.commission === 200_000))!.commission).toBe(200_000);
  });

  test('cancels: only the signatory who opened it, and the deposit comes back', async ({
    chain,
    client,
    owner,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    const byCharlie = asMultisig(charlie, { threshold: 2, others: [alice, bob] });
    const before = await chain.balanceOf(charlie);
    const opened = await client.pool(pid).setPayout(30).send(byCharlie);
    const hash = opened.multisig!.callHash;
    const byAlice = asMultisig(alice, { threshold: 2, others: [bob, charlie] });
    expect(await rejection(client.cancelMultisig(byAlice, hash))).toBeInstanceOf(NotMultisigDepositorError);
    const cancelled = await client.cancelMultisig(byCharlie, hash);
    expect(cancelled.multisig?.status).toBe('cancelled');
    await until(client.pendingMultisigs$(owner), (ps) => ps.length === 0);
    expect(await rejection(client.cancelMultisig(byCharlie, hash))).toBeInstanceOf(MultisigNotFoundError);
    // only the two fees are gone: the deposit was returned
    const spent = before - (await chain.balanceOf(charlie));
    expect(spent).toBeGreaterThan(0n);
    expect(spent).toBeLessThan(pha('0.1'));
  });

  test('approves by call hash and executes with the call data', async ({ chain, client }) => {
    const { alice, bob, charlie } = chain.accounts;
    const call = (client.api.tx as any).phalaStakePool.setPayoutPref(pid, 400_000);
    const hash = call.method.hash.toHex();
    const byAlice = asMultisig(alice, { threshold: 2, others: [bob, charlie] });
    const opened = await client.approveMultisig(byAlice, hash);
    expect(opened.multisig?.status).toBe('opened');
    const byBob = asMultisig(bob, { threshold: 2, others: [alice, charlie] });
    expect(await rejection(client.approveMultisig(byBob, hash))).toMatchObject({
      code: 'MultisigCallDataRequired',
    });
    expect(await rejection(client.approveMultisig(byBob, hash, '0x00'))).toMatchObject({
      code: 'MultisigCallMismatch',
    });
    const executed = await client.approveMultisig(byBob, hash, call.method.toHex());
    expect(executed.multisig?.status).toBe('executed');
    await until(client.pool$(pid), (p) => p?.commission === 400_000);
  });
});
