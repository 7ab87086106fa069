import type { StorageItem, StorageKeyArgs, StoragePallet, StorageValue } from '@phala-mining/types';
import type { ApiPromise } from '@polkadot/api';
import { bnToU8a, u8aConcat } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { concatMap, defer, from, map, type Observable, of, scan, filter as where } from 'rxjs';
import {
  type EncodedKeyArgs,
  type StorageCodecs,
  storageCodecs,
  type UntypedStorageEntry,
} from './codecs.js';

/**
 * `[pallet, item, ...keyArgs]`, e.g. `['PhalaStakePool', 'StakePools', 3n]`: any storage item of the runtime with
 * the key arguments its metadata declares (each also accepted as already-encoded bytes), as @phala-mining/types
 * generates them.
 */
export type StorageRequest = {
  [P in StoragePallet]: {
    [I in StorageItem<P>]: readonly [pallet: P, item: I, ...args: EncodedKeyArgs<StorageKeyArgs<P, I>>];
  }[StorageItem<P>];
}[StoragePallet];

/** The decoded value of one request. */
export type DecodedValue<R> = R extends readonly [infer P extends StoragePallet, infer I, ...unknown[]]
  ? I extends StorageItem<P>
    ? StorageValue<P, I>
    : never
  : never;

/** The decoded values of a list of requests, position by position (an array of one kind gives an array). */
export type DecodedValues<R extends readonly StorageRequest[]> = {
  -readonly [K in keyof R]: DecodedValue<R[K]>;
};

/** A raw storage value as the node sends it: 0x-hex, or null when absent. */
export type RawValue = string | null;

interface StorageChangeSet {
  block: string;
  changes: [string, RawValue][];
}

// The `.raw` variants of @polkadot/api's RPCs hand back the node's JSON untouched (typed by what we tell them):
// no Codec per key or value, which is what decoding hundreds of values through @polkadot/types costs.
function valuesOf(sets: readonly StorageChangeSet[]): Map<string, RawValue> {
  const known = new Map<string, RawValue>();
  for (const set of sets) for (const [key, value] of set.changes) known.set(key, value);
  return known;
}

/** Reads raw values of many keys in one round trip (`state_queryStorageAt`), in the order of `keys`. */
export async function readStorage(
  api: ApiPromise,
  keys: readonly string[],
  at?: string,
): Promise<RawValue[]> {
  if (keys.length === 0) return [];
  const unique = [...new Set(keys)];
  const sets = await (at === undefined
    ? api.rpc.state.queryStorageAt.raw<StorageChangeSet[]>(unique)
    : api.rpc.state.queryStorageAt.raw<StorageChangeSet[]>(unique, at));
  const known = valuesOf(sets);
  return keys.map((key) => known.get(key) ?? null);
}

/**
 * Raw values of many keys, live: one `state_subscribeStorage` for all of them. Emits every key's value, in the order
 * of `keys`, first when all are known and then on every change. After a reconnect @polkadot/api re-subscribes and
 * the node sends every value again.
 */
export function watchStorage$(api: ApiPromise, keys: readonly string[]): Observable<RawValue[]> {
  if (keys.length === 0) return of([]);
  const unique = [...new Set(keys)];
  return api.rx.rpc.state.subscribeStorage.raw<StorageChangeSet>(unique).pipe(
    // @polkadot/api shares one subscription between identical key lists and replays only its latest notification,
    // which after the first one carries just the keys that changed: fill in the rest at that block
    concatMap((set, index) => {
      if (index > 0 || set.changes.length >= unique.length) return of(set);
      const seen = new Set(set.changes.map(([key]) => key));
      const missing = unique.filter((key) => !seen.has(key));
      if (missing.length === 0) return of(set);
      return from(readStorage(api, missing, set.block)).pipe(
        map((values) => ({
          block: set.block,
          changes: [...missing.map((key, i) => [key, values[i]!] as [string, RawValue]), ...set.changes],
        })),
      );
    }),
    // each subscriber starts its own map of known values (a shared seed object would be mutated by all of them)
    scan((known: Map<string, RawValue> | undefined, set) => {
      const next = known ?? new Map<string, RawValue>();
      for (const [key, value] of set.changes) next.set(key, value);
      return next;
    }, undefined),
    where((known): known is Map<string, RawValue> => known !== undefined && known.size >= unique.length),
    map((known) => keys.map((key) => known.get(key) ?? null)),
  );
}

