/** Dev-only registration of simulated workers (the dev chain's stand-in for a pRuntime's attested registration). */
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Ext } from '../../../runtime/ext.js';
import type { Hex } from '../../../scale/types.js';
import { Declaration as Registry } from './declaration.js';
import { pushWorkerEvent } from './operations.js';
import { BenchmarkDuration, MAX_SCORE, Workers } from './storage.js';
import type { WorkerInfoValue } from './types.js';

// Dev helpers

export interface DevWorkerOptions {
  pubkey: Hex;
  /** default: a value derived from the pubkey (the dev chain never uses it for encryption) */
  ecdhPubkey?: Hex;
  operator: Hex | undefined;
  /** 1–5 as an IAS report would give, or 128 for forced/genesis workers */
  confidenceLevel: number;
  initialScore: number;
  /** CPU cores: WorkerInfo.features = [cores, featureLevel] as pRuntime reports them */
  cores: number;
  /** CPU feature level pRuntime reports (default 4) */
  featureLevel?: number;
  /** pRuntime version the worker registered with (default 1) */
  runtimeVersion?: number;
}

/**
 * Registers a worker exactly as `register_worker` followed by its benchmark report would leave it: WorkerInfo with
 * the operator, confidence level and initial score (last_updated in ms, as the benchmark report writes it), the
 * Registered / BenchStart / BenchScore messages to the worker, and WorkerAdded + InitialScoreSet events. The dev
 * chain cannot verify IAS attestations, so this is how simulated workers come to exist.
 */
export function devRegisterWorker(ext: Ext, options: DevWorkerOptions): WorkerInfoValue {
  const { pubkey, operator, confidenceLevel, initialScore, cores } = options;
  if (!Number.isInteger(initialScore) || initialScore < 0 || initialScore > MAX_SCORE) {
    throw new RangeError(`initial score must be an integer in 0..=${MAX_SCORE}, got ${initialScore}`);
  }
  const ecdh =
    options.ecdhPubkey ??
    (u8aToHex(blake2AsU8a(u8aConcat(Buffer.from('ecdh'), hexToU8a(pubkey)), 256)) as Hex);
  const existed = Workers.get(ext.state, pubkey);
  const info: WorkerInfoValue = {
    pubkey,
    ecdh_pubkey: existed?.ecdh_pubkey ?? ecdh,
    runtime_version: options.runtimeVersion ?? 1,
    last_updated: BigInt(ext.nowMs),
    operator,
    confidence_level: confidenceLevel,
    initial_score: initialScore,
    features: [cores, options.featureLevel ?? 4],
  };
  Workers.set(ext.state, pubkey, info);
  pushWorkerEvent(ext, pubkey, { tag: 'Registered', value: { confidence_level: confidenceLevel } });
  if (existed) Registry.emit(ext, 'WorkerUpdated', { pubkey, confidence_level: confidenceLevel });
  else Registry.emit(ext, 'WorkerAdded', { pubkey, confidence_level: confidenceLevel });
  pushWorkerEvent(ext, pubkey, {
    tag: 'BenchStart',
    value: { duration: BenchmarkDuration.get(ext.state) ?? 0 },
  });
  pushWorkerEvent(ext, pubkey, { tag: 'BenchScore', value: initialScore });
  Registry.emit(ext, 'InitialScoreSet', { pubkey, init_score: initialScore });
  return info;
}
