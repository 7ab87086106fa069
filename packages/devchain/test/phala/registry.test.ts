import { u8aToHex } from '@polkadot/util';
import { sr25519PairFromSeed, sr25519Sign } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutboundMessages, SystemEvent, TOPICS, utf8Hex } from '../../src/pallets/phala/mq/index.js';
import {
  BenchmarkDuration,
  benchScore,
  devGatekeeperKeys,
  devRegisterWorker,
  Endpoints,
  Gatekeeper,
  GatekeeperMasterPubkey,
  GatekeeperRegistryEvent,
  MasterKeyRotationLock,
  PRuntimeAddedAt,
  PRuntimeAllowList,
  Registry,
  RegistryEvent,
  RelaychainGenesisBlockHashAllowList,
  RotationCounter,
  TopicKey,
  WorkerEndpointPayload,
  Workers,
} from '../../src/pallets/phala/registry/index.js';
import { decodeAll, encode, type Hex } from '../../src/scale/types.js';
import {
  accountOf,
  callOf,
  deliver,
  eventsOf,
  moduleError,
  phalaExt,
  ROOT,
  ready,
  runCall,
  signed,
  snapshot,
  worker,
} from '../helpers/palletTest.js';

const ALICE = accountOf(1);
const W = worker(0xaa);
const W2 = worker(0xbb);
const err = (name: string) => moduleError(Registry, name);
const call = (name: string, args: Record<string, unknown> = {}) => callOf('PhalaRegistry', name, args);

beforeAll(ready);

describe('genesis', () => {
  it('has the khala-dev benchmark duration and the simulated gatekeeper with its master key', () => {
    const ext = phalaExt();
    const gk = devGatekeeperKeys();
    expect(BenchmarkDuration.get(ext.state)).toBe(1);
    expect(Gatekeeper.get(ext.state)).toEqual([gk.identity.publicKey]);
    expect(GatekeeperMasterPubkey.get(ext.state)).toBe(gk.master.publicKey);
    expect(Workers.get(ext.state, gk.identity.publicKey)!.confidence_level).toBe(128);
  });
});

