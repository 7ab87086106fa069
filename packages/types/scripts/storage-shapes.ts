/**
 * Writes `src/interfaces/storage.ts`: the plain JavaScript shapes that @polkadot-api/metadata-builders' dynamic
 * codecs (the SDK's fast raw-storage path) decode each storage item into, and `KhalaStorage`, the map from pallet
 * and item names to their key arguments and value. Derived from the same metadata as the @polkadot/typegen output,
 * with the same type names (prefixed `Plain`), so a renamed field or a changed type in the runtime's declaration
 * changes these types too and the code that reads them stops compiling.
 *
 * The mapping follows the decoders in @polkadot-api/metadata-builders 0.14 / substrate-bindings 0.20:
 * u8–u32 and i8–i32 → number, wider integers → bigint, compact → number (≤ 32 bits) or bigint, bool → boolean,
 * accounts → SS58 string, `[u8; N]` → 0x-hex string, `Vec<u8>` → Uint8Array, `Option<T>` → T | undefined,
 * enums → `{ type, value }`, one-field structs → their field's value, empty types → undefined.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { getLookupFn } from '@polkadot-api/metadata-builders';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { khalaSignedExtensions } from '../src/network.js';

type LookupFn = ReturnType<typeof getLookupFn>;
type LookupEntry = ReturnType<LookupFn>;
type EnumVariant = Extract<LookupEntry, { type: 'enum' }>['value'][string];
/** a struct type or an enum variant with named fields */
interface StructLike {
  value: Record<string, LookupEntry>;
  innerDocs: Record<string, string[]>;
}

