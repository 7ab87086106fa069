/**
 * The Substrate runtime APIs the dev chain implements, declared once: their ids and versions go into
 * `RuntimeVersion.apis`, their method signatures into metadata V15. The implementations are in runtimeApi.ts.
 */
import { blake2AsHex } from '@polkadot/util-crypto';
import { RuntimeVersionType } from '../pallets/system/types.js';
import { type Hex, option, type ScaleType, u32, vec } from '../scale/types.js';
import {
  ApplyExtrinsicResult,
  FeeDetails,
  OpaqueMetadata,
  RuntimeDispatchInfo,
  TransactionSource,
  TransactionValidity,
} from './apiTypes.js';
import type { RuntimeApiDecl } from './metadata.js';
import { AccountId32, H256 } from './primitives.js';

/**
 * The ids of the APIs below, written out (a test checks each against blake2-64): `KHALA_VERSION` takes them at
 * module load, before the WASM hasher is up, and hashing them in pure JS was ~1 ms of every fresh process's start.
 */
const KNOWN_API_IDS: Readonly<Record<string, Hex>> = {
  Core: '0xdf6acb689907609b',
  Metadata: '0x37e397fc7c91f5e4',
  BlockBuilder: '0x40fe3ad401f8959a',
  TaggedTransactionQueue: '0xd2bc9897eed08f15',
  AccountNonceApi: '0xbc9d89904f5b923f',
  TransactionPaymentApi: '0x37c8bb1350a9a2a8',
};

/** The 8-byte id of a runtime API: blake2-64 of its trait name. */
export const apiId = (name: string): Hex =>
  Object.hasOwn(KNOWN_API_IDS, name) ? KNOWN_API_IDS[name]! : (blake2AsHex(name, 64) as Hex);

/** `apiId` computed, never from the written-out table (for the test that checks the table). */
export const hashedApiId = (name: string): Hex => blake2AsHex(name, 64) as Hex;

/** `[id, version]` of every API the dev chain serves, in `RuntimeVersion.apis` order. */
export const RUNTIME_APIS: ReadonlyArray<readonly [name: string, version: number]> = [
  ['Core', 4],
  ['Metadata', 2],
  ['BlockBuilder', 6],
  ['TaggedTransactionQueue', 3],
  ['AccountNonceApi', 1],
  ['TransactionPaymentApi', 4],
];

export function runtimeApiVersions(): Array<[Hex, number]> {
  return RUNTIME_APIS.map(([name, version]) => [apiId(name), version]);
}

/** The API declarations of metadata V15, with `UncheckedExtrinsic` as the runtime declares it. */
export function runtimeApiDecls(UncheckedExtrinsic: ScaleType<Hex>): RuntimeApiDecl[] {
  const id = apiId;
  return [
    {
      name: 'Core',
      id: id('Core'),
      version: 4,
      methods: [
        {
          name: 'version',
          inputs: [],
          output: RuntimeVersionType,
          docs: [' Returns the version of the runtime.'],
        },
      ],
      docs: [' The `Core` runtime api that every Substrate runtime needs to implement.'],
    },
    {
      name: 'Metadata',
      id: id('Metadata'),
      version: 2,
      methods: [
        {
          name: 'metadata',
          inputs: [],
          output: OpaqueMetadata,
          docs: [' Returns the metadata of a runtime.'],
        },
        {
          name: 'metadata_at_version',
          inputs: [{ name: 'version', type: u32 }],
          output: option(OpaqueMetadata),
          docs: [' Returns the metadata at a given version.'],
        },
        {
          name: 'metadata_versions',
          inputs: [],
          output: vec(u32),
          docs: [' Returns the supported metadata versions.'],
        },
      ],
      docs: [' The `Metadata` api trait that returns metadata for the runtime.'],
    },
    {
      name: 'BlockBuilder',
      id: id('BlockBuilder'),
      version: 6,
      methods: [
        {
          name: 'apply_extrinsic',
          inputs: [{ name: 'extrinsic', type: UncheckedExtrinsic }],
          output: ApplyExtrinsicResult,
          docs: [' Apply the given extrinsic.'],
        },
      ],
      docs: [' The `BlockBuilder` api trait that provides the required functionality for building a block.'],
    },
    {
      name: 'TaggedTransactionQueue',
      id: id('TaggedTransactionQueue'),
      version: 3,
      methods: [
        {
          name: 'validate_transaction',
          inputs: [
            { name: 'source', type: TransactionSource },
            { name: 'tx', type: UncheckedExtrinsic },
            { name: 'block_hash', type: H256 },
          ],
          output: TransactionValidity,
          docs: [' Validate the transaction.'],
        },
      ],
      docs: [' The `TaggedTransactionQueue` api trait for interfering with the transaction queue.'],
    },
    {
      name: 'AccountNonceApi',
      id: id('AccountNonceApi'),
      version: 1,
      methods: [
        {
          name: 'account_nonce',
          inputs: [{ name: 'account', type: AccountId32 }],
          output: u32,
          docs: [' Get current account nonce of given `AccountId`.'],
        },
      ],
      docs: [' The API to query account nonce.'],
    },
    {
      name: 'TransactionPaymentApi',
      id: id('TransactionPaymentApi'),
      version: 4,
      methods: [
        {
          name: 'query_info',
          inputs: [
            { name: 'uxt', type: UncheckedExtrinsic },
            { name: 'len', type: u32 },
          ],
          output: RuntimeDispatchInfo,
        },
        {
          name: 'query_fee_details',
          inputs: [
            { name: 'uxt', type: UncheckedExtrinsic },
            { name: 'len', type: u32 },
          ],
          output: FeeDetails,
        },
      ],
    },
  ];
}