describe('governance calls', () => {
  const govCalls: Array<[string, Record<string, unknown>]> = [
    ['force_set_benchmark_duration', { value: 3 }],
    ['force_register_worker', { pubkey: W, ecdh_pubkey: W, operator: ALICE }],
    ['force_register_topic_pubkey', { topic: '0x01', pubkey: '0x02' }],
    ['register_gatekeeper', { gatekeeper: W }],
    ['unregister_gatekeeper', { gatekeeper: W }],
    ['rotate_master_key', {}],
    ['add_pruntime', { pruntime_hash: '0x01' }],
    ['remove_pruntime', { pruntime_hash: '0x01' }],
    ['add_relaychain_genesis_block_hash', { genesis_block_hash: accountOf(5) }],
    ['remove_relaychain_genesis_block_hash', { genesis_block_hash: accountOf(5) }],
    ['retire_pruntime', { condition: { tag: 'VersionLessThan', value: [2, 4, 0] } }],
    ['set_pruntime_consensus_version', { version: 1 }],
  ];
  for (const [name, args] of govCalls) {
    it(`${name} is BadOrigin for a signed origin`, () => {
      const ext = phalaExt();
      const before = snapshot(ext);
      expect(runCall(ext, signed(ALICE), call(name, args))).toBe('BadOrigin');
      expect(snapshot(ext)).toEqual(before);
    });
  }

  it('force_register_worker: confidence 128, features [1,4], no benchmark', () => {
    const ext = phalaExt();
    expect(
      runCall(ext, ROOT, call('force_register_worker', { pubkey: W, ecdh_pubkey: W2, operator: ALICE })),
    ).toBeUndefined();
    expect(Workers.get(ext.state, W)).toEqual({
      pubkey: W,
      ecdh_pubkey: W2,
      runtime_version: 0,
      last_updated: 0n,
      operator: ALICE,
      confidence_level: 128,
      initial_score: undefined,
      features: [1, 4],
    });
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.WorkerAdded', fields: { pubkey: W, confidence_level: 128 } },
    ]);
    const messages = OutboundMessages.get(ext.state).map((m) => decodeAll(SystemEvent, m.payload));
    expect(messages).toEqual([
      {
        tag: 'WorkerEvent',
        value: { pubkey: W, event: { tag: 'Registered', value: { confidence_level: 128 } } },
      },
    ]);
  });

  it('benchmark duration and topic keys', () => {
    const ext = phalaExt();
    runCall(ext, ROOT, call('force_set_benchmark_duration', { value: 50 }));
    runCall(ext, ROOT, call('force_register_topic_pubkey', { topic: '0x01', pubkey: '0x02' }));
    expect(BenchmarkDuration.get(ext.state)).toBe(50);
    expect(TopicKey.get(ext.state, '0x01')).toBe('0x02');
  });

  it('pRuntime allow list', () => {
    const ext = phalaExt();
    expect(runCall(ext, ROOT, call('add_pruntime', { pruntime_hash: '0xabcd' }))).toBeUndefined();
    expect(PRuntimeAllowList.get(ext.state)).toEqual(['0xabcd']);
    expect(PRuntimeAddedAt.get(ext.state, '0xabcd')).toBe(ext.blockNumber);
    expect(runCall(ext, ROOT, call('add_pruntime', { pruntime_hash: '0xabcd' }))).toEqual(
      err('PRuntimeAlreadyExists'),
    );
    expect(runCall(ext, ROOT, call('remove_pruntime', { pruntime_hash: '0x01' }))).toEqual(
      err('PRuntimeNotFound'),
    );
    expect(runCall(ext, ROOT, call('remove_pruntime', { pruntime_hash: '0xabcd' }))).toBeUndefined();
    expect(PRuntimeAllowList.get(ext.state)).toEqual([]);
    expect(PRuntimeAddedAt.has(ext.state, '0xabcd')).toBe(false);
  });

  it('relay chain genesis allow list', () => {
    const ext = phalaExt();
    const hash = accountOf(5);
    expect(
      runCall(ext, ROOT, call('add_relaychain_genesis_block_hash', { genesis_block_hash: hash })),
    ).toBeUndefined();
    expect(
      runCall(ext, ROOT, call('add_relaychain_genesis_block_hash', { genesis_block_hash: hash })),
    ).toEqual(err('GenesisBlockHashAlreadyExists'));
    expect(RelaychainGenesisBlockHashAllowList.get(ext.state)).toEqual([hash]);
    expect(
      runCall(ext, ROOT, call('remove_relaychain_genesis_block_hash', { genesis_block_hash: accountOf(6) })),
    ).toEqual(err('GenesisBlockHashNotFound'));
    expect(
      runCall(ext, ROOT, call('remove_relaychain_genesis_block_hash', { genesis_block_hash: hash })),
    ).toBeUndefined();
    expect(RelaychainGenesisBlockHashAllowList.get(ext.state)).toEqual([]);
  });

  it('gatekeeper registration, unregistration and master key rotation', () => {
    const ext = phalaExt();
    const gk = devGatekeeperKeys();
    expect(runCall(ext, ROOT, call('register_gatekeeper', { gatekeeper: W }))).toEqual(err('WorkerNotFound'));
    runCall(ext, ROOT, call('force_register_worker', { pubkey: W, ecdh_pubkey: W2, operator: undefined }));
    ext.events.length = 0;
    expect(runCall(ext, ROOT, call('register_gatekeeper', { gatekeeper: W }))).toBeUndefined();
    expect(Gatekeeper.get(ext.state)).toEqual([gk.identity.publicKey, W]);
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.GatekeeperAdded', fields: { pubkey: W } },
    ]);
    expect(runCall(ext, ROOT, call('unregister_gatekeeper', { gatekeeper: W2 }))).toEqual(
      err('InvalidGatekeeper'),
    );

    expect(runCall(ext, ROOT, call('rotate_master_key'))).toBeUndefined();
    expect(RotationCounter.get(ext.state)).toBe(1n);
    expect(MasterKeyRotationLock.get(ext.state)).toBe(1n);
    const before = snapshot(ext);
    expect(runCall(ext, ROOT, call('rotate_master_key'))).toEqual(err('MasterKeyInRotation'));
    expect(runCall(ext, ROOT, call('register_gatekeeper', { gatekeeper: W }))).toEqual(
      err('MasterKeyInRotation'),
    );
    expect(runCall(ext, ROOT, call('unregister_gatekeeper', { gatekeeper: W }))).toEqual(
      err('MasterKeyInRotation'),
    );
    expect(snapshot(ext)).toEqual(before);

    // a report for another rotation fails, but its failure event stays (handler writes are not rolled back)
    ext.events.length = 0;
    const rotated = { tag: 'RotatedMasterPubkey', value: { rotation_id: 2n, master_pubkey: W2 } } as const;
    expect(
      deliver(ext, { tag: 'Gatekeeper' }, TOPICS.registryGkEvent, GatekeeperRegistryEvent, rotated),
    ).toEqual(expect.objectContaining({ error: err('InvalidRotatedMasterPubkey') }));
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      {
        name: 'PhalaRegistry.MasterKeyRotationFailed',
        fields: { rotation_lock: 1n, gatekeeper_rotation_id: 2n },
      },
    ]);
    expect(
      deliver(ext, { tag: 'Worker', value: W }, TOPICS.registryGkEvent, GatekeeperRegistryEvent, rotated),
    ).toEqual(expect.objectContaining({ error: err('InvalidSender') }));
    ext.events.length = 0;
    deliver(ext, { tag: 'Gatekeeper' }, TOPICS.registryGkEvent, GatekeeperRegistryEvent, {
      ...rotated,
      value: { ...rotated.value, rotation_id: 1n },
    });
    expect(GatekeeperMasterPubkey.get(ext.state)).toBe(W2);
    expect(MasterKeyRotationLock.get(ext.state)).toBeUndefined();
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.MasterKeyRotated', fields: { rotation_id: 1n, master_pubkey: W2 } },
    ]);

    expect(runCall(ext, ROOT, call('unregister_gatekeeper', { gatekeeper: W }))).toBeUndefined();
    expect(runCall(ext, ROOT, call('unregister_gatekeeper', { gatekeeper: gk.identity.publicKey }))).toEqual(
      err('CannotRemoveLastGatekeeper'),
    );
  });

  it('a second gatekeeper needs the master key on chain', () => {
    const ext = phalaExt();
    GatekeeperMasterPubkey.kill(ext.state);
    runCall(ext, ROOT, call('force_register_worker', { pubkey: W, ecdh_pubkey: W2, operator: undefined }));
    expect(runCall(ext, ROOT, call('register_gatekeeper', { gatekeeper: W }))).toEqual(
      err('MasterKeyUninitialized'),
    );
  });

  it('retire_pruntime and set_pruntime_consensus_version push the event and deposit it', () => {
    const ext = phalaExt();
    const condition = { tag: 'VersionLessThan', value: [2, 4, 0] };
    runCall(ext, ROOT, call('retire_pruntime', { condition }));
    runCall(ext, ROOT, call('set_pruntime_consensus_version', { version: 3 }));
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.PRuntimeManagement', fields: { tag: 'RetirePRuntime', value: condition } },
      { name: 'PhalaRegistry.PRuntimeManagement', fields: { tag: 'SetConsensusVersion', value: 3 } },
    ]);
    expect(OutboundMessages.get(ext.state).map((m) => m.destination)).toEqual([
      TOPICS.pruntimeManagement,
      TOPICS.pruntimeManagement,
    ]);
  });
});

