/**
 * pallet_utility at FRAME polkadot-v0.9.30: batches, derivative (pseudonym) accounts and `dispatch_as`. Every inner
 * call runs in its own storage layer, so a failing call leaves nothing behind while earlier ones stay.
 */
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { inheritFilters, markOrigin, originHasMark } from '../../runtime/callFilter.js';
import type { Ext, RuntimeCallValue } from '../../runtime/ext.js';
import {
  badOrigin,
  call,
  DispatchError,
  type DispatchErrorValue,
  definePallet,
  type Origin,
} from '../../runtime/pallet.js';
import { DispatchErrorType } from '../../runtime/primitives.js';
import { type Hex, type ScaleType, u16, u32, vec } from '../../scale/types.js';
import { System } from '../system/index.js';
import { DispatchResult, type DispatchResultValue, OriginCaller, type OriginCallerValue } from './types.js';

export * from './types.js';

/** `allocator_limit / margin_factor / size_of::<RuntimeCall>()` for Khala 1190, read from its metadata. */
export const BATCHED_CALLS_LIMIT = 10922;

/** `blake2_256(b"modlpy/utilisuba" ‖ who ‖ index as u16 LE)`: the account `as_derivative` acts as. */
export function derivativeAccount(who: Hex, index: number): Hex {
  const entropy = u8aConcat(stringToU8a('modlpy/utilisuba'), hexToU8a(who), u16.codec.enc(index));
  return u8aToHex(blake2AsU8a(entropy, 256)) as Hex;
}

/**
 * Origins carrying the filter `batch_all` adds for non-root callers ("no nested batch_all"). FRAME attaches it to a
 * clone of the origin, so it follows that origin into nested batches and derivatives but not into fresh origins
 * (sudo, dispatch_as).
 */
const NO_NESTED_BATCH_ALL = Symbol('noNestedBatchAll');

function withFilterOf(parent: Origin, child: Origin): Origin {
  return inheritFilters(parent, child);
}

/** Dispatches one inner call in its own storage layer; returns its error, or undefined on success. */
export function dispatchInner(
  ext: Ext,
  origin: Origin,
  inner: RuntimeCallValue,
): DispatchErrorValue | undefined {
  try {
    ext.transactional(() => ext.dispatch(origin, inner));
    return undefined;
  } catch (error) {
    // Anything but a DispatchError is a defect (a panic in a real runtime), not a call outcome.
    if (error instanceof DispatchError) return error.error;
    throw error;
  }
}

function resultOf(error: DispatchErrorValue | undefined): DispatchResultValue {
  return error === undefined ? { success: true, value: [] } : { success: false, value: error };
}

function checkCount(calls: RuntimeCallValue[]): void {
  if (calls.length > BATCHED_CALLS_LIMIT) throw Utility.error('TooManyCalls');
}

/** The dev chain's origins for `OriginCaller::system(RawOrigin)`. */
export function originFromCaller(caller: OriginCallerValue): Origin {
  if (caller.tag !== 'system') throw badOrigin();
  const raw = caller.value;
  const tag = typeof raw === 'string' ? raw : raw.tag;
  if (tag === 'Root') return { kind: 'root' };
  if (tag === 'None') return { kind: 'none' };
  if (tag === 'Signed' && typeof raw === 'object' && typeof raw.value === 'string')
    return { kind: 'signed', who: raw.value };
  throw badOrigin();
}

