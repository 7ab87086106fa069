import type { ApiPromise } from '@polkadot/api';
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
}

type AnyCodec = Codec & Record<string, any>;

/** Converts a codec to a natural JS value: bigint for integers, SS58 for accounts, hex for byte arrays. */
export function naturalValue(codec: Codec, ss58 = 30): unknown {
  const c = codec as AnyCodec;
  const raw = c.toRawType();
  if (raw === 'AccountId' || raw === 'AccountId32') return encodeAddress(c.toU8a(true), ss58);
  if (typeof c.isSome === 'boolean') return c.isSome ? naturalValue(c.unwrap(), ss58) : undefined;
  if (typeof c.toBigInt === 'function' && /^(Compact<)?[ui]\d+/.test(raw)) return c.toBigInt();
  if (typeof c.isTrue === 'boolean') return c.isTrue;
  if (/^\[u8;\d+\]$/.test(raw) || raw === 'Bytes' || raw === 'H256') return u8aToHex(c.toU8a(true));
  if (typeof c.isBasic === 'boolean' && typeof c.type === 'string') {
    return c.isBasic ? c.type : { [c.type]: naturalValue(c.value, ss58) };
  }
  if (c instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of c as unknown as Map<string, Codec>) out[k] = naturalValue(v, ss58);
    return out;
  }
  if (Array.isArray(c)) return (c as unknown as Codec[]).map((v) => naturalValue(v, ss58));
  return c.toJSON();
}

/** Decodes an event codec (`record.event`) to a {@link DecodedEvent}. */
export function decodeEvent(event: Codec, ss58 = 30): DecodedEvent {
  const e = event as AnyCodec;
  const names: string[] = e.meta.fields.map((f: AnyCodec, i: number) =>
    f.name.isSome ? f.name.unwrap().toString() : String(i),
  );
  const data: Record<string, unknown> = {};
  (e.data as Codec[]).forEach((value, i) => {
    const name = names[i] ?? String(i);
    data[name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())] = naturalValue(value, ss58);
  });
  return { section: e.section, method: e.method, data };
}

/** Maps a `DispatchError` to the SDK's typed error, with the pallet's own name and docs from metadata. */
export function dispatchErrorToMiningError(api: ApiPromise, dispatchError: Codec): MiningError {
  const d = dispatchError as AnyCodec;
  if (d.isModule) {
    const mod = d.asModule;
    try {
      const meta = api.registry.findMetaError(mod);
      return new PalletError(
        meta.section,
        meta.name,
        meta.docs.join(' ').trim(),
        meta.index,
        Number(mod.error.toU8a()[0]),
      );
    } catch {
      return new DispatchError('Module', JSON.stringify(mod.toJSON()));
    }
  }
  return new DispatchError(d.type ?? 'Other', JSON.stringify(d.value?.toJSON?.() ?? null));
}
