/**
 * Issue 18: a 2-of-3 multisig owning a stake pool, through stock @polkadot/api over a real socket: the first
 * approval opens the operation at a timepoint and reserves DepositBase + 2 × DepositFactor from its depositor, the
 * second signatory executes it with the call data (MultisigExecuted carries the inner result), cancel returns the
 * deposit, and the pallet's errors are FRAME's.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import { createKeyMulti, encodeAddress, sortAddresses } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdPid, openScenario, PHA, type Scenario } from '../helpers/stockApi.js';

/** What a direct remove_worker of an unknown worker by the owner fails with; the multisig must report the same. */
let REMOVE_UNKNOWN = '';

describe('Multisig: a 2-of-3 owned pool', () => {
  let s: Scenario;
  let alice: KeyringPair;
  let bob: KeyringPair;
  let charlie: KeyringPair;
  let multisig: string;
  let pid: number;
  const others = (me: KeyringPair) =>
    sortAddresses(
      [alice, bob, charlie].filter((k) => k !== me).map((k) => k.address),
      30,
    );
  const reserved = async (who: string) => (await s.api.query.system.account(who)).data.reserved.toBigInt();
  const maxWeight = { refTime: 1_000_000_000n, proofSize: 0n };

  beforeAll(async () => {
    s = await openScenario();
    ({ alice, bob, charlie } = s.keys);
    multisig = encodeAddress(createKeyMulti([alice.address, bob.address, charlie.address], 2), 30);
    await s.send(s.api.tx.balances.transfer(multisig, 100n * PHA), alice);
    // The multisig creates its pool like any other call: one approval by hash, then execution with the data.
    const create = s.api.tx.phalaStakePool.create();
    const first = await s.send(
      s.api.tx.multisig.approveAsMulti(2, others(alice), null, create.method.hash, maxWeight),
      alice,
    );
    const opened = first.decoded.find((e) => e.name === 'multisig.NewMultisig')!;
    expect(opened.data.multisig).toBe(multisig);
    const [{ when }] = [(await s.api.query.multisig.multisigs(multisig, create.method.hash)).unwrap()];
    const done = await s.send(
      s.api.tx.multisig.asMulti(2, others(bob), when, create.method.toHex(), false, maxWeight),
      bob,
    );
    pid = createdPid(done);
    const direct = await s.send(
      s.api.tx.phalaStakePool.removeWorker(
        createdPid(await s.send(s.api.tx.phalaStakePool.create(), alice)),
        `0x${'11'.repeat(32)}`,
      ),
      alice,
    );
    REMOVE_UNKNOWN = direct.error ?? 'no error';
    expect(REMOVE_UNKNOWN).toMatch(/^phalaStakePool\./);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the pool belongs to the multisig account', async () => {
    expect((await s.api.query.phalaStakePool.stakePools(pid)).unwrap().owner.toString()).toBe(multisig);
  });

  it('approve, then execute with the call data: deposit reserved then returned, result carried', async () => {
    const setPayout = s.api.tx.phalaStakePool.setPayoutPref(pid, 500_000);
    const before = await reserved(alice.address);
    const first = await s.send(
      s.api.tx.multisig.asMulti(2, others(alice), null, setPayout.method.toHex(), false, maxWeight),
      alice,
    );
    expect(first.events).toContain('multisig.NewMultisig');
    const base = s.api.consts.multisig.depositBase.toBigInt();
    const factor = s.api.consts.multisig.depositFactor.toBigInt();
    expect(base).toBe((103n * PHA) / 100n);
    expect(factor).toBe((32n * PHA) / 100n);
    expect((await reserved(alice.address)) - before).toBe(base + 2n * factor);
    const pending = (await s.api.query.multisig.multisigs(multisig, setPayout.method.hash)).unwrap();
    const when = pending.when;
    expect(when.height.toNumber()).toBe(await s.blockNumber(first.blockHash));
    expect(when.index.toNumber()).toBe(first.raw.txIndex);
    // the same signatory again, and a missing or wrong timepoint
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(2, others(alice), when, setPayout.method.hash, maxWeight),
          alice,
        )
      ).error,
    ).toBe('multisig.AlreadyApproved');
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(2, others(charlie), null, setPayout.method.hash, maxWeight),
          charlie,
        )
      ).error,
    ).toBe('multisig.NoTimepoint');
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(
            2,
            others(charlie),
            { height: 1, index: 9 },
            setPayout.method.hash,
            maxWeight,
          ),
          charlie,
        )
      ).error,
    ).toBe('multisig.WrongTimepoint');
    const executed = await s.send(
      s.api.tx.multisig.asMulti(2, others(charlie), when, setPayout.method.toHex(), false, maxWeight),
      charlie,
    );
    const event = executed.raw.events.find(
      ({ event }) => event.section === 'multisig' && event.method === 'MultisigExecuted',
    )!.event;
    expect((event.data as any).result.isOk).toBe(true);
    expect(
      (await s.api.query.phalaStakePool.stakePools(pid)).unwrap().payoutCommission.unwrap().toNumber(),
    ).toBe(500_000);
    expect(await reserved(alice.address)).toBe(before);
    expect((await s.api.query.multisig.multisigs(multisig, setPayout.method.hash)).isNone).toBe(true);
  });

  it('an inner failure is carried in MultisigExecuted.result as the pallet error', async () => {
    const bad = s.api.tx.phalaStakePool.removeWorker(pid, `0x${'11'.repeat(32)}`);
    await s.send(
      s.api.tx.multisig.asMulti(2, others(alice), null, bad.method.toHex(), false, maxWeight),
      alice,
    );
    const { when } = (await s.api.query.multisig.multisigs(multisig, bad.method.hash)).unwrap();
    const executed = await s.send(
      s.api.tx.multisig.asMulti(2, others(bob), when, bad.method.toHex(), false, maxWeight),
      bob,
    );
    expect(executed.error).toBeUndefined();
    const event = executed.raw.events.find(
      ({ event }) => event.section === 'multisig' && event.method === 'MultisigExecuted',
    )!.event;
    const result = (event.data as any).result;
    expect(result.isErr).toBe(true);
    const meta = s.api.registry.findMetaError(result.asErr.asModule);
    expect(`${meta.section}.${meta.name}`).toBe(REMOVE_UNKNOWN);
  });

  it('cancel: only the depositor, and the deposit comes back', async () => {
    const cap = s.api.tx.phalaStakePool.setCap(pid, 5000n * PHA);
    const before = await reserved(bob.address);
    await s.send(s.api.tx.multisig.approveAsMulti(2, others(bob), null, cap.method.hash, maxWeight), bob);
    const { when } = (await s.api.query.multisig.multisigs(multisig, cap.method.hash)).unwrap();
    expect(
      (await s.send(s.api.tx.multisig.cancelAsMulti(2, others(alice), when, cap.method.hash), alice)).error,
    ).toBe('multisig.NotOwner');
    const cancelled = await s.send(
      s.api.tx.multisig.cancelAsMulti(2, others(bob), when, cap.method.hash),
      bob,
    );
    expect(cancelled.events).toContain('multisig.MultisigCancelled');
    expect(await reserved(bob.address)).toBe(before);
    expect(
      (await s.send(s.api.tx.multisig.cancelAsMulti(2, others(bob), when, cap.method.hash), bob)).error,
    ).toBe('multisig.NotFound');
  });

  it('signatory lists are checked as FRAME does', async () => {
    const remark = s.api.tx.system.remark('0x01');
    const unsorted = [...others(alice)].reverse();
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(2, unsorted, null, remark.method.hash, maxWeight),
          alice,
        )
      ).error,
    ).toBe('multisig.SignatoriesOutOfOrder');
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(
            2,
            sortAddresses([alice.address, bob.address], 30),
            null,
            remark.method.hash,
            maxWeight,
          ),
          alice,
        )
      ).error,
    ).toBe('multisig.SenderInSignatories');
    expect(
      (
        await s.send(
          s.api.tx.multisig.approveAsMulti(1, others(alice), null, remark.method.hash, maxWeight),
          alice,
        )
      ).error,
    ).toBe('multisig.MinimumThreshold');
    expect(
      (await s.send(s.api.tx.multisig.approveAsMulti(2, [], null, remark.method.hash, maxWeight), alice))
        .error,
    ).toBe('multisig.TooFewSignatories');
    const one = await s.send(s.api.tx.multisig.asMultiThreshold1([bob.address], remark), alice);
    expect(one.error).toBeUndefined();
  });
});
