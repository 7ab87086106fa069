/**
 * Spec §3.4: contribution whitelists (created by the first add, deleted with the last removal, the owner always
 * allowed, at most 100 stakers) and pool descriptions (Bytes, at most 4400 — a longer one does not even decode, so
 * the node refuses the transaction). Through stock @polkadot/api over a real socket.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdPid, openScenario, PHA, type Scenario } from '../helpers/stockApi.js';

describe('contribution whitelist and pool description', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let dave: KeyringPair;
  let pid: number;

  const whitelist = async () => {
    const list = await s.api.query.phalaStakePool.poolContributionWhitelists(pid);
    return list.isNone ? undefined : list.unwrap().map((a: any) => a.toString());
  };
  const tx = () => s.api.tx.phalaStakePool;

  beforeAll(async () => {
    s = await openScenario();
    ({ alice, bob, charlie, dave } = s.keys);
    pid = createdPid(await s.send(tx().create(), alice));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('the first added staker creates the list; only the owner may change it', async () => {
    expect((await s.send(tx().addStakerToWhitelist(pid, charlie.address), bob)).error).toBe(
      'phalaStakePool.UnauthorizedPoolOwner',
    );
    expect((await s.send(tx().addStakerToWhitelist(99, bob.address), alice)).error).toBe(
      'phalaStakePool.PoolDoesNotExist',
    );
    expect((await s.send(tx().removeStakerFromWhitelist(pid, bob.address), alice)).error).toBe(
      'phalaStakePool.NoWhitelistCreated',
    );

    const first = await s.send(tx().addStakerToWhitelist(pid, bob.address), alice);
    const own = first.decoded.filter((e) => e.name.startsWith('phalaStakePool.'));
    expect(own.map((e) => e.name)).toEqual([
      'phalaStakePool.PoolWhitelistCreated',
      'phalaStakePool.PoolWhitelistStakerAdded',
    ]);
    expect(own[1]!.data.staker).toBe(bob.address);
    const second = await s.send(tx().addStakerToWhitelist(pid, charlie.address), alice);
    expect(second.events.filter((e) => e.startsWith('phalaStakePool.'))).toEqual([
      'phalaStakePool.PoolWhitelistStakerAdded',
    ]);
    expect((await s.send(tx().addStakerToWhitelist(pid, bob.address), alice)).error).toBe(
      'phalaStakePool.AlreadyInContributeWhitelist',
    );
    expect(await whitelist()).toEqual([bob.address, charlie.address]);
  });

  it('outsiders cannot contribute; listed stakers and the owner can', async () => {
    expect((await s.send(tx().contribute(pid, 10n * PHA), dave)).error).toBe(
      'phalaStakePool.NotInContributeWhitelist',
    );
    expect((await s.send(tx().contribute(pid, 10n * PHA), bob)).events).toContain(
      'phalaStakePool.Contribution',
    );
    expect((await s.send(tx().contribute(pid, 10n * PHA), alice)).events).toContain(
      'phalaStakePool.Contribution',
    );
    expect((await s.api.query.phalaStakePool.poolStakers([pid, dave.address])).isNone).toBe(true);
  });

  it('removing the last staker deletes the list and reopens the pool', async () => {
    expect((await s.send(tx().removeStakerFromWhitelist(pid, dave.address), alice)).error).toBe(
      'phalaStakePool.NotInContributeWhitelist',
    );
    const removed = await s.send(tx().removeStakerFromWhitelist(pid, charlie.address), alice);
    expect(removed.events.filter((e) => e.startsWith('phalaStakePool.'))).toEqual([
      'phalaStakePool.PoolWhitelistStakerRemoved',
    ]);
    expect(await whitelist()).toEqual([bob.address]);
    const last = await s.send(tx().removeStakerFromWhitelist(pid, bob.address), alice);
    const own = last.decoded.filter((e) => e.name.startsWith('phalaStakePool.'));
    expect(own.map((e) => e.name)).toEqual([
      'phalaStakePool.PoolWhitelistStakerRemoved',
      'phalaStakePool.PoolWhitelistDeleted',
    ]);
    expect(own[0]!.data.staker).toBe(bob.address);
    expect(await whitelist()).toBeUndefined();
    expect((await s.send(tx().contribute(pid, 10n * PHA), dave)).events).toContain(
      'phalaStakePool.Contribution',
    );
  });

  it('holds at most 100 stakers (ExceedWhitelistMaxLen)', async () => {
    const stakers = Array.from({ length: 100 }, (_, i) => s.keyring.addFromUri(`//Staker/${i}`).address);
    const batch = await s.send(
      s.api.tx.utility.batchAll(stakers.map((a) => tx().addStakerToWhitelist(pid, a))),
      alice,
    );
    expect(batch.error).toBeUndefined();
    expect((await whitelist())?.length).toBe(100);
    expect((await s.send(tx().addStakerToWhitelist(pid, dave.address), alice)).error).toBe(
      'phalaStakePool.ExceedWhitelistMaxLen',
    );
    // the owner is not on the list yet may still contribute
    expect((await s.send(tx().contribute(pid, 10n * PHA), alice)).error).toBeUndefined();
  });

  it('stores the description as Bytes (owner only, no event), up to 4400 bytes', async () => {
    const text = 'Phala pool · 10 % commission · 24/7 ops';
    expect((await s.send(tx().setPoolDescription(pid, text), bob)).error).toBe(
      'phalaStakePool.UnauthorizedPoolOwner',
    );
    const set = await s.send(tx().setPoolDescription(pid, text), alice);
    expect(set.error).toBeUndefined();
    expect(set.events.filter((e) => e.startsWith('phalaStakePool.'))).toEqual([]);
    const stored = (await s.api.query.phalaStakePool.poolDescriptions(pid)).unwrap();
    expect(stored.toHex()).toBe(u8aToHex(stringToU8a(text)));
    expect(stored.toUtf8()).toBe(text);

    const longest = 'x'.repeat(4400);
    expect((await s.send(tx().setPoolDescription(pid, longest), alice)).error).toBeUndefined();
    expect((await s.api.query.phalaStakePool.poolDescriptions(pid)).unwrap().length).toBe(4400);
  });

  it('refuses an over-long description before it reaches the pallet', async () => {
    await expect(s.send(tx().setPoolDescription(pid, 'y'.repeat(4401)), alice)).rejects.toThrow(/4400/);
    expect((await s.api.query.phalaStakePool.poolDescriptions(pid)).unwrap().length).toBe(4400);
  });
});
