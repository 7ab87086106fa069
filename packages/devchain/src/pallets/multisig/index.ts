/**
 * pallet_multisig at FRAME polkadot-v0.9.30: a deterministic account for (signatories, threshold) dispatches a call
 * once `threshold` signatories approved it. The first approval opens the operation at a timepoint (block, extrinsic
 * index) and reserves the deposit from its depositor; execution or cancellation returns it.
 */
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import type { Ext, RuntimeCallValue } from '../../runtime/ext.js';
import { badOrigin, call, DispatchError, definePallet, type Origin } from '../../runtime/pallet.js';
import { AccountId32, Weight } from '../../runtime/primitives.js';

/**
 * `max_weight` uses the dev chain's one `Weight` (ref_time and proof_size, as System's DispatchInfo), not Khala
 * 1190's ref_time-only struct: stock @polkadot/api names types by path, and two shapes under one path make it
 * decode events with the wrong one.
 */
const MaxWeight = Weight;

import { storageOf } from '../../runtime/storage.js';
import {
  bool,
  byteArray,
  decodeAll,
  type Hex,
  option,
  type ScaleType,
  tuple,
  u16,
  u128,
  unit,
  vec,
} from '../../scale/types.js';
import { reserve, unreserve } from '../balances/index.js';
import { dispatchInner } from '../utility/index.js';
import { DispatchResult } from '../utility/types.js';
import { docsOf } from './docs.js';
import {
  Multisig as MultisigType,
  type MultisigValue,
  opaqueCallType,
  Timepoint,
  type TimepointValue,
} from './types.js';

export * from './types.js';

const CENTS = 10n ** 10n;
export const DEPOSIT_BASE = 15n * CENTS + 88n * CENTS;
export const DEPOSIT_FACTOR = 32n * CENTS;
export const MAX_SIGNATORIES = 100;

const store = storageOf('Multisig');
const Bytes32 = byteArray(32);
export const Multisigs = store.nmap<[Hex, Hex], MultisigValue>(
  'Multisigs',
  ['Twox64Concat', 'Blake2_128Concat'],
  [AccountId32, Bytes32],
  {
    value: MultisigType,
    docs: docsOf('storage:Multisigs'),
  },
);
/** `Calls`, declared with one runtime's RuntimeCall inside its `OpaqueCall` (the bytes are the same in all). */
function callsStorage(RuntimeCall: ScaleType<RuntimeCallValue>) {
  return store.map('Calls', 'Identity', Bytes32, {
    value: tuple(opaqueCallType(RuntimeCall), AccountId32, u128),
    docs: docsOf('storage:Calls'),
  });
}
/**
 * Reads and writes `Calls`: the value is stored as opaque bytes, so the codec needs no RuntimeCall (the runtime's
 * own declaration of the item, for its metadata, is `callsStorage(RuntimeCall)`).
 */
export const Calls = callsStorage(unit as unknown as ScaleType<RuntimeCallValue>);

/** `blake2_256(b"modlpy/utilisuba" ‖ sorted signatories ‖ threshold)`: the multisig's account. */
export function multiAccountId(signatories: Hex[], threshold: number): Hex {
  const sorted = [...signatories].sort();
  const entropy = u8aConcat(
    stringToU8a('modlpy/utilisuba'),
    vec(AccountId32).codec.enc(sorted),
    u16.codec.enc(threshold),
  );
  return u8aToHex(blake2AsU8a(entropy, 256)) as Hex;
}

function signer(origin: Origin): Hex {
  if (origin.kind !== 'signed') throw badOrigin();
  return origin.who;
}

/** FRAME's `ensure_sorted_and_insert`: others strictly ascending and without the sender. */
function sortedSignatories(others: Hex[], who: Hex): Hex[] {
  for (let i = 1; i < others.length; i++)
    if (others[i - 1]! >= others[i]!) throw Multisig.error('SignatoriesOutOfOrder');
  if (others.includes(who)) throw Multisig.error('SenderInSignatories');
  return [...others, who].sort();
}

function checkCounts(others: Hex[]): void {
  if (others.length === 0) throw Multisig.error('TooFewSignatories');
  if (others.length >= MAX_SIGNATORIES) throw Multisig.error('TooManySignatories');
}

function timepointNow(ext: Ext): TimepointValue {
  return { height: ext.blockNumber, index: typeof ext.phase === 'object' ? ext.phase.value : 0 };
}

const sameTimepoint = (a: TimepointValue, b: TimepointValue) => a.height === b.height && a.index === b.index;

function resultOf(error: ReturnType<typeof dispatchInner>) {
  return (error === undefined ? { success: true, value: [] } : { success: false, value: error }) as never;
}

