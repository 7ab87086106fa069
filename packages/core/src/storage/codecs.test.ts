/**
 * The SDK's storage keys and decoders against live Khala's runtime 1190 metadata (read from ../shared, never copied):
 * keys must equal what @polkadot/api builds from the same metadata, and values @polkadot/types encodes must decode
 * into the SDK's state shapes field for field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOKENOMIC_FIELD_ORDER } from '@phala-mining/math';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { decorateStorage } from '@polkadot/types/metadata/decorate';
import { compactStripLength, hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, WORKER } from '../../test/stateFixtures.js';
import { MissingStorageError, StorageKeyArityError } from '../errors/index.js';
import { accountBalance } from '../state/accountBalance.js';
import { StorageCodecs } from './codecs.js';
import { decodeMiner, decodePool, decodeRegistryWorker, decodeStaker, decodeTokenomics } from './decode.js';
import { poolStakerKey } from './source.js';

const KHALA_1190 = fileURLToPath(
  new URL('../../../../../shared/khala/metadata/khala-1190.json', import.meta.url),
);

let codecs: StorageCodecs;
let registry: TypeRegistry;
let storage: ReturnType<typeof decorateStorage>;

beforeAll(() => {
  const hex = (JSON.parse(readFileSync(KHALA_1190, 'utf8')) as { result: `0x${string}` }).result;
  registry = new TypeRegistry();
  const metadata = new Metadata(registry, hex);
  registry.setMetadata(metadata);
  storage = decorateStorage(registry, metadata.asLatest, metadata.version);
  codecs = new StorageCodecs(hexToU8a(hex));
});

/** Encodes a value of a storage entry's type the way the chain stores it. */
function encoded(pallet: string, item: string, value: unknown): string {
  const entry = storage[pallet]![item]!;
  const type = registry.createLookupType(
    entry.meta.type.isMap ? entry.meta.type.asMap.value : entry.meta.type.asPlain,
  );
  return u8aToHex(registry.createType(type, value).toU8a());
}

const SUB_ACCOUNT = `0x73706d2f${'ab'.repeat(28)}`;

describe('storage keys', () => {
  it.each([
    ['PhalaStakePool', 'StakePools', [7n], [7]],
    ['PhalaStakePool', 'PoolStakers', [poolStakerKey(7n, ALICE)], [[7, ALICE]]],
    ['PhalaStakePool', 'StakeLedger', [decodeAddress(BOB)], [BOB]],
    ['PhalaStakePool', 'WorkerAssignments', [hexToU8a(WORKER)], [WORKER]],
    ['PhalaStakePool', 'PoolCount', [], []],
    ['PhalaRegistry', 'Workers', [hexToU8a(WORKER)], [WORKER]],
    ['PhalaRegistry', 'Workers', [WORKER], [WORKER]],
    ['PhalaMining', 'Miners', [hexToU8a(SUB_ACCOUNT)], [SUB_ACCOUNT]],
    ['PhalaMining', 'Stakes', [hexToU8a(SUB_ACCOUNT)], [SUB_ACCOUNT]],
    ['System', 'Account', [decodeAddress(ALICE)], [ALICE]],
    ['Balances', 'Locks', [decodeAddress(ALICE)], [ALICE]],
    ['Timestamp', 'Now', [], []],
  ] as const)('%s.%s', (pallet, item, ours, theirs) => {
    const section = pallet.charAt(0).toLowerCase() + pallet.slice(1);
    const method = item.charAt(0).toLowerCase() + item.slice(1);
    const expected = u8aToHex(compactStripLength(storage[section]![method]!(...theirs))[1]);
    expect(codecs.untyped(pallet, item).key(ours)).toBe(expected);
  });

  it('refuses a wrong number of key arguments and unknown items: at compile time, and with typed errors', () => {
    // the generated KhalaStorage rejects these calls; a runtime other than the dev chain's is still checked
    // @ts-expect-error StakePools takes a pid
    expect(() => codecs.entry('PhalaStakePool', 'StakePools').key()).toThrow(StorageKeyArityError);
    // @ts-expect-error PoolCount takes no key
    expect(() => codecs.entry('PhalaStakePool', 'PoolCount').key(1n)).toThrow(StorageKeyArityError);
    // @ts-expect-error no such item
    expect(() => codecs.entry('PhalaStakePool', 'NoSuchItem')).toThrow(MissingStorageError);
    // @ts-expect-error no such pallet
    expect(() => codecs.entry('NoSuchPallet', 'Workers')).toThrow(MissingStorageError);
  });
});

