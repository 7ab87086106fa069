/**
 * The shape of a declared SCALE type — what the metadata's portable registry publishes — and the value
 * conventions shared by the codecs (see types.ts for the declaration language).
 */
import type { Codec } from 'scale-ts';

export type Primitive =
  | 'bool'
  | 'char'
  | 'str'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'u128'
  | 'u256'
  | 'i8'
  | 'i16'
  | 'i32'
  | 'i64'
  | 'i128'
  | 'i256';

export interface FieldDef {
  name?: string;
  type: ScaleType<any>;
  typeName?: string;
  docs?: string[];
}

export interface VariantDef {
  name: string;
  index: number;
  fields: FieldDef[];
  docs?: string[];
}

export interface TypeParam {
  name: string;
  type?: ScaleType<any>;
}

export type TypeDef =
  | { kind: 'primitive'; primitive: Primitive }
  | { kind: 'compact'; inner: ScaleType<any> }
  | { kind: 'sequence'; inner: ScaleType<any> }
  | { kind: 'array'; len: number; inner: ScaleType<any> }
  | { kind: 'tuple'; items: ScaleType<any>[] }
  | { kind: 'composite'; fields: FieldDef[] }
  | { kind: 'variant'; variants: VariantDef[] };

export interface ScaleType<V> {
  readonly def: TypeDef;
  readonly path: string[];
  readonly params: TypeParam[];
  readonly docs: string[];
  readonly codec: Codec<V>;
  /** Lazily resolved for recursive types (RuntimeCall contains Vec<RuntimeCall>). */
  readonly lazy?: () => ScaleType<V>;
}

export type ValueOf<T> = T extends ScaleType<infer V> ? V : never;
export type Hex = `0x${string}`;

export type EnumValue = string | { tag: string; value?: any };

/** Follows `lazy()` references to the declared type. */
export function resolve<T>(t: ScaleType<T>): ScaleType<T> {
  let current = t;
  while (current.lazy) current = current.lazy();
  return current;
}
