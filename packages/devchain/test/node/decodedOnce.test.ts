/**
 * The runtime decodes a pool transaction once and keeps its signature check with it (for the runtime version and
 * era birth hash it was made for). What can change between submission and inclusion is still checked against the
 * state each time: these transactions were decoded, verified and found valid at submission, and must be refused
 * at inclusion (or revalidation) exactly as a freshly read one would be.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScenario, PHA, type Scenario } from '../helpers/stockApi.js';
import { RpcClient } from './rpcClient.js';

describe('a transaction decoded and verified once', () => {
  let s: Scenario;
  let client: RpcClient;

  beforeAll(async () => {
    s = await openScenario({ blockMode: 'manual' });
    client = await RpcClient.connect(s.chain.endpoint);
  });

  afterAll(async () => {
    await client?.close();
    await s?.close();
  });

  const nonceOf = async (who: KeyringPair) =>
    (await s.api.query.system.account(who.address)).nonce.toNumber();
  const freeOf = async (who: KeyringPair | string): Promise<bigint> =>
    (await s.api.query.system.account(typeof who === 'string' ? who : who.address)).data.free.toBigInt();
  const blockExtrinsics = async (hash: string) =>
    ((await client.call('chain_getBlock', [hash])) as { block: { extrinsics: string[] } }).block.extrinsics;

  /** submits with a watcher; the statuses it hears */
  const watch = async (hex: string) => {
    const id = await client.call<string>('author_submitAndWatchExtrinsic', [hex]);
    return () => client.events(id);
  };

  it('is refused at inclusion as Stale when an earlier extrinsic of the block used its nonce', async () => {
    const { alice, bob, charlie } = s.keys;
    const nonce = await nonceOf(alice);
    const first = await s.api.tx.balances.transfer(bob.address, PHA).signAsync(alice, { nonce });
    const second = await s.api.tx.balances.transfer(charlie.address, PHA).signAsync(alice, { nonce });
    await client.call('author_submitExtrinsic', [first.toHex()]);
    const charlieBefore = await freeOf(charlie);

    // `second` is checked against the head (valid: its nonce is the next one), then applied after the pool's
    // `first`, which took that nonce
    const reply = await client.request('dev_newBlock', [{ transactions: [second.toHex()] }]);
    expect(reply.error?.message).toMatch(/was built without 1 of the given transactions/);
    expect(reply.error?.data).toEqual([
      {
        index: 0,
        code: 1010,
        message: 'Invalid Transaction',
        data: `nonce ${nonce} is already used (next is ${nonce + 1})`,
      },
    ]);
    const head = await client.call<string>('chain_getBlockHash', []);
    expect(await blockExtrinsics(head)).toEqual([expect.any(String), first.toHex()]);
    expect(await nonceOf(alice)).toBe(nonce + 1);
    expect(await freeOf(charlie)).toBe(charlieBefore);
  });

  it('is dropped as invalid at inclusion when an earlier extrinsic left too little to pay its fee', async () => {
    const { alice, bob, charlie } = s.keys;
    const payer = s.keyring.addFromUri('//DecodedOnce/payer');
    await client.call('author_submitExtrinsic', [
      (await s.api.tx.balances.transfer(payer.address, 2n * PHA).signAsync(alice)).toHex(),
    ]);
    await client.call('dev_newBlock', [{}]);
    const free = await freeOf(payer);
    expect(free).toBe(2n * PHA);

    // `drain` leaves the existential deposit and half its own fee: not enough for `later`'s fee
    const ed: bigint = s.api.consts.balances.existentialDeposit.toBigInt();
    const fee: bigint = (
      await s.api.tx.balances.transferKeepAlive(bob.address, free).paymentInfo(payer, { nonce: 0 })
    ).partialFee.toBigInt();
    const drain = await s.api.tx.balances
      .transferKeepAlive(bob.address, free - ed - fee - fee / 2n)
      .signAsync(payer, { nonce: 0 });
    const later = await s.api.tx.balances
      .transferKeepAlive(charlie.address, 1n)
      .signAsync(payer, { nonce: 1 });
    const drainStatuses = await watch(drain.toHex());
    // valid at submission: the payer still holds 2 PHA
    const laterStatuses = await watch(later.toHex());
    await client.until(() => laterStatuses().length > 0 && drainStatuses().length > 0);
    expect(laterStatuses()).toEqual(['ready']);

    const block = await client.call<string>('dev_newBlock', [{}]);
    await client.until(() => laterStatuses().length > 1 && drainStatuses().length > 1);
    expect(laterStatuses()).toEqual(['ready', 'invalid']);
    expect(drainStatuses()[1]).toEqual({ inBlock: block });
    expect(await blockExtrinsics(block)).toEqual([expect.any(String), drain.toHex()]);
    expect(await client.call('author_pendingExtrinsics')).toEqual([]);
    expect(await nonceOf(payer)).toBe(1);
    expect(await freeOf(payer)).toBe(ed + fee / 2n);
  });

  it('is verified again, and refused, when the block its era was signed at is no longer that block', async () => {
    const { dave, bob } = s.keys;
    await client.call('dev_newBlock', [{}]);
    const birth = (await s.api.rpc.chain.getHeader()).number.toNumber();
    const birthHash = await client.call<string>('chain_getBlockHash', [birth]);
    const tx = await s.api.tx.balances.transfer(bob.address, PHA).signAsync(dave, {
      blockHash: birthHash,
      era: s.api.createType('ExtrinsicEra', { current: birth, period: 64 }),
      nonce: await nonceOf(dave),
    });
    const statuses = await watch(tx.toHex());
    await client.until(() => statuses().length > 0);
    expect(statuses()).toEqual(['ready']);

    // a block without it (dev_setStorage builds one without the pool) revalidates it with its signature check
    // remembered: still ready
    const key = s.api.query.system.blockHash.key(birth);
    await client.call('dev_setStorage', [[[key, birthHash]]]);
    expect(await client.call('author_pendingExtrinsics')).toEqual([tx.toHex()]);
    expect(statuses()).toEqual(['ready']);

    // the chain now records another hash for the birth block (what a client signing on another fork sees): the
    // signature, made for `birthHash`, no longer matches
    await client.call('dev_setStorage', [[[key, `0x${'11'.repeat(32)}`]]]);
    await client.until(() => statuses().length > 1);
    expect(statuses()).toEqual(['ready', 'invalid']);
    expect(await client.call('author_pendingExtrinsics')).toEqual([]);
  });
});
