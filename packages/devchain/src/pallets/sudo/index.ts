/**
 * A dev-only pallet_sudo (FRAME polkadot-v0.9.30) at index 99, the slot Khala kept for it after removing it from
 * production. One key may dispatch any call as Root (or as any signed account), which is how tests reach Phala's
 * root-only calls.
 */
import { lookupAddress } from '../../runtime/accounts.js';
import type { Ext, RuntimeCallValue } from '../../runtime/ext.js';
import { badOrigin, call, definePallet, type Origin } from '../../runtime/pallet.js';
import { AccountId32, MultiAddress, Weight } from '../../runtime/primitives.js';
import { storageOf } from '../../runtime/storage.js';
import { type Hex, option, type ScaleType } from '../../scale/types.js';
import { dispatchInner } from '../utility/index.js';
import { DispatchResult, type DispatchResultValue } from '../utility/types.js';

const store = storageOf('Sudo');

export const Key = store.value('Key', { value: AccountId32, docs: [' The `AccountId` of the sudo key.'] });

export function sudoKey(state: Ext['state']): Hex | undefined {
  return Key.get(state);
}

function ensureSudo(ext: Ext, origin: Origin): Hex {
  if (origin.kind !== 'signed') throw badOrigin();
  if (Key.get(ext.state) !== origin.who) throw Sudo.error('RequireSudo');
  return origin.who;
}

function run(ext: Ext, origin: Origin, inner: RuntimeCallValue): DispatchResultValue {
  const error = dispatchInner(ext, origin, inner);
  return error === undefined ? { success: true, value: [] } : { success: false, value: error };
}

const boxedCall = (RuntimeCall: ScaleType<RuntimeCallValue>) =>
  [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] as const;
const lookupArg = [MultiAddress, 'AccountIdLookupOf<T>'] as const;

export const Sudo = definePallet({
  name: 'Sudo',
  index: 99,
  path: 'pallet_sudo::pallet',
  alias: 'pallet_sudo',
  storage: [Key],
  calls: ({ RuntimeCall }) => ({
    sudo: call({
      index: 0,
      args: { call: boxedCall(RuntimeCall) },
      docs: [
        'Authenticates the sudo key and dispatches a function call with `Root` origin.',
        '',
        'The dispatch origin for this call must be _Signed_.',
        '',
        '# <weight>',
        '- O(1).',
        '- Limited storage reads.',
        '- One DB write (event).',
        '- Weight of derivative `call` execution + 10,000.',
        '# </weight>',
      ],
      dispatch(ext, origin, { call: inner }) {
        ensureSudo(ext, origin);
        Sudo.emit(ext, 'Sudid', { sudo_result: run(ext, { kind: 'root' }, inner) as never });
      },
    }),
    sudo_unchecked_weight: call({
      index: 1,
      args: { call: boxedCall(RuntimeCall), weight: [Weight, 'Weight'] },
      docs: [
        'Authenticates the sudo key and dispatches a function call with `Root` origin.',
        'This function does not check the weight of the call, and instead allows the',
        'Sudo user to specify the weight of the call.',
        '',
        'The dispatch origin for this call must be _Signed_.',
        '',
        '# <weight>',
        '- O(1).',
        '- The weight of this call is defined by the caller.',
        '# </weight>',
      ],
      weight: (args) => args.weight.ref_time,
      dispatch(ext, origin, { call: inner }) {
        ensureSudo(ext, origin);
        Sudo.emit(ext, 'Sudid', { sudo_result: run(ext, { kind: 'root' }, inner) as never });
      },
    }),
    set_key: call({
      index: 2,
      args: { new: lookupArg },
      docs: [
        'Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo',
        'key.',
        '',
        'The dispatch origin for this call must be _Signed_.',
        '',
        '# <weight>',
        '- O(1).',
        '- Limited storage reads.',
        '- One DB change.',
        '# </weight>',
      ],
      dispatch(ext, origin, args) {
        ensureSudo(ext, origin);
        const next = lookupAddress(args.new);
        Sudo.emit(ext, 'KeyChanged', { old_sudoer: Key.get(ext.state) });
        Key.set(ext.state, next);
      },
    }),
    sudo_as: call({
      index: 3,
      args: { who: lookupArg, call: boxedCall(RuntimeCall) },
      docs: [
        'Authenticates the sudo key and dispatches a function call with `Signed` origin from',
        'a given account.',
        '',
        'The dispatch origin for this call must be _Signed_.',
        '',
        '# <weight>',
        '- O(1).',
        '- Limited storage reads.',
        '- One DB write (event).',
        '- Weight of derivative `call` execution + 10,000.',
        '# </weight>',
      ],
      dispatch(ext, origin, { who, call: inner }) {
        ensureSudo(ext, origin);
        const target = lookupAddress(who);
        Sudo.emit(ext, 'SudoAsDone', {
          sudo_result: run(ext, { kind: 'signed', who: target }, inner) as never,
        });
      },
    }),
  }),
  events: {
    Sudid: {
      index: 0,
      fields: { sudo_result: [DispatchResult, 'DispatchResult'] },
      docs: ['A sudo just took place. \\[result\\]'],
    },
    KeyChanged: {
      index: 1,
      fields: { old_sudoer: [option(AccountId32), 'Option<T::AccountId>'] },
      docs: ['The \\[sudoer\\] just switched identity; the old key is supplied if one existed.'],
    },
    SudoAsDone: {
      index: 2,
      fields: { sudo_result: [DispatchResult, 'DispatchResult'] },
      docs: ['A sudo just took place. \\[result\\]'],
    },
  },
  errors: [['RequireSudo', 'Sender must be the Sudo account']],
  genesis(ext, config) {
    if (config.sudoKey !== null) Key.set(ext.state, config.sudoKey.toLowerCase() as Hex);
  },
});
