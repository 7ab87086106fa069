import { InputError } from '@phala-mining/errors';
/**
 * The boundary between the node (blocks, pool, RPC) and the runtime (pallets, metadata, extrinsic rules).
 * The node never decodes calls or storage values itself; it asks the runtime.
 */
import type { Hex } from '../scale/types.js';

/** Read-only view of the state of one block: raw storage keyed by lowercase `0x` hex keys. */
export interface StateReader {
  get(key: Hex): Uint8Array | undefined;
  /** Keys under `prefix`, sorted ascending (byte order = lowercase hex order). */
  keys(prefix: Hex): Hex[];
  /**
   * The values of `keys(prefix)`, in the same order (shared lists: do not modify). Optional: readers without it
   * are read key by key (see `valuesUnder`).
   */
  values?(prefix: Hex): Uint8Array[];
}

export interface RuntimeVersion {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  /** `[api id (8-byte hex), version]` */
  apis: Array<[Hex, number]>;
  transactionVersion: number;
  stateVersion: number;
}

export interface HeaderFields {
  parentHash: Hex;
  number: number;
  stateRoot: Hex;
  extrinsicsRoot: Hex;
  /** SCALE-encoded digest items */
  digest: Hex[];
}

export interface BlockBuildInput {
  parentHash: Hex;
  /** block number being built */
  number: number;
  /** unix ms carried by this block's `Timestamp.set` inherent */
  timestamp: number;
  /** Signed or unsigned extrinsics from the pool, in order. Invalid ones are skipped and reported. */
  extrinsics: Uint8Array[];
}

export type TransactionValidityError =
  | { invalid: InvalidTransaction }
  | { unknown: 'CannotLookup' | 'NoUnsignedValidator' | { Custom: number } };

export type InvalidTransaction =
  | 'Call'
  | 'Payment'
  | 'Future'
  | 'Stale'
  | 'BadProof'
  | 'AncientBirthBlock'
  | 'ExhaustsResources'
  | 'BadMandatory'
  | 'MandatoryValidation'
  | 'BadSigner'
  | { Custom: number };

export interface ValidTransaction {
  priority: bigint;
  /** tags (hex) this transaction needs before it can be included: `(sender, nonce - 1)` */
  requires: Hex[];
  /** tags (hex) it provides: `(sender, nonce)` */
  provides: Hex[];
  longevity: bigint;
  propagate: boolean;
}

export type Validity = { ok: ValidTransaction } | { err: TransactionValidityError; reason: string };

export interface BuiltBlock {
  header: HeaderFields;
  /** encoded SCALE header; the block hash is blake2-256 of it */
  encodedHeader: Uint8Array;
  hash: Hex;
  /** all extrinsics in the block, inherents first, each SCALE-encoded as in a block body */
  extrinsics: Uint8Array[];
  /** the full post-block state (copy-on-write from the parent; never mutate) */
  state: StateReader;
  /** pool extrinsics that could not be applied (stale, bad proof …) and why */
  rejected: Array<{ extrinsic: Uint8Array; error: TransactionValidityError; reason: string }>;
  /** pool extrinsics that are not yet valid (future nonce) and stay in the pool */
  deferred: Uint8Array[];
}

export interface Runtime {
  readonly version: RuntimeVersion;
  /** SS58 prefix, token symbol and decimals for `system_properties` */
  readonly properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
  readonly chainName: string;
  /** genesis state (includes `:code`) */
  genesis(): StateReader;
  /** genesis header and hash */
  genesisBlock(): BuiltBlock;
  buildBlock(parent: StateReader, input: BlockBuildInput): BuiltBlock;
  /** TaggedTransactionQueue_validate_transaction semantics against the state of a block */
  validateTransaction(
    state: StateReader,
    extrinsic: Uint8Array,
    atBlock: { number: number; hash: Hex },
  ): Validity;
  /**
   * `state_call` / `chainHead_v1_call`: Core_version, Metadata_metadata, Metadata_metadata_versions,
   * Metadata_metadata_at_version, AccountNonceApi_account_nonce, TransactionPaymentApi_query_info,
   * TransactionPaymentApi_query_fee_details, TaggedTransactionQueue_validate_transaction, BlockBuilder_*.
   * Throws `RuntimeCallError` for unknown methods or undecodable input.
   */
  call(
    state: StateReader,
    method: string,
    args: Uint8Array,
    atBlock: { number: number; hash: Hex },
  ): Uint8Array;
  /** encoded metadata (RuntimeMetadataPrefixed V14), as `state_getMetadata` returns it */
  metadata(): Uint8Array;
  /** computes the storage changes of a dev control on top of a block (throws `DevActionError` on bad input) */
  devAction?(state: StateReader, atBlock: { number: number; hash: Hex }, action: DevAction): DevActionResult;
}

/** Dev-only controls of the simulated Phala workers and gatekeeper, applied as storage changes on top of a block. */
export type DevAction =
  | { kind: 'registerWorker'; operator: Hex; score: number; cores: number; confidence: number; pubkey?: Hex }
  | { kind: 'setWorkerOnline'; pubkey: Hex; online: boolean }
  | { kind: 'setInstantScore'; pubkey: Hex; score: number }
  | { kind: 'setGatekeeperPaused'; paused: boolean }
  | { kind: 'settle' };

export interface DevActionResult {
  changes: Array<[Hex, Uint8Array | null]>;
  /** the registered worker's public key, for `registerWorker` */
  pubkey?: Hex;
}

/** A dev control (register a worker, set it online, settle, …) refused its input. */
export class DevActionError extends InputError {
  override readonly name = 'DevActionError' as const;
  readonly code = 'DevActionRefused' as const;
}

/** A runtime API call with an unknown method or undecodable arguments. */
export class RuntimeCallError extends InputError {
  override readonly name = 'RuntimeCallError' as const;
  readonly code = 'RuntimeCallFailed' as const;
}
