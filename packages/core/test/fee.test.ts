import { TransactionInvalidError } from '@phala-mining/testing';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { describe, expect } from 'vitest';
import {
  checkFeeCovered,
  feeSpendable,
  InsufficientFeeBalanceError,
  type MiningClient,
  pha,
} from '../src/index.js';
import { test } from './chainTest.js';
import { rejection } from './helpers.js';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
const fresh = (name: string): KeyringPair => keyring.addFromUri(`//FeeBoundary/${name}`);

/** The fee `pair` pays for creating a pool (the estimate does not depend on the balance). */
const createFee = (client: MiningClient, pair: KeyringPair) => client.createPool().estimateFee(pair.address);

describe('the fee rule at the boundary, against the dev chain', () => {
  test('an account with exactly fee + ED pays; one planck less is refused before signing, as the chain refuses it', async ({
    chain,
    client,
  }) => {
    const ed = client.api.consts.balances.existentialDeposit.toBigInt();
    const exact = fresh('exact');
    const short = fresh('short');
    await chain.fund(exact, pha('1'));
    await chain.fund(short, pha('1'));
    const fee = await createFee(client, exact);
    expect(fee).toBe(await createFee(client, short));

    await chain.fund(exact, fee + ed);
    expect((await feeSpendable(client.api, exact.address)).forFee).toBe(fee);
    await checkFeeCovered(client.api, exact.address, fee);
    await client.createPool().send(exact);
    // the estimate was the fee charged: exactly the existential deposit is left
    expect(await chain.balanceOf(exact)).toBe(ed);

    await chain.fund(short, fee + ed - 1n);
    const checked = await rejection(checkFeeCovered(client.api, short.address, fee));
    expect(checked).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(checked).toMatchObject({ fee, deposit: 0n, available: fee - 1n });
    // core's send path refuses before signing: nothing reaches the node, the balance is untouched
    const sent = await rejection(client.createPool().send(short));
    expect(sent).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(await chain.balanceOf(short)).toBe(fee + ed - 1n);
    // and the chain agrees: signed anyway, the node rejects it as unable to pay
    const raw = await rejection(chain.sendTx(client.api.tx.phalaStakePool.create(), short));
    expect(raw).toBeInstanceOf(TransactionInvalidError);
    expect(await chain.balanceOf(short)).toBe(fee + ed - 1n);
  });

  test('a lock that covers fees (the stake lock) is kept: the fee comes from above it', async ({
    chain,
    client,
  }) => {
    const { alice } = chain.accounts;
    const staker = fresh('staker');
    const pid = (await client.createPool().send(alice)).value;
    await chain.fund(staker, pha('100'));
    const stake = pha('50');
    await client.pool(pid).contribute(stake).send(staker);
    const fee = await createFee(client, staker);
    const before = await feeSpendable(client.api, staker.address);
    // phala/sp is a lock for every reason: fee_frozen = the stake, far above the ED
    expect(before.feeFrozen).toBe(stake);

    await chain.fund(staker, stake + fee - 1n);
    expect(await rejection(client.createPool().send(staker))).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(await rejection(chain.sendTx(client.api.tx.phalaStakePool.create(), staker))).toBeInstanceOf(
      TransactionInvalidError,
    );

    await chain.fund(staker, stake + fee);
    await client.createPool().send(staker);
    expect(await chain.balanceOf(staker)).toBe(stake);
  });

  test('a reserved balance keeps the account alive: the fee may take free down to 0', async ({
    chain,
    client,
  }) => {
    const ed = client.api.consts.balances.existentialDeposit.toBigInt();
    const { alice } = chain.accounts;
    const proxied = fresh('reserved');
    await chain.fund(proxied, pha('100'));
    // the proxy deposit is reserved, and it is far above the ED
    await client.addProxy(alice.address).send(proxied);
    const fee = await createFee(client, proxied);
    const balance = await feeSpendable(client.api, proxied.address);
    expect(balance.reserved).toBeGreaterThanOrEqual(ed);

    await chain.fund(proxied, fee - 1n);
    expect(await rejection(client.createPool().send(proxied))).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(await rejection(chain.sendTx(client.api.tx.phalaStakePool.create(), proxied))).toBeInstanceOf(
      TransactionInvalidError,
    );

    await chain.fund(proxied, fee);
    expect((await feeSpendable(client.api, proxied.address)).forFee).toBe(fee);
    await client.createPool().send(proxied);
    expect(await chain.balanceOf(proxied)).toBe(0n);
  });
});

describe('a checked fee, reused by send', () => {
  test("send takes check()'s figures for the same call, payer and head, and checks afresh otherwise", async ({
    chain,
    client,
  }) => {
    const payer = fresh('checked');
    await chain.fund(payer, pha('1'));
    const head = (await client.api.rpc.chain.getBlockHash()).toHex();
    const checked = await client.createPool().check(payer.address);
    expect(checked.calls).toEqual(['phalaStakePool.create']);
    const { fee } = checked;
    expect(fee).toEqual({
      payer: payer.address,
      call: client.api.tx.phalaStakePool.create().method.toHex(),
      blockHash: head,
      fee: await createFee(client, payer),
      deposit: 0n,
      available: (await feeSpendable(client.api, payer.address)).forFee,
    });
    // figures that say "cannot pay" are believed while they hold: refused before signing, the balance not re-read
    const cannot = { ...fee, available: fee.fee - 1n };
    const refused = await rejection(client.createPool().send(payer, { checkedFee: cannot }));
    expect(refused).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(refused).toMatchObject({ fee: fee.fee, available: fee.fee - 1n });
    expect(await chain.balanceOf(payer)).toBe(pha('1'));
    // for another call they are not used: send checks afresh, and the account can pay
    const remark = client.api.tx.system.remark('0x00').method.toHex();
    await client.createPool().send(payer, { checkedFee: { ...cannot, call: remark } });
    // after a block (that send's) they no longer hold either
    expect((await client.api.rpc.chain.getBlockHash()).toHex()).not.toBe(head);
    await client.createPool().send(payer, { checkedFee: cannot });
    expect(await chain.balanceOf(payer)).toBeLessThan(pha('1') - 2n * fee.fee + 1n);
  });

  test('check() refuses an account that cannot pay with both amounts, like send', async ({
    chain,
    client,
  }) => {
    const poor = fresh('poor');
    await chain.fund(poor, 1n);
    const e = await rejection(client.createPool().check(poor.address));
    expect(e).toBeInstanceOf(InsufficientFeeBalanceError);
    expect(e).toMatchObject({ payer: poor.address, deposit: 0n, available: 0n });
    expect((e as InsufficientFeeBalanceError).fee).toBeGreaterThan(0n);
  });
});
