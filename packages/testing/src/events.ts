import type { EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { isU8a, stringCamelCase, u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { InvalidArgumentError } from './errors.js';

/** A `SubmittableResult` (anything with `events`) or a list of event records. */
export type EventSource = { readonly events: readonly EventRecord[] } | readonly EventRecord[];

/** Compares an actual (decoded) value with an expected one; vitest passes its `equals` (asymmetric matchers work). */
export type Equals = (actual: unknown, expected: unknown) => boolean;

export function eventsOf(source: EventSource): readonly EventRecord[] {
  if (Array.isArray(source)) return source as readonly EventRecord[];
  if (
    typeof source === 'object' &&
    source !== null &&
    Array.isArray((source as { events?: unknown }).events)
  ) {
    return (source as { events: readonly EventRecord[] }).events;
  }
  throw new InvalidArgumentError('expected a SubmittableResult or an array of EventRecords');
}

/** `Pallet.Event` → its parts; the pallet name matches in any case style (`PhalaStakePool`, `phalaStakePool`). */
export function parseEventName(name: string): { section: string; method: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new InvalidArgumentError(
      `expected an event name like 'PhalaStakePool.PoolCreated', got ${JSON.stringify(name)}`,
    );
  }
  return { section: name.slice(0, dot), method: name.slice(dot + 1) };
}

export function sameSection(a: string, b: string): boolean {
  return stringCamelCase(a) === stringCamelCase(b);
}

/** `Pallet.Event` of a record, with the pallet name as the metadata spells it. */
export function eventName(record: EventRecord): string {
  const section = record.event.section;
  return `${section[0]?.toUpperCase() ?? ''}${section.slice(1)}.${record.event.method}`;
}

/** The event's fields keyed by camelCase name, or by position (`'0'`, `'1'`, …) for unnamed fields. */
export function eventFields(record: EventRecord): Record<string, Codec> {
  const { data } = record.event;
  const names = data.names;
  const fields: Record<string, Codec> = {};
  data.forEach((value, i) => {
    fields[names?.[i] ?? String(i)] = value;
  });
  return fields;
}

/** A plain JS view of a field: integers as bigint, booleans as boolean, everything else as its JSON. */
export function naturalValue(codec: Codec): unknown {
  const json = codec.toJSON();
  if (typeof json === 'boolean' || json === null) return json;
  const withBigInt = codec as Codec & { toBigInt?: () => bigint };
  if (typeof withBigInt.toBigInt === 'function') return withBigInt.toBigInt();
  return codec.toPrimitive();
}

/**
 * Whether a field matches the expected value. Integers compare as bigints (so `1n`, `1` and `'1'` all match),
 * accounts compare by public key (an SS58 address of any prefix, a hex key or a KeyringPair), anything else
 * compares against the field's natural, JSON, hex and string forms.
 */
export function fieldMatches(codec: Codec, expected: unknown, equals: Equals): boolean {
  const natural = naturalValue(codec);
  if (
    typeof natural === 'bigint' &&
    (typeof expected === 'number' || typeof expected === 'string' || typeof expected === 'bigint')
  ) {
    try {
      return natural === BigInt(expected);
    } catch {
      return false;
    }
  }
  const account = accountBytes(expected);
  if (account) {
    const bytes = codec.toU8a(true);
    return bytes.length === 32 && u8aEq(bytes, account);
  }
  return [natural, codec.toJSON(), codec.toPrimitive(), codec.toHex(), codec.toString()].some((view) =>
    equals(view, expected),
  );
}

function accountBytes(expected: unknown): Uint8Array | undefined {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    const pair = expected as { address?: unknown; publicKey?: unknown };
    if (isU8a(pair.publicKey) && pair.publicKey.length === 32) return pair.publicKey;
    return undefined;
  }
  if (typeof expected !== 'string' || expected.startsWith('0x')) return undefined;
  try {
    const bytes = decodeAddress(expected);
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The records of event `name` whose fields include `fields` (keys in camelCase or snake_case, or positions). */
export function findEvents(
  source: EventSource,
  name: string,
  fields?: Record<string, unknown>,
  equals: Equals = plainEquals,
): EventRecord[] {
  const { section, method } = parseEventName(name);
  return eventsOf(source).filter((record) => {
    if (record.event.method !== method || !sameSection(record.event.section, section)) return false;
    if (!fields) return true;
    const actual = eventFields(record);
    return Object.entries(fields).every(([key, value]) => {
      const codec = actual[key] ?? actual[stringCamelCase(key)];
      return codec !== undefined && fieldMatches(codec, value, equals);
    });
  });
}

/** A readable one-line view of an event, for failure messages. */
export function describeEvent(record: EventRecord): string {
  const fields = eventFields(record);
  const parts = Object.entries(fields).map(([key, codec]) => `${key}: ${JSON.stringify(codec.toHuman())}`);
  return `${eventName(record)}${parts.length ? ` { ${parts.join(', ')} }` : ''}`;
}

function plainEquals(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null)
    return false;
  if (Array.isArray(actual) !== Array.isArray(expected)) return false;
  const keys = Object.keys(expected);
  if (keys.length !== Object.keys(actual).length) return false;
  return keys.every((key) =>
    plainEquals((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
  );
}