type CallType = ScaleType<RuntimeCallValue>;
const callsArg = (RuntimeCall: CallType) => [vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>'] as const;
const boxedCall = (RuntimeCall: CallType) => [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] as const;
const batchDocsHead = [
  'May be called from any origin.',
  '',
  '- `calls`: The calls to be dispatched from the same origin. The number of call must not',
  '  exceed the constant: `batched_calls_limit` (available in constant metadata).',
  '',
  'If origin is root then call are dispatch without checking origin filter. (This includes',
  'bypassing `frame_system::Config::BaseCallFilter`).',
  '',
  '# <weight>',
  '- Complexity: O(C) where C is the number of calls to be batched.',
  '# </weight>',
];

export const Utility = definePallet({
  name: 'Utility',
  index: 3,
  path: 'pallet_utility::pallet',
  alias: 'pallet_utility',
  eventGenerics: [],
  calls: ({ RuntimeCall }) => ({
    batch: call({
      index: 0,
      args: { calls: callsArg(RuntimeCall) },
      docs: [
        'Send a batch of dispatch calls.',
        '',
        ...batchDocsHead,
        '',
        'This will return `Ok` in all circumstances. To determine the success of the batch, an',
        'event is deposited. If a call failed and the batch was interrupted, then the',
        '`BatchInterrupted` event is deposited, along with the number of successful calls made',
        'and the error of the failed call. If all were successful, then the `BatchCompleted`',
        'event is deposited.',
      ],
      dispatch(ext, origin, { calls }) {
        checkCount(calls);
        for (const [index, inner] of calls.entries()) {
          const error = dispatchInner(ext, origin, inner);
          if (error !== undefined) {
            Utility.emit(ext, 'BatchInterrupted', { index, error: error as never });
            return;
          }
          Utility.emit(ext, 'ItemCompleted', {});
        }
        Utility.emit(ext, 'BatchCompleted', {});
      },
    }),
    as_derivative: call({
      index: 1,
      args: { index: [u16, 'u16'], call: boxedCall(RuntimeCall) },
      docs: [
        'Send a call through an indexed pseudonym of the sender.',
        '',
        'Filter from origin are passed along. The call will be dispatched with an origin which',
        'use the same filter as the origin of this call.',
        '',
        'NOTE: If you need to ensure that any account-based filtering is not honored (i.e.',
        'because you expect `proxy` to have been used prior in the call stack and you do not want',
        'the call restrictions to apply to any sub-accounts), then use `as_multi_threshold_1`',
        'in the Multisig pallet instead.',
        '',
        'NOTE: Prior to version *12, this was called `as_limited_sub`.',
        '',
        'The dispatch origin for this call must be _Signed_.',
      ],
      dispatch(ext, origin, { index, call: inner }) {
        if (origin.kind !== 'signed') throw badOrigin();
        const pseudonym = withFilterOf(origin, { kind: 'signed', who: derivativeAccount(origin.who, index) });
        const error = dispatchInner(ext, pseudonym, inner);
        if (error !== undefined) throw new DispatchError(error);
      },
    }),
    batch_all: call({
      index: 2,
      args: { calls: callsArg(RuntimeCall) },
      docs: [
        'Send a batch of dispatch calls and atomically execute them.',
        'The whole transaction will rollback and fail if any of the calls failed.',
        '',
        ...batchDocsHead,
      ],
      dispatch(ext, origin, { calls }) {
        if (originHasMark(origin, NO_NESTED_BATCH_ALL)) throw System.error('CallFiltered');
        checkCount(calls);
        let innerOrigin = origin;
        if (origin.kind !== 'root') {
          innerOrigin = inheritFilters(origin, { ...origin });
          markOrigin(innerOrigin, NO_NESTED_BATCH_ALL);
        }
        for (const inner of calls) {
          const error = dispatchInner(ext, innerOrigin, inner);
          // The executive's layer for this call discards the earlier items and their events.
          if (error !== undefined) throw new DispatchError(error);
          Utility.emit(ext, 'ItemCompleted', {});
        }
        Utility.emit(ext, 'BatchCompleted', {});
      },
    }),
    dispatch_as: call({
      index: 3,
      args: { as_origin: [OriginCaller, 'Box<T::PalletsOrigin>'], call: boxedCall(RuntimeCall) },
      docs: [
        'Dispatches a function call with a provided origin.',
        '',
        'The dispatch origin for this call must be _Root_.',
        '',
        '# <weight>',
        '- O(1).',
        '- Limited storage reads.',
        '- One DB write (event).',
        '- Weight of derivative `call` execution + T::WeightInfo::dispatch_as().',
        '# </weight>',
      ],
      dispatch(ext, origin, { as_origin, call: inner }) {
        if (origin.kind !== 'root') throw badOrigin();
        const error = dispatchInner(ext, originFromCaller(as_origin), inner);
        Utility.emit(ext, 'DispatchedAs', { result: resultOf(error) as never });
      },
    }),
    force_batch: call({
      index: 4,
      args: { calls: callsArg(RuntimeCall) },
      docs: [
        'Send a batch of dispatch calls.',
        "Unlike `batch`, it allows errors and won't interrupt.",
        '',
        ...batchDocsHead,
      ],
      dispatch(ext, origin, { calls }) {
        checkCount(calls);
        let failed = false;
        for (const inner of calls) {
          const error = dispatchInner(ext, origin, inner);
          if (error === undefined) Utility.emit(ext, 'ItemCompleted', {});
          else {
            failed = true;
            Utility.emit(ext, 'ItemFailed', { error: error as never });
          }
        }
        Utility.emit(ext, failed ? 'BatchCompletedWithErrors' : 'BatchCompleted', {});
      },
    }),
  }),
  events: {
    BatchInterrupted: {
      index: 0,
      fields: { index: [u32, 'u32'], error: [DispatchErrorType, 'DispatchError'] },
      docs: [
        'Batch of dispatches did not complete fully. Index of first failing dispatch given, as',
        'well as the error.',
      ],
    },
    BatchCompleted: { index: 1, fields: {}, docs: ['Batch of dispatches completed fully with no error.'] },
    BatchCompletedWithErrors: {
      index: 2,
      fields: {},
      docs: ['Batch of dispatches completed but has errors.'],
    },
    ItemCompleted: {
      index: 3,
      fields: {},
      docs: ['A single item within a Batch of dispatches has completed with no error.'],
    },
    ItemFailed: {
      index: 4,
      fields: { error: [DispatchErrorType, 'DispatchError'] },
      docs: ['A single item within a Batch of dispatches has completed with error.'],
    },
    DispatchedAs: {
      index: 5,
      fields: { result: [DispatchResult, 'DispatchResult'] },
      docs: ['A call was dispatched.'],
    },
  },
  errors: [['TooManyCalls', 'Too many calls batched.']],
  constants: {
    batched_calls_limit: {
      type: u32,
      value: BATCHED_CALLS_LIMIT,
      docs: [' The limit on the number of batched calls.'],
    },
  },
});
