import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import {
  accountOf,
  bindPallets,
  callOf,
  eventNames,
  eventsOf,
  genesisExt,
  moduleError,
  NONE,
  ROOT,
  runCall,
  signed,
} from '../../../test/helpers/palletTest.js';
import type { Ext, RuntimeCallValue } from '../../runtime/ext.js';
import { badOrigin, call, definePallet } from '../../runtime/pallet.js';
import { storageOf } from '../../runtime/storage.js';
import { encode, u32 } from '../../scale/types.js';
import { Balances, freeBalance } from '../balances/index.js';
import { System } from '../system/index.js';
import { BATCHED_CALLS_LIMIT, derivativeAccount, OriginCaller, Utility } from './index.js';

const PHA = 10n ** 12n;
const ALICE = accountOf(0xa1);
const BOB = accountOf(0xb0);

/** A pallet whose calls write storage before they succeed or fail, to observe rollbacks. */
const probeStore = storageOf('Probe');
const Marks = probeStore.map('Marks', 'Twox64Concat', u32, { value: u32 });
const Probe = definePallet({
  name: 'Probe',
  index: 200,
  path: 'probe::pallet',
  storage: [Marks],
  calls: {
    mark: call({
      index: 0,
      args: { n: [u32, 'u32'] },
      dispatch(ext, _origin, { n }) {
        Marks.set(ext.state, n, n);
        Probe.emit(ext, 'Marked', { n });
      },
    }),
    mark_then_fail: call({
      index: 1,
      args: { n: [u32, 'u32'] },
      dispatch(ext, _origin, { n }) {
        Marks.set(ext.state, n, n);
        Probe.emit(ext, 'Marked', { n });
        throw Probe.error('Failed');
      },
    }),
    who_am_i: call({
      index: 2,
      args: {},
      dispatch(ext, origin) {
        Probe.emit(ext, 'Origin', { kind: origin.kind === 'signed' ? 1 : origin.kind === 'root' ? 0 : 2 });
      },
    }),
    root_only: call({
      index: 3,
      args: {},
      dispatch(_ext, origin) {
        if (origin.kind !== 'root') throw badOrigin();
      },
    }),
  },
  events: {
    Marked: { index: 0, fields: { n: [u32, 'u32'] } },
    Origin: { index: 1, fields: { kind: [u32, 'u32'] } },
  },
  errors: ['Failed'],
});

const PALLETS = [System, Utility, Balances, Probe];
const chain = () =>
  genesisExt(
    {
      endowed: [
        [ALICE, 100n * PHA],
        [BOB, 10n * PHA],
      ],
    },
    { pallets: PALLETS },
  );
const mark = (n: number) => callOf('Probe', 'mark', { n });
const fail = (n: number) => callOf('Probe', 'mark_then_fail', { n });
const batch = (kind: 'batch' | 'batch_all' | 'force_batch', calls: RuntimeCallValue[]) =>
  callOf('Utility', kind, { calls });
const FAILED = moduleError(Probe, 'Failed');
const marks = (ext: Ext) =>
  Marks.entries(ext.state)
    .map(([k]) => k)
    .sort();

describe('Utility.batch', () => {
  it('runs every call and reports each item', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('batch', [mark(1), mark(2)]))).toBeUndefined();
    expect(eventNames(ext)).toEqual([
      'Probe.Marked',
      'Utility.ItemCompleted',
      'Probe.Marked',
      'Utility.ItemCompleted',
      'Utility.BatchCompleted',
    ]);
    expect(marks(ext)).toEqual([1, 2]);
  });

  it('stops at the first failure, keeps the earlier calls, rolls back the failing one and still succeeds', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('batch', [mark(1), fail(2), mark(3)]))).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Probe.Marked', fields: { n: 1 } },
      { name: 'Utility.ItemCompleted', fields: {} },
      { name: 'Utility.BatchInterrupted', fields: { index: 1, error: FAILED } },
    ]);
    expect(marks(ext)).toEqual([1]);
  });

  it('an empty batch completes', () => {
    const ext = chain();
    expect(runCall(ext, NONE, batch('batch', []))).toBeUndefined();
    expect(eventNames(ext)).toEqual(['Utility.BatchCompleted']);
  });
});

