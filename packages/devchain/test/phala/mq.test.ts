import { u8aToHex } from '@polkadot/util';
import { sr25519PairFromSeed, sr25519Sign } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bind, Miners, startMining } from '../../src/pallets/phala/mining/index.js';
import {
  checkMqSequence,
  checkMqSequenceHook,
  type MessageValue,
  MiningReportEvent,
  Mq,
  mqTag,
  OffchainIngress,
  OutboundMessages,
  QueuedOutboundMessage,
  queueMessage,
  RegistryEvent,
  signedPayload,
  TOPICS,
  utf8Hex,
} from '../../src/pallets/phala/mq/index.js';
import {
  devGatekeeperKeys,
  GatekeeperMasterPubkey,
  Registry,
  Workers,
} from '../../src/pallets/phala/registry/index.js';
import { encode, type Hex } from '../../src/scale/types.js';
import {
  accountOf,
  callOf,
  eventsOf,
  moduleError,
  phalaExt,
  ROOT,
  ready,
  registerWorker,
  runCall,
  signed,
  snapshot,
} from '../helpers/palletTest.js';

const RELAYER = accountOf(9);
let worker: { publicKey: Uint8Array; secretKey: Uint8Array };
let W: Hex;

beforeAll(async () => {
  await ready();
  worker = sr25519PairFromSeed(new Uint8Array(32).fill(7));
  W = u8aToHex(worker.publicKey) as Hex;
});

function sign(message: MessageValue, sequence: bigint, secret = worker): Hex {
  return u8aToHex(sr25519Sign(signedPayload(message, sequence), secret)) as Hex;
}

function benchReport(startTime: bigint, iterations: bigint): MessageValue {
  return {
    sender: { tag: 'Worker', value: W },
    destination: TOPICS.registryEvent,
    payload: u8aToHex(
      encode(RegistryEvent, { tag: 'BenchReport', value: { start_time: startTime, iterations } }),
    ) as Hex,
  };
}

const sync = (ext: ReturnType<typeof phalaExt>, message: MessageValue, sequence: bigint, signature: Hex) =>
  runCall(
    ext,
    signed(RELAYER),
    callOf('PhalaMq', 'sync_offchain_message', { signed_message: { message, sequence, signature } }),
  );