type CallOrHash = { data: Hex; store: boolean } | { hash: Hex };

function operate(
  RuntimeCall: ScaleType<RuntimeCallValue>,
  ext: Ext,
  who: Hex,
  threshold: number,
  others: Hex[],
  maybeTimepoint: TimepointValue | undefined,
  what: CallOrHash,
): void {
  if (threshold < 2) throw Multisig.error('MinimumThreshold');
  checkCounts(others);
  const signatories = sortedSignatories(others, who);
  const id = multiAccountId(signatories, threshold);
  const hash = ('data' in what ? blake2AsHex(what.data, 256) : what.hash) as Hex;
  const given = 'data' in what ? what.data : undefined;
  const existing = Multisigs.get(ext.state, id, hash);
  if (existing) {
    if (!maybeTimepoint) throw Multisig.error('NoTimepoint');
    if (!sameTimepoint(existing.when, maybeTimepoint)) throw Multisig.error('WrongTimepoint');
    const alreadyApproved = existing.approvals.includes(who);
    const approvals = existing.approvals.length + (alreadyApproved ? 0 : 1);
    const data = given ?? Calls.get(ext.state, hash)?.[0];
    if (data !== undefined && approvals >= threshold) {
      const inner = decodeAll(RuntimeCall, data) as RuntimeCallValue;
      clearCall(ext, hash);
      Multisigs.remove(ext.state, id, hash);
      unreserve(ext, existing.depositor, existing.deposit);
      const error = dispatchInner(ext, { kind: 'signed', who: id }, inner);
      Multisig.emit(ext, 'MultisigExecuted', {
        approving: who,
        timepoint: existing.when,
        multisig: id,
        call_hash: hash,
        result: resultOf(error),
      });
      return;
    }
    const stored = storeCall(ext, who, hash, what);
    if (!alreadyApproved) {
      Multisigs.set(ext.state, { ...existing, approvals: [...existing.approvals, who].sort() }, id, hash);
      Multisig.emit(ext, 'MultisigApproval', {
        approving: who,
        timepoint: existing.when,
        multisig: id,
        call_hash: hash,
      });
    } else if (!stored) throw Multisig.error('AlreadyApproved');
    return;
  }
  if (maybeTimepoint) throw Multisig.error('UnexpectedTimepoint');
  const deposit = DEPOSIT_BASE + DEPOSIT_FACTOR * BigInt(threshold);
  storeCall(ext, who, hash, what);
  reserve(ext, who, deposit);
  Multisigs.set(ext.state, { when: timepointNow(ext), deposit, depositor: who, approvals: [who] }, id, hash);
  Multisig.emit(ext, 'NewMultisig', { approving: who, multisig: id, call_hash: hash });
}

/** `store_call_and_reserve`: keeps the call data on chain (deposit per 32 bytes) when asked and not yet stored. */
function storeCall(ext: Ext, who: Hex, hash: Hex, what: CallOrHash): boolean {
  if (!('data' in what) || !what.store || Calls.has(ext.state, hash)) return false;
  const deposit = DEPOSIT_BASE + DEPOSIT_FACTOR * BigInt(Math.floor((hexToU8a(what.data).length + 31) / 32));
  reserve(ext, who, deposit);
  Calls.set(ext.state, hash, [what.data, who, deposit]);
  return true;
}

function clearCall(ext: Ext, hash: Hex): void {
  const stored = Calls.get(ext.state, hash);
  if (!stored) return;
  Calls.remove(ext.state, hash);
  unreserve(ext, stored[1], stored[2]);
}

const othersArg = [vec(AccountId32), 'Vec<T::AccountId>'] as const;
const thresholdArg = [u16, 'u16'] as const;
const maybeTimepointArg = [option(Timepoint), 'Option<Timepoint<T::BlockNumber>>'] as const;
const account = [AccountId32, 'T::AccountId'] as const;
const timepointArg = [Timepoint, 'Timepoint<T::BlockNumber>'] as const;
const hashArg = [Bytes32, '[u8; 32]'] as const;
const eventHash = [Bytes32, 'CallHash'] as const;