describe('Utility.batch_all', () => {
  it('is all or nothing: a failure fails the whole call with the inner error', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('batch_all', [mark(1), fail(2), mark(3)]))).toEqual(FAILED);
    expect(ext.events).toEqual([]);
    expect(marks(ext)).toEqual([]);
  });

  it('reports each item and the completion when every call succeeds', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('batch_all', [mark(1), mark(2)]))).toBeUndefined();
    expect(eventNames(ext, 'Utility')).toEqual([
      'Utility.ItemCompleted',
      'Utility.ItemCompleted',
      'Utility.BatchCompleted',
    ]);
    expect(marks(ext)).toEqual([1, 2]);
  });

  it('cannot be nested by a signed origin, even through batch or a derivative', () => {
    const ext = chain();
    const nested = batch('batch_all', [mark(1), batch('batch_all', [mark(2)])]);
    expect(runCall(ext, signed(ALICE), nested)).toEqual(moduleError(System, 'CallFiltered'));

    const viaBatch = batch('batch_all', [mark(1), batch('batch', [batch('batch_all', [mark(2)])])]);
    expect(runCall(ext, signed(ALICE), viaBatch)).toBeUndefined();
    expect(eventsOf(ext, 'Utility')).toEqual([
      { name: 'Utility.ItemCompleted', fields: {} },
      { name: 'Utility.BatchInterrupted', fields: { index: 0, error: moduleError(System, 'CallFiltered') } },
      { name: 'Utility.ItemCompleted', fields: {} },
      { name: 'Utility.BatchCompleted', fields: {} },
    ]);
    expect(marks(ext)).toEqual([1]);

    const viaDerivative = batch('batch_all', [
      callOf('Utility', 'as_derivative', { index: 0, call: batch('batch_all', []) }),
    ]);
    expect(runCall(ext, signed(ALICE), viaDerivative)).toEqual(moduleError(System, 'CallFiltered'));
  });

  it('may be nested by root', () => {
    const ext = chain();
    expect(runCall(ext, ROOT, batch('batch_all', [batch('batch_all', [mark(7)])]))).toBeUndefined();
    expect(marks(ext)).toEqual([7]);
  });
});

describe('Utility.force_batch', () => {
  it('continues past failures, rolling each failed call back', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('force_batch', [fail(1), mark(2), fail(3)]))).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Utility.ItemFailed', fields: { error: FAILED } },
      { name: 'Probe.Marked', fields: { n: 2 } },
      { name: 'Utility.ItemCompleted', fields: {} },
      { name: 'Utility.ItemFailed', fields: { error: FAILED } },
      { name: 'Utility.BatchCompletedWithErrors', fields: {} },
    ]);
    expect(marks(ext)).toEqual([2]);
  });

  it('reports BatchCompleted when nothing failed', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), batch('force_batch', [mark(1)]))).toBeUndefined();
    expect(eventNames(ext).at(-1)).toBe('Utility.BatchCompleted');
  });
});

describe('batch limits and origins', () => {
  it.each(['batch', 'batch_all', 'force_batch'] as const)(
    '%s refuses more than batched_calls_limit calls',
    (kind) => {
      const ext = chain();
      const calls = Array.from({ length: BATCHED_CALLS_LIMIT + 1 }, () => mark(1));
      expect(runCall(ext, signed(ALICE), batch(kind, calls))).toEqual(moduleError(Utility, 'TooManyCalls'));
      expect(marks(ext)).toEqual([]);
    },
  );

  it('accepts exactly batched_calls_limit calls', () => {
    const ext = chain();
    const calls = Array.from({ length: BATCHED_CALLS_LIMIT }, (_, i) => mark(i % 3));
    expect(runCall(ext, signed(ALICE), batch('batch', calls))).toBeUndefined();
    expect(eventNames(ext).at(-1)).toBe('Utility.BatchCompleted');
  });

  it('passes the batch origin to every call: root calls fail for a signed batch and work for root', () => {
    const ext = chain();
    const rootOnly = callOf('Probe', 'root_only');
    expect(runCall(ext, signed(ALICE), batch('batch', [rootOnly]))).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Utility.BatchInterrupted', fields: { index: 0, error: 'BadOrigin' } },
    ]);
    ext.events.length = 0;
    expect(runCall(ext, ROOT, batch('batch', [rootOnly]))).toBeUndefined();
    expect(eventNames(ext)).toEqual(['Utility.ItemCompleted', 'Utility.BatchCompleted']);
  });

  it('transfers in a batch_all are undone together', () => {
    const ext = chain();
    const send = (value: bigint) =>
      callOf('Balances', 'transfer', { dest: { tag: 'Id', value: BOB }, value });
    expect(runCall(ext, signed(ALICE), batch('batch_all', [send(PHA), send(1000n * PHA)]))).toEqual(
      moduleError(Balances, 'InsufficientBalance'),
    );
    expect(freeBalance(ext.state, BOB)).toBe(10n * PHA);
  });
});