describe('decoding 1190 storage into the SDK state', () => {
  it('decodes a pool with commission, cap, workers, a withdraw queue, whitelist and description', () => {
    const pool = {
      pid: 7,
      owner: ALICE,
      payoutCommission: 250_000,
      ownerReward: 12n,
      cap: 50_000n * 10n ** 12n,
      rewardAcc: 1n << 64n,
      totalShares: 1000n,
      totalStake: 1200n,
      freeStake: 300n,
      releasingStake: 100n,
      workers: [WORKER],
      withdrawQueue: [{ user: BOB, shares: 40n, startTime: 1_700_000_000n }],
    };
    const decoded = decodePool(
      codecs.entry('PhalaStakePool', 'StakePools').decode(encoded('phalaStakePool', 'stakePools', pool)),
      codecs
        .entry('PhalaStakePool', 'PoolContributionWhitelists')
        .decode(encoded('phalaStakePool', 'poolContributionWhitelists', [BOB])),
      codecs
        .entry('PhalaStakePool', 'PoolDescriptions')
        .decode(encoded('phalaStakePool', 'poolDescriptions', 'hello miners ✓')),
      30,
    );
    expect(decoded).toEqual({
      pid: 7n,
      owner: ALICE,
      commission: 250_000,
      ownerReward: 12n,
      cap: 50_000n * 10n ** 12n,
      rewardAcc: 1n << 64n,
      totalShares: 1000n,
      totalStake: 1200n,
      freeStake: 300n,
      releasingStake: 100n,
      workers: [WORKER],
      withdrawQueue: [{ user: BOB, shares: 40n, startTime: 1_700_000_000n }],
      whitelist: [BOB],
      description: { kind: 'text', text: 'hello miners ✓' },
    });
  });

  it('reads an absent pool, no commission and no cap as such', () => {
    const entry = codecs.entry('PhalaStakePool', 'StakePools');
    expect(decodePool(entry.decode(null), undefined, undefined, 30)).toBeUndefined();
    const bare = decodePool(
      entry.decode(encoded('phalaStakePool', 'stakePools', { pid: 1, owner: BOB })),
      codecs.entry('PhalaStakePool', 'PoolContributionWhitelists').decode(null),
      codecs.entry('PhalaStakePool', 'PoolDescriptions').decode(null),
      30,
    );
    expect(bare).toMatchObject({
      commission: 0,
      cap: undefined,
      whitelist: undefined,
      description: { kind: 'text', text: '' },
    });
  });

  it('writes accounts in the client SS58 format', () => {
    const entry = codecs.entry('PhalaStakePool', 'StakePools');
    const pool = decodePool(
      entry.decode(encoded('phalaStakePool', 'stakePools', { pid: 1, owner: ALICE })),
      [],
      undefined,
      0,
    );
    expect(pool!.owner).toBe('15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5');
  });

  it('decodes stakers, registry workers, miners, tokenomics and balances', () => {
    const staker = { user: ALICE, locked: 5n, shares: 4n, availableRewards: 3n, rewardDebt: 2n };
    expect(
      decodeStaker(
        codecs
          .entry('PhalaStakePool', 'PoolStakers')
          .decode(encoded('phalaStakePool', 'poolStakers', staker)),
        30,
      ),
    ).toEqual({ user: ALICE, locked: 5n, shares: 4n, availableRewards: 3n, rewardDebt: 2n });

    const worker = {
      pubkey: WORKER,
      ecdhPubkey: WORKER,
      runtimeVersion: 1,
      lastUpdated: 2,
      operator: BOB,
      confidenceLevel: 2,
      initialScore: 2300,
      features: [8, 1],
    };
    expect(
      decodeRegistryWorker(
        codecs.entry('PhalaRegistry', 'Workers').decode(encoded('phalaRegistry', 'workers', worker)),
        30,
      ),
    ).toEqual({ pubkey: WORKER, operator: BOB, confidenceLevel: 2, initialScore: 2300, features: [8, 1] });
    expect(
      decodeRegistryWorker(
        codecs
          .entry('PhalaRegistry', 'Workers')
          .decode(encoded('phalaRegistry', 'workers', { ...worker, operator: null, initialScore: null })),
        30,
      ),
    ).toMatchObject({ operator: undefined, initialScore: undefined });

    const miner = {
      state: 'MiningCoolingDown',
      ve: 3n << 64n,
      v: 2n << 64n,
      vUpdatedAt: 1_700_000_100n,
      benchmark: { pInit: 2300, pInstant: 2100, iterations: 9, miningStartTime: 5, challengeTimeLast: 6 },
      coolDownStart: 1_700_000_200n,
      stats: { totalReward: 777n },
    };
    expect(
      decodeMiner(codecs.entry('PhalaMining', 'Miners').decode(encoded('phalaMining', 'miners', miner))),
    ).toEqual({
      state: 'MiningCoolingDown',
      ve: 3n << 64n,
      v: 2n << 64n,
      vUpdatedAt: 1_700_000_100n,
      pInit: 2300,
      pInstant: 2100,
      coolDownStart: 1_700_000_200n,
      totalReward: 777n,
    });

    const params = Object.fromEntries(
      TOKENOMIC_FIELD_ORDER.map((n, i) => [n, n === 'heartbeatWindow' ? 10 : BigInt(i + 1) << 60n]),
    );
    const tokenomics = decodeTokenomics(
      codecs
        .entry('PhalaMining', 'TokenomicParameters')
        .decode(encoded('phalaMining', 'tokenomicParameters', params)),
    );
    expect(tokenomics).toEqual(params);

    const account = { nonce: 1, data: { free: 100n, reserved: 7n, miscFrozen: 60n, feeFrozen: 60n } };
    const locks = [
      { id: '0x7068616c612f7370', amount: 60n, reasons: 'All' },
      { id: '0x7374616b696e6720', amount: 10n, reasons: 'All' },
    ];
    expect(
      accountBalance(
        codecs.entry('System', 'Account').decode(encoded('system', 'account', account)),
        codecs.entry('Balances', 'Locks').decode(encoded('balances', 'locks', locks)),
        codecs.entry('PhalaStakePool', 'StakeLedger').decode(encoded('phalaStakePool', 'stakeLedger', 60n)),
      ),
    ).toEqual({ free: 100n, reserved: 7n, frozen: 60n, lockedByPools: 60n, delegable: 40n });
  });

  it('gives the declared default for absent value-query items', () => {
    expect(codecs.entry('PhalaStakePool', 'PoolCount').decode(null)).toBe(0n);
    expect(codecs.entry('PhalaStakePool', 'MiningEnabled').decode(null)).toBe(false);
    expect(codecs.entry('Balances', 'Locks').decode(null)).toEqual([]);
  });
});
