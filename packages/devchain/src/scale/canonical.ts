/**
 * Whether a JavaScript value is exactly what decoding its encoding would give — so a value just written can stand
 * for its bytes without decoding them again (the decoded-value cache in runtime/storage.ts). Only the plain shapes
 * storage hot paths write are covered: unsigned integers, bool, and structs / newtypes of them, whose codecs are the
 * declaration language's own; anything else (hex, enums, options, custom codecs) has no check, and is decoded.
 * A value passes when it has the decoded value's types, ranges, and keys in the decoded order, nothing more.
 */
import { resolve, type ScaleType } from './shape.js';

export type CanonicalCheck = (value: unknown) => boolean;

const plain = new WeakSet<object>();

/** Marks a codec as the declaration language's own (its values are the plain shapes below). */
export function markPlain<C extends object>(codec: C): C {
  plain.add(codec);
  return codec;
}

const isU8: CanonicalCheck = (v) => typeof v === 'number' && Object.is(v & 0xff, v);
const isU16: CanonicalCheck = (v) => typeof v === 'number' && Object.is(v & 0xffff, v);
const isU32: CanonicalCheck = (v) => typeof v === 'number' && Object.is(v >>> 0, v);
const isU64: CanonicalCheck = (v) => typeof v === 'bigint' && BigInt.asUintN(64, v) === v;
const isU128: CanonicalCheck = (v) => typeof v === 'bigint' && BigInt.asUintN(128, v) === v;
const isBool: CanonicalCheck = (v) => typeof v === 'boolean';

const known = new WeakMap<ScaleType<any>, CanonicalCheck | null>();

/** The check for `type`'s values, or undefined when its values are not covered. */
export function canonicalCheck(type: ScaleType<any>): CanonicalCheck | undefined {
  const t = resolve(type);
  let check = known.get(t);
  if (check === undefined) {
    check = build(t) ?? null;
    known.set(t, check);
  }
  return check ?? undefined;
}

function build(t: ScaleType<any>): CanonicalCheck | undefined {
  if (!plain.has(t.codec)) return undefined;
  const def = t.def;
  if (def.kind === 'primitive') {
    switch (def.primitive) {
      case 'u8':
        return isU8;
      case 'u16':
        return isU16;
      case 'u32':
        return isU32;
      case 'u64':
        return isU64;
      case 'u128':
        return isU128;
      case 'bool':
        return isBool;
      default:
        return undefined;
    }
  }
  if (def.kind !== 'composite' || def.fields.length === 0) return undefined;
  if (def.fields.length === 1 && def.fields[0]!.name === undefined)
    return canonicalCheck(def.fields[0]!.type);
  const names: string[] = [];
  const checks: CanonicalCheck[] = [];
  for (const f of def.fields) {
    const inner = f.name === undefined ? undefined : canonicalCheck(f.type);
    if (!inner) return undefined;
    names.push(f.name!);
    checks.push(inner);
  }
  return (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const record = v as Record<string, unknown>;
    let i = 0;
    for (const k in record) {
      if (k !== names[i] || !checks[i]!(record[k])) return false;
      i++;
    }
    return i === names.length;
  };
}