describe('Utility.as_derivative', () => {
  it('derives blake2_256("modlpy/utilisuba" ‖ who ‖ index LE)', () => {
    const expected = u8aToHex(
      blake2AsU8a(
        u8aConcat(stringToU8a('modlpy/utilisuba'), new Uint8Array(32).fill(0xa1), Uint8Array.of(0x02, 0x01)),
        256,
      ),
    );
    expect(derivativeAccount(ALICE, 0x0102)).toBe(expected);
    expect(derivativeAccount(ALICE, 0)).not.toBe(derivativeAccount(ALICE, 1));
  });

  it('dispatches as the derived account', () => {
    const ext = chain();
    const sub = derivativeAccount(ALICE, 7);
    const fund = callOf('Balances', 'transfer', { dest: { tag: 'Id', value: sub }, value: 5n * PHA });
    expect(runCall(ext, signed(ALICE), fund)).toBeUndefined();
    ext.events.length = 0;
    const spend = callOf('Balances', 'transfer', { dest: { tag: 'Id', value: BOB }, value: PHA });
    expect(
      runCall(ext, signed(ALICE), callOf('Utility', 'as_derivative', { index: 7, call: spend })),
    ).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Balances.Transfer', fields: { from: sub, to: BOB, amount: PHA } },
    ]);
  });

  it('needs a signed origin and fails with the inner error', () => {
    const ext = chain();
    expect(runCall(ext, ROOT, callOf('Utility', 'as_derivative', { index: 0, call: mark(1) }))).toBe(
      'BadOrigin',
    );
    expect(
      runCall(ext, signed(ALICE), callOf('Utility', 'as_derivative', { index: 0, call: fail(1) })),
    ).toEqual(FAILED);
    expect(marks(ext)).toEqual([]);
  });
});

describe('Utility.dispatch_as', () => {
  const as = (raw: unknown, inner: RuntimeCallValue) =>
    callOf('Utility', 'dispatch_as', { as_origin: { tag: 'system', value: raw }, call: inner });
  const whoAmI = callOf('Probe', 'who_am_i');

  it('is root only', () => {
    const ext = chain();
    expect(runCall(ext, signed(ALICE), as('Root', whoAmI))).toBe('BadOrigin');
  });

  it('dispatches with Root, Signed and None system origins', () => {
    const ext = chain();
    expect(runCall(ext, ROOT, as('Root', whoAmI))).toBeUndefined();
    expect(runCall(ext, ROOT, as({ tag: 'Signed', value: ALICE }, whoAmI))).toBeUndefined();
    expect(runCall(ext, ROOT, as({ tag: 'None' }, whoAmI))).toBeUndefined();
    const ok = { result: { success: true, value: [] } };
    expect(eventsOf(ext)).toEqual([
      { name: 'Probe.Origin', fields: { kind: 0 } },
      { name: 'Utility.DispatchedAs', fields: ok },
      { name: 'Probe.Origin', fields: { kind: 1 } },
      { name: 'Utility.DispatchedAs', fields: ok },
      { name: 'Probe.Origin', fields: { kind: 2 } },
      { name: 'Utility.DispatchedAs', fields: ok },
    ]);
  });

  it('reports the inner failure in DispatchedAs and succeeds itself', () => {
    const ext = chain();
    expect(runCall(ext, ROOT, as({ tag: 'Signed', value: ALICE }, fail(4)))).toBeUndefined();
    expect(eventsOf(ext)).toEqual([
      { name: 'Utility.DispatchedAs', fields: { result: { success: false, value: FAILED } } },
    ]);
    expect(marks(ext)).toEqual([]);
  });

  it('encodes OriginCaller as Khala does: system = 0, RawOrigin Root/Signed/None = 0/1/2', () => {
    expect(u8aToHex(encode(OriginCaller, { tag: 'system', value: 'Root' }))).toBe('0x0000');
    expect(u8aToHex(encode(OriginCaller, { tag: 'system', value: { tag: 'Signed', value: ALICE } }))).toBe(
      `0x0001${'a1'.repeat(32)}`,
    );
    expect(u8aToHex(encode(OriginCaller, { tag: 'system', value: 'None' }))).toBe('0x0002');
  });
});

describe('Utility declarations', () => {
  it('has an Event without generic parameters and the batched_calls_limit constant', () => {
    expect(Utility.eventType?.params).toEqual([]);
    const [bound] = bindPallets([Utility]).pallets;
    expect(bound!.constants.batched_calls_limit?.value).toBe(10922);
    expect(u8aToHex(encode(u32, BATCHED_CALLS_LIMIT))).toBe('0xaa2a0000');
  });
});