describe('register_worker', () => {
  it('rejects every attestation: nothing chains to Intel’s root here', () => {
    const ext = phalaExt();
    const args = {
      pruntime_info: {
        version: 1,
        machine_id: '0x01',
        pubkey: W,
        ecdh_pubkey: W,
        genesis_block_hash: accountOf(0),
        features: [4, 1],
        operator: ALICE,
      },
      attestation: {
        tag: 'SgxIas',
        value: { ra_report: '0x7b7d', signature: '0x00', raw_signing_cert: '0x00' },
      },
    };
    const before = snapshot(ext);
    expect(runCall(ext, ROOT, call('register_worker', args))).toBe('BadOrigin');
    expect(runCall(ext, signed(ALICE), call('register_worker', args))).toEqual(err('InvalidIASSigningCert'));
    expect(snapshot(ext)).toEqual(before);
  });
});

describe('update_worker_endpoint', () => {
  it('checks signature, signing time and registration', () => {
    const ext = phalaExt();
    const pair = sr25519PairFromSeed(new Uint8Array(32).fill(3));
    const pubkey = u8aToHex(pair.publicKey) as Hex;
    const payload = {
      pubkey,
      versioned_endpoints: { tag: 'V1', value: ['http://w:8000'] },
      signing_time: BigInt(ext.nowMs - 1000),
    };
    const sig = (p: typeof payload) =>
      u8aToHex(sr25519Sign(encode(WorkerEndpointPayload, p as never), pair)) as Hex;
    const update = (p: typeof payload, signature: Hex) =>
      runCall(ext, signed(ALICE), call('update_worker_endpoint', { endpoint_payload: p, signature }));
    const before = snapshot(ext);
    expect(update(payload, '0x01')).toEqual(err('InvalidSignatureLength'));
    expect(update({ ...payload, signing_time: 1n }, sig(payload))).toEqual(err('InvalidSignature'));
    const future = { ...payload, signing_time: BigInt(ext.nowMs + 1) };
    expect(update(future, sig(future))).toEqual(err('InvalidEndpointSigningTime'));
    const expired = { ...payload, signing_time: BigInt(ext.nowMs) - 4n * 3600n * 1000n - 1n };
    expect(update(expired, sig(expired))).toEqual(err('InvalidEndpointSigningTime'));
    expect(update(payload, sig(payload))).toEqual(err('InvalidPubKey'));
    expect(snapshot(ext)).toEqual(before);
    runCall(ext, ROOT, call('force_register_worker', { pubkey, ecdh_pubkey: pubkey, operator: undefined }));
    expect(update(payload, sig(payload))).toBeUndefined();
    expect(Endpoints.get(ext.state, pubkey)).toEqual({ tag: 'V1', value: ['http://w:8000'] });
  });
});