const NARROW_INTEGERS = new Set(['u8', 'u16', 'u32', 'i8', 'i16', 'i32']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function docComment(docs: readonly string[] | undefined, indent: string): string {
  const lines = (docs ?? []).map((d) => d.trim()).filter((d) => d.length > 0);
  if (lines.length === 0) return '';
  // `*/` inside a doc line would end the comment early
  const safe = lines.map((l) => l.replaceAll('*/', '*\\/'));
  return safe.length === 1
    ? `${indent}/** ${safe[0]} */\n`
    : `${indent}/**\n${safe.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name}'`;
}

class ShapeWriter {
  private readonly lookup: LookupFn;
  private readonly registry = new TypeRegistry();
  /** type id → emitted name, for the structs and enums that have a name in the metadata */
  private readonly names = new Map<number, string>();
  private readonly declarations = new Map<string, string>();
  private readonly pending: LookupEntry[] = [];

  constructor(metadataHex: `0x${string}`) {
    this.lookup = getLookupFn(unifyMetadata(decAnyMetadata(metadataHex)));
    // the names are typegen's, from the same registry (told about CheckMqSequence, so it does not warn)
    this.registry.setMetadata(new Metadata(this.registry, metadataHex), undefined, khalaSignedExtensions);
  }

  private nameOf(entry: LookupEntry): string | undefined {
    if (entry.type !== 'struct' && entry.type !== 'enum' && entry.type !== 'tuple') return undefined;
    let name = this.names.get(entry.id);
    if (name !== undefined) return name;
    const base = this.registry.lookup.getName(entry.id);
    if (base === undefined) return undefined;
    name = `Plain${base}`;
    this.names.set(entry.id, name);
    this.pending.push(entry);
    return name;
  }

  /** The TypeScript type of a decoded value of `entry`. */
  type(entry: LookupEntry, stack: ReadonlySet<number> = new Set(), inlineNamed = false): string {
    const named = inlineNamed ? undefined : this.nameOf(entry);
    if (named !== undefined) return named;
    // an unnamed type that contains itself cannot be written inline (none does in Khala's runtime)
    if (stack.has(entry.id)) return 'unknown';
    const inner = new Set(stack).add(entry.id);
    const t = (e: LookupEntry) => this.type(e, inner);
    switch (entry.type) {
      case 'primitive':
        if (entry.value === 'bool') return 'boolean';
        if (entry.value === 'char' || entry.value === 'str') return 'string';
        return NARROW_INTEGERS.has(entry.value) ? 'number' : 'bigint';
      case 'compact':
        return entry.isBig ? 'bigint' : 'number';
      case 'void':
        return 'undefined';
      case 'AccountId32':
        return 'SS58String';
      case 'AccountId20':
        return 'HexString';
      case 'bitSequence':
        return 'Array<0 | 1>';
      case 'sequence':
        return entry.value.type === 'primitive' && entry.value.value === 'u8'
          ? 'Uint8Array'
          : `Array<${t(entry.value)}>`;
      case 'array':
        return entry.value.type === 'primitive' && entry.value.value === 'u8'
          ? 'HexString'
          : `Array<${t(entry.value)}>`;
      case 'tuple':
        return `[${entry.value.map(t).join(', ')}]`;
      case 'option':
        return `${t(entry.value)} | undefined`;
      case 'result':
        return `{ success: true; value: ${t(entry.value.ok)} } | { success: false; value: ${t(entry.value.ko)} }`;
      case 'struct':
        return this.structBody(entry, inner, '');
      case 'enum':
        return this.enumBody(entry, inner, '');
    }
  }

  private structBody(entry: StructLike, stack: Set<number>, indent: string): string {
    const fields = Object.entries(entry.value).map(
      ([name, value]) =>
        `${docComment(entry.innerDocs[name], `${indent}  `)}${indent}  ${key(name)}: ${this.type(value, stack)};`,
    );
    return `{\n${fields.join('\n')}\n${indent}}`;
  }

  private variantValue(variant: EnumVariant, stack: Set<number>): string {
    switch (variant.type) {
      case 'void':
        return 'undefined';
      case 'lookupEntry':
        return this.type(variant.value, stack);
      case 'tuple':
        return `[${variant.value.map((v) => this.type(v, stack)).join(', ')}]`;
      case 'array':
        return `Array<${this.type(variant.value, stack)}>`;
      case 'struct':
        return this.structBody(variant, stack, '  ');
    }
  }

  private enumBody(
    entry: Extract<LookupEntry, { type: 'enum' }>,
    stack: Set<number>,
    indent: string,
  ): string {
    const variants = Object.entries(entry.value).map(
      ([name, variant]) => `${indent}  | { type: '${name}'; value: ${this.variantValue(variant, stack)} }`,
    );
    return variants.length === 0 ? 'never' : `\n${variants.join('\n')}`;
  }

  /** Declarations of every named type reached so far (and of those they reach). */
  private flush(): void {
    while (this.pending.length > 0) {
      const entry = this.pending.shift()!;
      const name = this.names.get(entry.id)!;
      const raw = this.lookup.metadata.lookup[entry.id]!;
      const doc = docComment(
        [`\`${raw.path.join('::')}\` (lookup ${entry.id}) as the dynamic codecs decode it.`, ...raw.docs],
        '',
      );
      const stack = new Set([entry.id]);
      let body: string;
      if (entry.type === 'struct') body = `export interface ${name} ${this.structBody(entry, stack, '')}`;
      else if (entry.type === 'enum') body = `export type ${name} = ${this.enumBody(entry, stack, '')};`;
      else body = `export type ${name} = ${this.type(entry, new Set(), true)};`;
      this.declarations.set(name, `${doc}${body}`);
    }
  }

  /** The whole module. */
  module(header: string): string {
    const pallets: string[] = [];
    for (const pallet of this.lookup.metadata.pallets) {
      const items = pallet.storage?.items ?? [];
      if (items.length === 0) continue;
      const lines = items.map((item) => {
        let keys: string[];
        let valueId: number;
        if (item.type.tag === 'plain') {
          keys = [];
          valueId = item.type.value;
        } else {
          const { hashers, key: keyId, value } = item.type.value;
          valueId = value;
          const keyEntry = this.lookup(keyId);
          // as dynamic-builder's buildStorage splits them: one hasher = one key, else one per tuple element
          if (hashers.length === 1) keys = [this.type(keyEntry)];
          else if (keyEntry.type === 'tuple') keys = keyEntry.value.map((k) => this.type(k));
          else if (keyEntry.type === 'array') keys = hashers.map(() => this.type(keyEntry.value));
          else
            throw new Error(`${pallet.name}.${item.name}: ${hashers.length} hashers over a ${keyEntry.type}`);
        }
        const valueEntry = this.lookup(valueId);
        // the codec of an empty value decodes to null; an absent optional item is undefined
        const value = valueEntry.type === 'void' ? 'null' : this.type(valueEntry);
        const decoded = item.modifier === 0 ? `${value} | undefined` : value;
        return `${docComment(item.docs, '    ')}    ${item.name}: { keys: [${keys.join(', ')}]; value: ${decoded} };`;
      });
      pallets.push(`  ${pallet.name}: {\n${lines.join('\n')}\n  };`);
    }
    this.flush();
    const declarations = [...this.declarations.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
    return [
      header,
      "/** An account as the dynamic codecs decode it: SS58 in the runtime's `System.SS58Prefix`. */",
      'export type SS58String = string;',
      '/** Fixed-size bytes (`[u8; N]`) as the dynamic codecs decode them: lowercase 0x-hex. */',
      'export type HexString = string;',
      '',
      ...declarations.flatMap((d) => [d, '']),
      '/**',
      ' * Every storage item of the runtime by pallet and item name (as in the metadata): the arguments its key is',
      ' * built from and the value the dynamic codecs decode (`| undefined` for an optional item that is absent).',
      ' */',
      'export interface KhalaStorage {',
      ...pallets,
      '}',
      '',
    ].join('\n');
  }
}

/** The source of `storage.ts` for the metadata (0x-hex SCALE, V14 or later). */
export function storageShapes(metadataHex: `0x${string}`, header: string): string {
  return new ShapeWriter(metadataHex).module(header);
}
