import type { SpRuntimeDispatchError } from '@phala-mining/types';
import type { ApiPromise } from '@polkadot/api';
import { bool, Compact, Enum, Int, Option, Tuple, UInt, Vec, VecFixed } from '@polkadot/types';
import type { Event } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { DispatchError, type MiningError, PalletError } from '../errors/index.js';

/** An event with its fields as plain values (bigint integers, SS58 accounts, 0x-hex keys). */
export interface DecodedEvent {
  /** pallet, e.g. `phalaStakePool` */
  section: string;
  /** event name, e.g. `PoolCreated` */
  method: string;
  /** fields by name (tuple-style events: by position "0", "1", …) */
  data: Record<string, unknown>;
  /**
   * The event as @polkadot/api decoded it, typed by @phala-mining/types: narrow it with the chain's event
   * guards, e.g. `api.events.phalaStakePool.Contribution.is(e.event)` makes `e.event.data.shares` a `u128`.
   */
  event: Event;
}

/** Converts a codec to a natural JS value: bigint for integers, SS58 for accounts, hex for byte arrays. */
export function naturalValue(codec: Codec, ss58 = 30): unknown {
  const raw = codec.toRawType();
  if (raw === 'AccountId' || raw === 'AccountId32') return encodeAddress(codec.toU8a(true), ss58);
  if (codec instanceof Option) return codec.isSome ? naturalValue(codec.unwrap(), ss58) : undefined;
  // plain integers only: named ones such as Permill keep their JSON form (a number)
  if (
    (codec instanceof UInt || codec instanceof Int || codec instanceof Compact) &&
    /^(Compact<)?[ui]\d+/.test(raw)
  )
    return codec.toBigInt();
  if (codec instanceof bool) return codec.isTrue;
  if (/^\[u8;\d+\]$/.test(raw) || raw === 'Bytes' || raw === 'H256') return u8aToHex(codec.toU8a(true));
  if (codec instanceof Enum)
    return codec.isBasic ? codec.type : { [codec.type]: naturalValue(codec.value, ss58) };
  if (codec instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of codec) out[String(k)] = naturalValue(v, ss58);
    return out;
  }
  if (codec instanceof Vec || codec instanceof VecFixed || codec instanceof Tuple)
    return codec.map((v: Codec) => naturalValue(v, ss58));
  return codec.toJSON();
}

/** Decodes an event codec (`record.event`) to a {@link DecodedEvent}. */
export function decodeEvent(event: Event, ss58 = 30): DecodedEvent {
  const names = event.meta.fields.map((f, i) => (f.name.isSome ? f.name.unwrap().toString() : String(i)));
  const data: Record<string, unknown> = {};
  event.data.forEach((value, i) => {
    const name = names[i] ?? String(i);
    data[name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())] = naturalValue(value, ss58);
  });
  return { section: event.section, method: event.method, data, event };
}

/** Maps a `DispatchError` to the SDK's typed error, with the pallet's own name and docs from metadata. */
export function dispatchErrorToMiningError(
  api: ApiPromise,
  dispatchError: SpRuntimeDispatchError,
): MiningError {
  if (dispatchError.isModule) {
    const mod = dispatchError.asModule;
    try {
      const meta = api.registry.findMetaError(mod);
      return new PalletError(
        meta.section,
        meta.name,
        meta.docs.join(' ').trim(),
        // the pallet's index is the module's; findMetaError's `index` is the error's position in the pallet
        Number(mod.index.toString()),
        Number(mod.error.toU8a()[0]),
      );
    } catch {
      return new DispatchError('Module', JSON.stringify(mod.toJSON()));
    }
  }
  return new DispatchError(dispatchError.type, JSON.stringify(dispatchError.value.toJSON()));
}
