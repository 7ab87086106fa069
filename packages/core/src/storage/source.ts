import type { ApiPromise } from '@polkadot/api';
import { bnToU8a, u8aConcat } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { concatMap, defer, from, map, type Observable, of, scan, filter as where } from 'rxjs';
import { type StorageCodecs, type StorageEntry, storageCodecs } from './codecs.js';

/** `[pallet, item, ...keyArgs]`, e.g. `['PhalaStakePool', 'StakePools', 3n]`. */
export type StorageRequest = readonly [pallet: string, item: string, ...args: unknown[]];

/** A raw storage value as the node sends it: 0x-hex, or null when absent. */
export type RawValue = string | null;

interface StorageChangeSet {
  block: string;
  changes: [string, RawValue][];
}

// The `.raw` variants of @polkadot/api's RPCs hand back the node's JSON untouched: no Codec per key or value, which
// is what decoding hundreds of values through @polkadot/types costs.
interface RawStateRpc {
  queryStorageAt: { raw(keys: string[], at?: string): Promise<StorageChangeSet[]> };
}
interface RawStateRx {
  subscribeStorage: { raw(keys: string[]): Observable<StorageChangeSet> };
}

function rawState(api: ApiPromise): RawStateRpc {
  return api.rpc.state as unknown as RawStateRpc;
}

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
    ? rawState(api).queryStorageAt.raw(unique)
    : rawState(api).queryStorageAt.raw(unique, at));
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
  const rx = api.rx.rpc.state as unknown as RawStateRx;
  return rx.subscribeStorage.raw(unique).pipe(
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
): [StorageEntry[], string[], StorageCodecs] {
  const codecs = storageCodecs(api);
  const entries = requests.map(([pallet, item]) => codecs.entry(pallet, item));
  const keys = requests.map(([, , ...args], i) => entries[i]!.key(...args));
  return [entries, keys, codecs];
}

/** Reads and decodes many storage items in one round trip. */
export async function readDecoded(api: ApiPromise, requests: readonly StorageRequest[]): Promise<any[]> {
  const [entries, keys] = entriesOf(api, requests);
  const raw = await readStorage(api, keys);
  return raw.map((value, i) => entries[i]!.decode(value));
}

/**
 * Many storage items, decoded and live, over one subscription. A value is decoded again only when its bytes
 * changed, so unchanged items keep their identity between emissions. Keys are built when subscribed and values
 * decoded with the codecs of the runtime current at each emission (a runtime upgrade swaps them).
 */
export function watchDecoded$(api: ApiPromise, requests: readonly StorageRequest[]): Observable<any[]> {
  if (requests.length === 0) return of([]);
  return defer(() => {
    let [entries, keys, codecs] = entriesOf(api, requests);
    return watchStorage$(api, keys).pipe(
      scan(
        (last: { raw: RawValue[]; decoded: any[] }, raw) => {
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
