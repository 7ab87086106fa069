/**
 * The runtime's outer enums (RuntimeCall, RuntimeEvent, RuntimeError) and the types that embed them. Each runtime
 * builds its own from its pallet list: pallets reference them before that list is complete (Utility batches
 * RuntimeCalls, System stores RuntimeEvents), so they resolve lazily from the list the runtime hands in.
 */
import { enumType, lazy, type ScaleType, struct, vec } from '../scale/types.js';
import type { EventRecordValue, RuntimeCallValue, RuntimeEventValue } from './ext.js';
import type { BoundPallet } from './pallet.js';
import { H256, Phase } from './primitives.js';

export const RUNTIME_PATH = 'khala_parachain_runtime';

export interface OuterTypes {
  readonly RuntimeCall: ScaleType<RuntimeCallValue>;
  readonly RuntimeEvent: ScaleType<RuntimeEventValue>;
  readonly RuntimeError: ScaleType<any>;
  readonly EventRecord: ScaleType<EventRecordValue>;
  readonly EventRecords: ScaleType<EventRecordValue[]>;
}

function outerEnum(
  pallets: readonly BoundPallet[],
  name: string,
  pick: (p: BoundPallet) => ScaleType<any> | undefined,
  typeName: (p: BoundPallet) => string,
): ScaleType<any> {
  const variants: Record<string, { index: number; fields: [readonly [ScaleType<any>, string]] }> = {};
  for (const p of pallets) {
    const inner = pick(p);
    if (inner) variants[p.name] = { index: p.index, fields: [[inner, typeName(p)]] };
  }
  return enumType(`${RUNTIME_PATH}::${name}`, variants);
}

const alias = (p: BoundPallet) => p.pallet.spec.alias ?? p.pallet.spec.path.split('::')[0]!;
const generic = (generics: string[] | undefined) => (generics?.length === 0 ? '' : '<Runtime>');

/**
 * The outer enums of one runtime. `pallets` is read on first use (after the runtime bound its pallets to these
 * types), sorted by pallet index.
 */
export function createOuterTypes(pallets: () => readonly BoundPallet[]): OuterTypes {
  const sorted = () => [...pallets()].sort((a, b) => a.index - b.index);
  const RuntimeCall = lazy(() =>
    outerEnum(
      sorted(),
      'RuntimeCall',
      (p) => p.callType,
      (p) =>
        `self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch\n::CallableCallFor<${p.name}, Runtime>`,
    ),
  ) as ScaleType<RuntimeCallValue>;
  const RuntimeEvent = lazy(() =>
    outerEnum(
      sorted(),
      'RuntimeEvent',
      (p) => p.eventType,
      (p) => `${alias(p)}::Event${generic(p.pallet.spec.eventGenerics ?? p.pallet.spec.generics)}`,
    ),
  ) as ScaleType<RuntimeEventValue>;
  const RuntimeError = lazy(() =>
    outerEnum(
      sorted(),
      'RuntimeError',
      (p) => p.errorType,
      (p) => `${alias(p)}::Error${generic(p.pallet.spec.generics)}`,
    ),
  );
  const EventRecord = struct(
    'frame_system::EventRecord',
    { phase: [Phase, 'Phase'], event: [RuntimeEvent, 'E'], topics: [vec(H256), 'Vec<T>'] },
    {
      params: [
        ['E', RuntimeEvent],
        ['T', H256],
      ],
    },
  ) as unknown as ScaleType<EventRecordValue>;
  return { RuntimeCall, RuntimeEvent, RuntimeError, EventRecord, EventRecords: vec(EventRecord) };
}