describe('sync_offchain_message', () => {
  it('verifies, bumps the sequence and routes a worker benchmark report', () => {
    const ext = phalaExt();
    runCall(
      ext,
      ROOT,
      callOf('PhalaRegistry', 'force_register_worker', { pubkey: W, ecdh_pubkey: W, operator: RELAYER }),
    );
    ext.events.length = 0;
    const message = benchReport(BigInt(ext.nowMs - 10_000), 1000n);
    expect(sync(ext, message, 0n, sign(message, 0n))).toBeUndefined();
    expect(OffchainIngress.get(ext.state, { tag: 'Worker', value: W })).toBe(1n);
    // 1000 iterations over 10 s → 100/s × 6
    expect(Workers.get(ext.state, W)!.initial_score).toBe(600);
    expect(eventsOf(ext, 'PhalaRegistry')).toEqual([
      { name: 'PhalaRegistry.InitialScoreSet', fields: { pubkey: W, init_score: 600 } },
    ]);
    // `^` topics are on-chain only: the report is not pushed to off-chain subscribers
    expect(OutboundMessages.get(ext.state).some((m) => m.destination === TOPICS.registryEvent)).toBe(false);
  });

  it('rejects bad senders, destinations, sequences and signatures without any state change', () => {
    const ext = phalaExt();
    const message = benchReport(0n, 1n);
    const good = sign(message, 0n);
    const before = snapshot(ext);
    expect(
      runCall(
        ext,
        ROOT,
        callOf('PhalaMq', 'sync_offchain_message', {
          signed_message: { message, sequence: 0n, signature: good },
        }),
      ),
    ).toBe('BadOrigin');
    const fromPallet = { ...message, sender: { tag: 'Pallet', value: utf8Hex('x') } } as MessageValue;
    expect(sync(ext, fromPallet, 0n, good)).toEqual(moduleError(Mq, 'BadSender'));
    expect(sync(ext, { ...message, destination: '0x' }, 0n, good)).toEqual(moduleError(Mq, 'BadDestination'));
    expect(sync(ext, { ...message, destination: utf8Hex('#secret') }, 0n, good)).toEqual(
      moduleError(Mq, 'BadDestination'),
    );
    expect(sync(ext, message, 1n, sign(message, 1n))).toEqual(moduleError(Mq, 'BadSequence'));
    expect(sync(ext, message, 0n, '0x00')).toEqual(moduleError(Registry, 'InvalidSignatureLength'));
    expect(sync(ext, message, 0n, sign(message, 1n))).toEqual(moduleError(Registry, 'InvalidSignature'));
    const fromCluster = { ...message, sender: { tag: 'Cluster', value: accountOf(3) } } as MessageValue;
    expect(sync(ext, fromCluster, 0n, good)).toEqual(moduleError(Registry, 'UnknownCluster'));
    const fromContract = { ...message, sender: { tag: 'Contract', value: accountOf(3) } } as MessageValue;
    expect(sync(ext, fromContract, 0n, good)).toEqual(moduleError(Registry, 'UnknownContract'));
    expect(snapshot(ext)).toEqual(before);
    GatekeeperMasterPubkey.kill(ext.state);
    expect(sync(ext, { ...message, sender: { tag: 'Gatekeeper' } }, 0n, good)).toEqual(
      moduleError(Registry, 'MasterKeyUninitialized'),
    );
  });

  it('swallows handler errors: the message is consumed and the extrinsic succeeds', () => {
    const ext = phalaExt();
    // an unregistered worker's bench report fails nowhere visible; a heartbeat of an unbound worker fails in the handler
    const heartbeat: MessageValue = {
      sender: { tag: 'Worker', value: W },
      destination: TOPICS.miningReport,
      payload: u8aToHex(
        encode(MiningReportEvent, {
          tag: 'Heartbeat',
          value: { session_id: 0, challenge_block: 0, challenge_time: 0n, iterations: 0n },
        }),
      ) as Hex,
    };
    expect(sync(ext, heartbeat, 0n, sign(heartbeat, 0n))).toBeUndefined();
    expect(OffchainIngress.get(ext.state, heartbeat.sender)).toBe(1n);
    // worker messages on an off-chain topic are relayed to subscribers too
    expect(OutboundMessages.get(ext.state)).toContainEqual(heartbeat);
    const garbage = { ...heartbeat, payload: '0xff' as Hex };
    expect(sync(ext, garbage, 1n, sign(garbage, 1n))).toBeUndefined();
    expect(OffchainIngress.get(ext.state, heartbeat.sender)).toBe(2n);
  });

  it('routes a signed heartbeat to PhalaMining', () => {
    const ext = phalaExt();
    registerWorker(ext, W, RELAYER, 2000);
    bind(ext, accountOf(0x50), W);
    startMining(ext, accountOf(0x50), 10_000n * 10n ** 12n);
    const heartbeat: MessageValue = {
      sender: { tag: 'Worker', value: W },
      destination: TOPICS.miningReport,
      payload: u8aToHex(
        encode(MiningReportEvent, {
          tag: 'Heartbeat',
          value: { session_id: 0, challenge_block: 1, challenge_time: BigInt(ext.nowMs), iterations: 9n },
        }),
      ) as Hex,
    };
    expect(sync(ext, heartbeat, 0n, sign(heartbeat, 0n))).toBeUndefined();
    expect(Miners.get(ext.state, accountOf(0x50))!.benchmark.iterations).toBe(9n);
  });

  it('accepts gatekeeper messages signed with the master key', () => {
    const ext = phalaExt();
    const master = devGatekeeperKeys().master;
    const message: MessageValue = {
      sender: { tag: 'Gatekeeper' },
      destination: TOPICS.miningUpdate,
      payload: '0x',
    };
    expect(sync(ext, message, 0n, sign(message, 0n, sr25519PairFromSeed(master.seed)))).toBeUndefined();
    expect(OffchainIngress.get(ext.state, { tag: 'Gatekeeper' })).toBe(1n);
  });
});

