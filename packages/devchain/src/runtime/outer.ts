/**
 * The runtime's outer enums (RuntimeCall, RuntimeEvent, RuntimeError) and the types that embed them. Pallets
 * reference these before the runtime is assembled (Utility batches RuntimeCalls, System stores RuntimeEvents),
 * so they resolve lazily from the pallet list given to `setRuntimePallets`.
 */
import { enumType, lazy, type ScaleType, struct, vec } from '../scale/types.js';
import type { Pallet } from './pallet.js';
import { H256, Phase } from './primitives.js';

let pallets: Pallet<any, any, any>[] | undefined;

export const RUNTIME_PATH = 'khala_parachain_runtime';

export function setRuntimePallets(list: Pallet<any, any, any>[]): void {
  if (pallets) {
    const same = list.length === pallets.length && list.every((p, i) => p === pallets![i]);
    if (!same) throw new Error('the runtime pallet list is already fixed');
    return;
  }
  pallets = [...list].sort((a, b) => a.index - b.index);
}

export function runtimePallets(): Pallet<any, any, any>[] {
  if (!pallets) throw new Error('runtime pallets are not registered yet');
  return pallets;
}

function outerEnum(
  name: string,
  pick: (p: Pallet<any, any, any>) => ScaleType<any> | undefined,
  typeName: (p: Pallet<any, any, any>) => string,
): ScaleType<any> {
  const variants: Record<string, { index: number; fields: [readonly [ScaleType<any>, string]] }> = {};
  for (const p of runtimePallets()) {
    const inner = pick(p);
    if (inner) variants[p.name] = { index: p.index, fields: [[inner, typeName(p)]] };
  }
  return enumType(`${RUNTIME_PATH}::${name}`, variants);
}

const alias = (p: Pallet<any, any, any>) => p.spec.alias ?? p.spec.path.split('::')[0]!;
const generic = (generics: string[] | undefined) => (generics?.length === 0 ? '' : '<Runtime>');

export const RuntimeCall = lazy(() =>
  outerEnum(
    'RuntimeCall',
    (p) => p.callType,
    (p) =>
      `self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch\n::CallableCallFor<${p.name}, Runtime>`,
  ),
);
export const RuntimeEvent = lazy(() =>
  outerEnum(
    'RuntimeEvent',
    (p) => p.eventType,
    (p) => `${alias(p)}::Event${generic(p.spec.eventGenerics ?? p.spec.generics)}`,
  ),
);
export const RuntimeError = lazy(() =>
  outerEnum(
    'RuntimeError',
    (p) => p.errorType,
    (p) => `${alias(p)}::Error${generic(p.spec.generics)}`,
  ),
);

export const EventRecord = struct(
  'frame_system::EventRecord',
  { phase: [Phase, 'Phase'], event: [RuntimeEvent, 'E'], topics: [vec(H256), 'Vec<T>'] },
  {
    params: [
      ['E', RuntimeEvent],
      ['T', H256],
    ],
  },
);
export const EventRecords = vec(EventRecord);