export const Multisig = definePallet({
  name: 'Multisig',
  index: 4,
  path: 'pallet_multisig::pallet',
  alias: 'pallet_multisig',
  storage: ({ RuntimeCall }) => [Multisigs, callsStorage(RuntimeCall)],
  calls: ({ RuntimeCall }) => ({
    as_multi_threshold_1: call({
      index: 0,
      args: { other_signatories: othersArg, call: [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] },
      docs: docsOf('calls:as_multi_threshold_1'),
      dispatch(ext, origin, { other_signatories, call: inner }) {
        const who = signer(origin);
        checkCounts(other_signatories);
        const id = multiAccountId(sortedSignatories(other_signatories, who), 1);
        // FRAME returns the inner call's result as this call's own: no event.
        const error = dispatchInner(ext, { kind: 'signed', who: id }, inner);
        if (error !== undefined) throw new DispatchError(error);
      },
    }),
    as_multi: call({
      index: 1,
      args: {
        threshold: thresholdArg,
        other_signatories: othersArg,
        maybe_timepoint: maybeTimepointArg,
        call: [opaqueCallType(RuntimeCall), 'OpaqueCall<T>'],
        store_call: [bool, 'bool'],
        max_weight: [MaxWeight, 'Weight'],
      },
      docs: docsOf('calls:as_multi'),
      dispatch(ext, origin, { threshold, other_signatories, maybe_timepoint, call: data, store_call }) {
        operate(RuntimeCall, ext, signer(origin), threshold, other_signatories, maybe_timepoint, {
          data,
          store: store_call,
        });
      },
    }),
    approve_as_multi: call({
      index: 2,
      args: {
        threshold: thresholdArg,
        other_signatories: othersArg,
        maybe_timepoint: maybeTimepointArg,
        call_hash: hashArg,
        max_weight: [MaxWeight, 'Weight'],
      },
      docs: docsOf('calls:approve_as_multi'),
      dispatch(ext, origin, { threshold, other_signatories, maybe_timepoint, call_hash }) {
        operate(RuntimeCall, ext, signer(origin), threshold, other_signatories, maybe_timepoint, {
          hash: call_hash,
        });
      },
    }),
    cancel_as_multi: call({
      index: 3,
      args: {
        threshold: thresholdArg,
        other_signatories: othersArg,
        timepoint: timepointArg,
        call_hash: hashArg,
      },
      docs: docsOf('calls:cancel_as_multi'),
      dispatch(ext, origin, { threshold, other_signatories, timepoint, call_hash }) {
        const who = signer(origin);
        if (threshold < 2) throw Multisig.error('MinimumThreshold');
        checkCounts(other_signatories);
        const id = multiAccountId(sortedSignatories(other_signatories, who), threshold);
        const m = Multisigs.get(ext.state, id, call_hash);
        if (!m) throw Multisig.error('NotFound');
        if (!sameTimepoint(m.when, timepoint)) throw Multisig.error('WrongTimepoint');
        if (m.depositor !== who) throw Multisig.error('NotOwner');
        unreserve(ext, m.depositor, m.deposit);
        Multisigs.remove(ext.state, id, call_hash);
        clearCall(ext, call_hash);
        Multisig.emit(ext, 'MultisigCancelled', { cancelling: who, timepoint, multisig: id, call_hash });
      },
    }),
  }),
  events: {
    NewMultisig: {
      index: 0,
      fields: { approving: account, multisig: account, call_hash: eventHash },
      docs: docsOf('events:NewMultisig'),
    },
    MultisigApproval: {
      index: 1,
      fields: { approving: account, timepoint: timepointArg, multisig: account, call_hash: eventHash },
      docs: docsOf('events:MultisigApproval'),
    },
    MultisigExecuted: {
      index: 2,
      fields: {
        approving: account,
        timepoint: timepointArg,
        multisig: account,
        call_hash: eventHash,
        result: [DispatchResult, 'DispatchResult'],
      },
      docs: docsOf('events:MultisigExecuted'),
    },
    MultisigCancelled: {
      index: 3,
      fields: { cancelling: account, timepoint: timepointArg, multisig: account, call_hash: eventHash },
      docs: docsOf('events:MultisigCancelled'),
    },
  },
  errors: (
    [
      'MinimumThreshold',
      'AlreadyApproved',
      'NoApprovalsNeeded',
      'TooFewSignatories',
      'TooManySignatories',
      'SignatoriesOutOfOrder',
      'SenderInSignatories',
      'NotFound',
      'NotOwner',
      'NoTimepoint',
      'WrongTimepoint',
      'UnexpectedTimepoint',
      'MaxWeightTooLow',
      'AlreadyStored',
    ] as const
  ).map((e) => [e, docsOf(`errors:${e}`).join('\n')] as const),
  constants: {
    DepositBase: { type: u128, value: DEPOSIT_BASE, docs: docsOf('constant:DepositBase') },
    DepositFactor: { type: u128, value: DEPOSIT_FACTOR, docs: docsOf('constant:DepositFactor') },
    MaxSignatories: { type: u16, value: MAX_SIGNATORIES, docs: docsOf('constant:MaxSignatories') },
  },
});