describe('benchmark report', () => {
  it('score = min(6000, iterations ÷ ⌊Δms/1000⌋ × 6)', () => {
    expect(benchScore(1000n, 10_999n)).toBe(600);
    expect(benchScore(10n ** 9n, 1000n)).toBe(6000);
    expect(() => benchScore(1n, 999n)).toThrow(RangeError);
  });

  it('sets the initial score, keeps ms in last_updated and tells the worker', () => {
    const ext = phalaExt();
    runCall(ext, ROOT, call('force_register_worker', { pubkey: W, ecdh_pubkey: W, operator: ALICE }));
    ext.events.length = 0;
    const report = {
      tag: 'BenchReport',
      value: { start_time: BigInt(ext.nowMs - 12_000), iterations: 24_000n },
    } as const;
    expect(
      deliver(ext, { tag: 'Worker', value: W }, TOPICS.registryEvent, RegistryEvent, report),
    ).toBeUndefined();
    expect(Workers.get(ext.state, W)).toMatchObject({ initial_score: 6000, last_updated: BigInt(ext.nowMs) });
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.InitialScoreSet', fields: { pubkey: W, init_score: 6000 } },
    ]);
    const late = { tag: 'BenchReport', value: { start_time: BigInt(ext.nowMs), iterations: 1n } } as const;
    expect(deliver(ext, { tag: 'Worker', value: W }, TOPICS.registryEvent, RegistryEvent, late)).toEqual(
      expect.objectContaining({ error: err('InvalidBenchReport') }),
    );
    expect(deliver(ext, { tag: 'Gatekeeper' }, TOPICS.registryEvent, RegistryEvent, report)).toEqual(
      expect.objectContaining({ error: err('InvalidSender') }),
    );
  });

  it('a master key upload needs a gatekeeper and a matching key', () => {
    const ext = phalaExt();
    const gk = devGatekeeperKeys();
    const upload = (sender: Hex, key: Hex) =>
      deliver(ext, { tag: 'Worker', value: sender }, TOPICS.registryEvent, RegistryEvent, {
        tag: 'MasterPubkey',
        value: { master_pubkey: key },
      });
    expect(upload(W, W)).toEqual(expect.objectContaining({ error: err('InvalidGatekeeper') }));
    expect(upload(gk.identity.publicKey, W)).toEqual(
      expect.objectContaining({ error: err('MasterKeyMismatch') }),
    );
    expect(upload(gk.identity.publicKey, gk.master.publicKey)).toBeUndefined();
    GatekeeperMasterPubkey.kill(ext.state);
    expect(upload(gk.identity.publicKey, W)).toBeUndefined();
    expect(GatekeeperMasterPubkey.get(ext.state)).toBe(W);
  });
});

describe('devRegisterWorker', () => {
  it('leaves the worker as registration + benchmark would', () => {
    const ext = phalaExt();
    const info = devRegisterWorker(ext, {
      pubkey: W,
      operator: ALICE,
      confidenceLevel: 2,
      initialScore: 3000,
      cores: 8,
    });
    expect(Workers.get(ext.state, W)).toEqual(info);
    expect(info).toMatchObject({
      operator: ALICE,
      confidence_level: 2,
      initial_score: 3000,
      features: [8, 4],
      last_updated: BigInt(ext.nowMs),
    });
    expect(eventsOf(ext, 'PhalaRegistry').map((e) => e.name)).toEqual([
      'PhalaRegistry.WorkerAdded',
      'PhalaRegistry.InitialScoreSet',
    ]);
    expect(() =>
      devRegisterWorker(ext, {
        pubkey: W,
        operator: ALICE,
        confidenceLevel: 2,
        initialScore: 6001,
        cores: 8,
      }),
    ).toThrow(RangeError);
    devRegisterWorker(ext, {
      pubkey: W,
      operator: accountOf(4),
      confidenceLevel: 1,
      initialScore: 100,
      cores: 8,
    });
    expect(Workers.get(ext.state, W)!.ecdh_pubkey).toBe(info.ecdh_pubkey);
    expect(utf8Hex('x')).toBe('0x78');
  });
});
