import { Metadata, TypeRegistry } from '@polkadot/types';
import type { MetadataV14, PalletMetadataV14, PortableType } from '@polkadot/types/interfaces';

/**
 * Describes metadata items by the shape of their types rather than by registry ids, so two independently built
 * registries can be compared: a type is rendered as its path, generic params, definition and field/variant names
 * with their Rust type names, recursively.
 */
export class ShapeDescriber {
  private readonly types: Map<number, PortableType>;
  private readonly cache = new Map<number, string>();

  constructor(readonly metadata: MetadataV14) {
    this.types = new Map(metadata.lookup.types.map((t) => [t.id.toNumber(), t]));
  }

  shape(id: number, stack: number[] = []): string {
    const cached = this.cache.get(id);
    if (cached) return cached;
    if (stack.includes(id)) return `<recursive ${this.types.get(id)?.type.path.join('::')}>`;
    const t = this.types.get(id);
    if (!t) throw new Error(`type ${id} is missing`);
    const next = [...stack, id];
    const path = t.type.path.map((s) => s.toString()).join('::');
    const params = t.type.params.map(
      (p) => `${p.name.toString()}=${p.type.isSome ? this.shape(p.type.unwrap().toNumber(), next) : '_'}`,
    );
    const def = t.type.def;
    let body: string;
    const fields = (
      list: Iterable<{
        name: { isSome: boolean; unwrap(): { toString(): string } };
        type: { toNumber(): number };
        typeName: { isSome: boolean; unwrap(): { toString(): string } };
      }>,
    ) =>
      [...list]
        .map(
          (f) =>
            `${f.name.isSome ? f.name.unwrap().toString() : ''}:${f.typeName.isSome ? f.typeName.unwrap().toString() : ''}=${this.shape(f.type.toNumber(), next)}`,
        )
        .join(',');
    if (def.isComposite) body = `{${fields(def.asComposite.fields)}}`;
    else if (def.isVariant)
      body = `enum{${def.asVariant.variants.map((v) => `${v.index.toNumber()}:${v.name.toString()}(${fields(v.fields)})`).join('|')}}`;
    else if (def.isSequence) body = `Vec<${this.shape(def.asSequence.type.toNumber(), next)}>`;
    else if (def.isArray)
      body = `[${this.shape(def.asArray.type.toNumber(), next)};${def.asArray.len.toNumber()}]`;
    else if (def.isTuple) body = `(${def.asTuple.map((i) => this.shape(i.toNumber(), next)).join(',')})`;
    else if (def.isPrimitive) body = def.asPrimitive.toString();
    else if (def.isCompact) body = `Compact<${this.shape(def.asCompact.type.toNumber(), next)}>`;
    else body = def.type;
    const out = `${path}${params.length ? `<${params.join(',')}>` : ''}${body}`;
    this.cache.set(id, out);
    return out;
  }

  pallet(name: string): PalletMetadataV14 | undefined {
    return this.metadata.pallets.find((p) => p.name.toString() === name);
  }

  /** Every item of a pallet as `kind name → description`, in metadata order. */
  describePallet(name: string): Map<string, string> {
    const p = this.pallet(name);
    const out = new Map<string, string>();
    if (!p) return out;
    out.set('pallet index', String(p.index.toNumber()));
    if (p.storage.isSome) {
      const s = p.storage.unwrap();
      out.set('storage prefix', s.prefix.toString());
      out.set('storage order', s.items.map((i) => i.name.toString()).join(','));
      for (const item of s.items) {
        const type = item.type.isPlain
          ? `plain ${this.shape(item.type.asPlain.toNumber())}`
          : `map ${item.type.asMap.hashers.map((h) => h.toString()).join(',')} ${this.shape(item.type.asMap.key.toNumber())} → ${this.shape(item.type.asMap.value.toNumber())}`;
        out.set(
          `storage ${item.name.toString()}`,
          `${item.modifier.toString()} ${type} fallback=${item.fallback.toHex()}`,
        );
        out.set(`storage ${item.name.toString()} docs`, item.docs.map((d) => d.toString()).join('\n'));
      }
    }
    for (const kind of ['calls', 'events', 'errors'] as const) {
      const ref = p[kind];
      if (ref.isNone) continue;
      const t = this.types.get(ref.unwrap().type.toNumber())!;
      out.set(
        `${kind} enum`,
        `${t.type.path.join('::')}<${t.type.params.map((x) => x.name.toString()).join(',')}>`,
      );
      for (const v of t.type.def.asVariant.variants) {
        const fields = v.fields
          .map(
            (f) =>
              `${f.name.isSome ? f.name.unwrap().toString() : ''}:${f.typeName.isSome ? f.typeName.unwrap().toString() : ''}=${this.shape(f.type.toNumber())}`,
          )
          .join(', ');
        out.set(`${kind} ${v.index.toNumber()} ${v.name.toString()}`, `(${fields})`);
        out.set(
          `${kind} ${v.index.toNumber()} ${v.name.toString()} docs`,
          v.docs.map((d) => d.toString()).join('\n'),
        );
      }
    }
    for (const c of p.constants) {
      out.set(`constant ${c.name.toString()}`, this.shape(c.type.toNumber()));
      out.set(`constant ${c.name.toString()} value`, c.value.toHex());
      out.set(`constant ${c.name.toString()} docs`, c.docs.map((d) => d.toString()).join('\n'));
    }
    return out;
  }
}

export function decodeMetadata(hex: `0x${string}`): MetadataV14 {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, hex);
  return metadata.asV14;
}