function entriesOf(
  api: ApiPromise,
  requests: readonly StorageRequest[],
): [UntypedStorageEntry[], string[], StorageCodecs] {
  const codecs = storageCodecs(api);
  const entries = requests.map(([pallet, item]) => codecs.untyped(pallet, item));
  const keys = requests.map(([, , ...args], i) => entries[i]!.key(args));
  return [entries, keys, codecs];
}

/**
 * Reads and decodes many storage items in one round trip. The values come in the order of the requests, each
 * typed as its item's generated shape.
 */
export async function readDecoded<const R extends readonly StorageRequest[]>(
  api: ApiPromise,
  requests: R,
): Promise<DecodedValues<R>> {
  const [entries, keys] = entriesOf(api, requests);
  const raw = await readStorage(api, keys);
  // value i is request i's item decoded with that item's codec: what DecodedValues<R> says position by position
  return raw.map((value, i) => entries[i]!.decode(value)) as DecodedValues<R>;
}

/**
 * Many storage items, decoded and live, over one subscription. A value is decoded again only when its bytes
 * changed, so unchanged items keep their identity between emissions. Keys are built when subscribed and values
 * decoded with the codecs of the runtime current at each emission (a runtime upgrade swaps them).
 */
export function watchDecoded$<const R extends readonly StorageRequest[]>(
  api: ApiPromise,
  requests: R,
): Observable<DecodedValues<R>> {
  // the values of request i at position i: see readDecoded
  return watchValues$(api, requests).pipe(map((values) => values as DecodedValues<R>));
}

/**
 * `head` and then the same list of items for each of `groups` (e.g. a worker's registry, miner and stake records
 * per worker), over one subscription: emits the head's values and one value list per group.
 */
export function watchDecodedGroups$<
  const H extends readonly StorageRequest[],
  const G extends readonly StorageRequest[],
>(api: ApiPromise, head: H, groups: readonly G[]): Observable<[DecodedValues<H>, DecodedValues<G>[]]> {
  return watchValues$(api, [...head, ...groups.flat()]).pipe(map((values) => regroup(values, head, groups)));
}

/** {@link watchDecodedGroups$} read once, in one round trip. */
export async function readDecodedGroups<
  const H extends readonly StorageRequest[],
  const G extends readonly StorageRequest[],
>(api: ApiPromise, head: H, groups: readonly G[]): Promise<[DecodedValues<H>, DecodedValues<G>[]]> {
  const values: unknown[] = await readDecoded(api, [...head, ...groups.flat()]);
  return regroup(values, head, groups);
}

function regroup<H extends readonly StorageRequest[], G extends readonly StorageRequest[]>(
  values: unknown[],
  head: H,
  groups: readonly G[],
): [DecodedValues<H>, DecodedValues<G>[]] {
  let at = head.length;
  const grouped = groups.map((g) => {
    const group = values.slice(at, at + g.length);
    at += g.length;
    return group;
  });
  // the flat list was head then each group in order, so the slices are exactly those requests' values
  return [values.slice(0, head.length) as DecodedValues<H>, grouped as DecodedValues<G>[]];
}

function watchValues$(api: ApiPromise, requests: readonly StorageRequest[]): Observable<unknown[]> {
  if (requests.length === 0) return of([]);
  return defer(() => {
    let [entries, keys, codecs] = entriesOf(api, requests);
    return watchStorage$(api, keys).pipe(
      scan(
        (last: { raw: RawValue[]; decoded: unknown[] }, raw) => {
          // a runtime upgrade swaps @polkadot/api's metadata: the keys stay, the decoders follow it
          const upgraded = storageCodecs(api) !== codecs;
          if (upgraded) [entries, , codecs] = entriesOf(api, requests);
          return {
            raw,
            decoded: raw.map((value, i) =>
              !upgraded && last.raw[i] === value ? last.decoded[i] : entries[i]!.decode(value),
            ),
          };
        },
        { raw: [], decoded: [] },
      ),
      map((s) => s.decoded),
    );
  });
}

/** The SCALE-encoded `(pid, account)` key of `PhalaStakePool.PoolStakers` (pid u64 little-endian ‖ account id). */
export function poolStakerKey(pid: bigint, account: string): Uint8Array {
  return u8aConcat(bnToU8a(pid, { bitLength: 64, isLe: true }), decodeAddress(account));
}