describe('push_message / force_push_pallet_message / queue', () => {
  it('push_message sends as the signer; force_push_pallet_message as Pallet("ForcePushed")', () => {
    const ext = phalaExt();
    const destination = utf8Hex('some/topic');
    expect(runCall(ext, ROOT, callOf('PhalaMq', 'push_message', { destination, payload: '0x01' }))).toBe(
      'BadOrigin',
    );
    expect(
      runCall(ext, signed(RELAYER), callOf('PhalaMq', 'push_message', { destination, payload: '0x01' })),
    ).toBeUndefined();
    expect(
      runCall(
        ext,
        signed(RELAYER),
        callOf('PhalaMq', 'force_push_pallet_message', { destination, payload: '0x02' }),
      ),
    ).toBe('BadOrigin');
    expect(
      runCall(ext, ROOT, callOf('PhalaMq', 'force_push_pallet_message', { destination, payload: '0x02' })),
    ).toBeUndefined();
    expect(OutboundMessages.get(ext.state)).toEqual([
      { sender: { tag: 'AccountId', value: RELAYER }, destination, payload: '0x01' },
      { sender: { tag: 'Pallet', value: utf8Hex('ForcePushed') }, destination, payload: '0x02' },
    ]);
  });

  it('clears outbound messages and delivers queued ones at the start of a block', () => {
    const ext = phalaExt();
    const destination = utf8Hex('some/topic');
    runCall(ext, ROOT, callOf('PhalaMq', 'force_push_pallet_message', { destination, payload: '0x02' }));
    const queued: MessageValue = {
      sender: { tag: 'Pallet', value: utf8Hex('PhalaMining') },
      destination,
      payload: '0x03',
    };
    queueMessage(ext, queued);
    Mq.spec.onInitialize!(ext);
    expect(OutboundMessages.get(ext.state)).toEqual([queued]);
    expect(QueuedOutboundMessage.get(ext.state)).toBeUndefined();
  });
});

describe('CheckMqSequence', () => {
  const call = (sequence: bigint) =>
    callOf('PhalaMq', 'sync_offchain_message', {
      signed_message: {
        message: { sender: { tag: 'Worker', value: W }, destination: '0x', payload: '0x' },
        sequence,
        signature: '0x',
      },
    });

  it('drops stale messages, chains future ones and ignores other calls', () => {
    const ext = phalaExt();
    OffchainIngress.set(ext.state, { tag: 'Worker', value: W }, 1n);
    const sender = { tag: 'Worker', value: W } as const;
    expect(checkMqSequence(ext.state, call(0n))).toEqual({ stale: true });
    expect(checkMqSequence(ext.state, call(1n))).toEqual({ provides: [mqTag(sender, 1n)], requires: [] });
    expect(checkMqSequence(ext.state, call(3n))).toEqual({
      provides: [mqTag(sender, 3n)],
      requires: [mqTag(sender, 2n)],
    });
    expect(checkMqSequence(ext.state, call(3n), 'preDispatch')).toEqual({ future: true });
    expect(checkMqSequence(ext.state, callOf('System', 'remark', { remark: '0x' }))).toEqual({
      provides: [],
      requires: [],
    });
    expect(checkMqSequenceHook(ext, call(0n))).toBe('Stale');
    expect(checkMqSequenceHook(ext, call(2n))).toBe('Future');
  });

  it('tags are SCALE(("PhalaMqOffchainMessages", sender, seq))', () => {
    const tag = mqTag({ tag: 'Gatekeeper' }, 1n);
    // compact length 23 (0x5c) ‖ ASCII ‖ variant 5 ‖ u64 LE
    expect(tag).toBe(`0x5c${Buffer.from('PhalaMqOffchainMessages').toString('hex')}050100000000000000`);
  });
});
