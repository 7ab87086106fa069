import type { DispatchErrorValue } from '../../runtime/pallet.js';
import { AccountId32, DispatchErrorType } from '../../runtime/primitives.js';
import { enumType, type Hex, type ResultValue, result, unit } from '../../scale/types.js';

export type RawOriginValue =
  | 'Root'
  | 'None'
  | { tag: 'Root' | 'None'; value?: undefined }
  | { tag: 'Signed'; value: Hex };

/** `frame_system::RawOrigin<AccountId32>` (metadata path `frame_support::dispatch::RawOrigin` in Khala 1190). */
export const RawOrigin = enumType<any>(
  'frame_support::dispatch::RawOrigin',
  { Root: null, Signed: { fields: [[AccountId32, 'AccountId']] }, None: null },
  { params: [['AccountId', AccountId32]] },
);

/** The uninhabited `sp_core::Void`: the OriginCaller variant of pallets without an origin of their own. */
export const Void = enumType<string>('sp_core::Void', {});

/**
 * `khala_parachain_runtime::OriginCaller` (`T::PalletsOrigin`), limited to the origins this dev chain has: the system
 * origin (index 0) and `Void` (index 5). Khala's CumulusXcm (31), PolkadotXcm (33), Council (62) and
 * TechnicalCommittee (66) origins belong to pallets the dev chain does not run.
 */
export const OriginCaller = enumType<any>('khala_parachain_runtime::OriginCaller', {
  system: { index: 0, fields: [[RawOrigin, 'frame_system::Origin<Runtime>']] },
  Void: {
    index: 5,
    fields: [[Void, 'self::sp_api_hidden_includes_construct_runtime::hidden_include::Void']],
  },
});
export type OriginCallerValue = { tag: 'system'; value: RawOriginValue };

/** `DispatchResult` = `Result<(), DispatchError>`. */
export const DispatchResult = result(unit, DispatchErrorType);
export type DispatchResultValue = ResultValue<[], DispatchErrorValue>;
