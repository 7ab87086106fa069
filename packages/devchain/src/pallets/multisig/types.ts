import type { RuntimeCallValue } from '../../runtime/ext.js';
import { AccountId32 } from '../../runtime/primitives.js';
import { bytes, compact, type Hex, type ScaleType, struct, u32, u128, vec } from '../../scale/types.js';

export interface TimepointValue {
  height: number;
  index: number;
}
export const Timepoint = struct(
  'pallet_multisig::Timepoint',
  { height: [u32, 'BlockNumber'], index: [u32, 'u32'] },
  { params: [['BlockNumber', u32]] },
);

export interface MultisigValue {
  when: TimepointValue;
  deposit: bigint;
  depositor: Hex;
  approvals: Hex[];
}
export const Multisig = struct(
  'pallet_multisig::Multisig',
  {
    when: [Timepoint, 'Timepoint<BlockNumber>'],
    deposit: [u128, 'Balance'],
    depositor: [AccountId32, 'AccountId'],
    approvals: [vec(AccountId32), 'Vec<AccountId>'],
  },
  {
    params: [
      ['BlockNumber', u32],
      ['Balance', u128],
      ['AccountId', AccountId32],
    ],
  },
);

/**
 * `WrapperKeepOpaque<RuntimeCall>`: the call's SCALE bytes behind a compact length, decoded only when executed, so
 * approvals carrying undecodable data still store their hash. Its value here is the raw call bytes.
 */
export function opaqueCallType(RuntimeCall: ScaleType<RuntimeCallValue>): ScaleType<Hex> {
  return {
    def: { kind: 'composite', fields: [{ type: compact(u32) }, { type: RuntimeCall, typeName: 'T' }] },
    path: ['frame_support', 'traits', 'misc', 'WrapperKeepOpaque'],
    params: [{ name: 'T', type: RuntimeCall }],
    docs: [],
    codec: bytes.codec,
  };
}
