import { type FieldDef, resolve, type ScaleType, type TypeDef } from './types.js';

/** One entry of a scale-info portable registry, in the JSON form @polkadot/types accepts for `PortableType`. */
export interface PortableTypeJson {
  id: number;
  type: {
    path: string[];
    params: Array<{ name: string; type: number | null }>;
    def: Record<string, unknown>;
    docs: string[];
  };
}

const PRIMITIVES: Record<string, string> = {
  bool: 'Bool',
  char: 'Char',
  str: 'Str',
  u8: 'U8',
  u16: 'U16',
  u32: 'U32',
  u64: 'U64',
  u128: 'U128',
  u256: 'U256',
  i8: 'I8',
  i16: 'I16',
  i32: 'I32',
  i64: 'I64',
  i128: 'I128',
  i256: 'I256',
};

/**
 * Assigns registry ids to declared types. Equal shapes share one id, as scale-info does for one Rust type; types
 * reached through `lazy()` (the recursive RuntimeCall) get their id before their children so cycles resolve.
 */
export class PortableRegistry {
  readonly types: PortableTypeJson[] = [];
  private readonly byObject = new Map<ScaleType<any>, number>();
  private readonly byShape = new Map<string, number>();

  id(type: ScaleType<any>): number {
    const isLazy = type.lazy !== undefined;
    const target = resolve(type);
    const known = this.byObject.get(target);
    if (known !== undefined) return known;

    if (isLazy) {
      const id = this.types.length;
      this.types.push(undefined as unknown as PortableTypeJson);
      this.byObject.set(target, id);
      const json = this.toJson(id, target);
      this.types[id] = json;
      this.byShape.set(shapeKey(json), id);
      return id;
    }

    const json = this.toJson(-1, target);
    const key = shapeKey(json);
    const existing = this.byShape.get(key);
    if (existing !== undefined) {
      this.byObject.set(target, existing);
      return existing;
    }
    const id = this.types.length;
    json.id = id;
    this.types.push(json);
    this.byShape.set(key, id);
    this.byObject.set(target, id);
    return id;
  }

  private toJson(id: number, t: ScaleType<any>): PortableTypeJson {
    const params = t.params.map((p) => ({ name: p.name, type: p.type ? this.id(p.type) : null }));
    return { id, type: { path: [...t.path], params, def: this.defJson(t.def), docs: [...t.docs] } };
  }

  private fields(fields: FieldDef[]) {
    return fields.map((f) => ({
      name: f.name ?? null,
      type: this.id(f.type),
      typeName: f.typeName ?? null,
      docs: f.docs ?? [],
    }));
  }

  private defJson(def: TypeDef): Record<string, unknown> {
    switch (def.kind) {
      case 'primitive':
        return { Primitive: PRIMITIVES[def.primitive] };
      case 'compact':
        return { Compact: { type: this.id(def.inner) } };
      case 'sequence':
        return { Sequence: { type: this.id(def.inner) } };
      case 'array':
        return { Array: { len: def.len, type: this.id(def.inner) } };
      case 'tuple':
        return { Tuple: def.items.map((i) => this.id(i)) };
      case 'composite':
        return { Composite: { fields: this.fields(def.fields) } };
      case 'variant':
        return {
          Variant: {
            variants: def.variants.map((v) => ({
              name: v.name,
              fields: this.fields(v.fields),
              index: v.index,
              docs: v.docs ?? [],
            })),
          },
        };
    }
  }
}

function shapeKey(json: PortableTypeJson): string {
  return JSON.stringify(json.type);
}
