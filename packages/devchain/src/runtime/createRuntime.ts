/**
 * `createRuntime` assembles one runtime from pallet declarations, a version, a genesis config and hooks — the
 * TypeScript counterpart of `construct_runtime!` plus `impl pallet::Config for Runtime`. Everything a runtime owns
 * lives on its object: its outer enums, its pallets bound to them, its metadata, its state roots. Two runtimes (say
 * spec 1190 and 1192) live side by side in one process without sharing any of it.
 */
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { eventsStorage, versionValue } from '../pallets/system/index.js';
import { Now } from '../pallets/timestamp/index.js';
import type { Hex } from '../scale/types.js';
import { runtimeApiDecls } from './apis.js';
import { BlockBuilder } from './blockBuilder.js';
import type { PalletConfigs } from './config.js';
import { Executive, type ExecutiveHooks, TransactionInvalid } from './executive.js';
import { type EventRecordValue, Ext } from './ext.js';
import {
  type DecodedExtrinsic,
  decodeExtrinsic,
  encodeUnsigned,
  uncheckedExtrinsicType,
} from './extrinsic.js';
import type { GenesisConfig } from './genesisConfig.js';
import {
  type BlockBuildInput,
  type BuiltBlock,
  type DevAction,
  type DevActionResult,
  type Runtime,
  RuntimeCallError,
  type RuntimeVersion,
  type StateReader,
  type Validity,
} from './interface.js';
import { buildMetadataV14, buildMetadataV15, prebuiltMetadataV14, prebuiltMetadataV15 } from './metadata.js';
import { createOuterTypes, type OuterTypes } from './outer.js';
import type { BoundPallet, Pallet } from './pallet.js';
import { callRuntimeApi, type RuntimeApiHost } from './runtimeApi.js';

export interface RuntimeHooks extends ExecutiveHooks {
  /** after every pallet's on_finalize but System's: the dev chain's off-chain components react to the block */
  beforeSystemFinalize?(ext: Ext): void;
  /**
   * A dev-only control, applied on an `Ext` over the block's state (its time is the block's); returns the public
   * key of a worker it registered. Throw `DevActionError` for bad input.
   */
  devAction?(ext: Ext, action: DevAction): { pubkey?: Hex } | undefined;
}

export interface RuntimeDefinition {
  /** the pallets (`construct_runtime!`), any order: each carries its index */
  pallets: readonly Pallet<any, any, any>[];
  version: RuntimeVersion;
  genesis: GenesisConfig;
  hooks: RuntimeHooks;
  /** the pallets' Config items (upward callbacks, route tables), see runtime/config.ts */
  configs?: PalletConfigs;
  /**
   * may serve the V14 and V15 metadata the package build baked (tsup.config.ts, the default Khala runtime's) — used only
   * when this runtime's code identity (version and pallets) is the one it was baked for, else built on first use
   */
  prebuiltMetadata?: boolean;
  chainName: string;
  properties: { ss58Format: number; tokenDecimals: number; tokenSymbol: string };
}

/**
 * What stands in for the wasm blob under `:code`: a hash of what makes this runtime itself — its version and its
 * pallets' calls, events, errors and storage — so clients that key metadata by the code hash (polkadot-api) tell
 * two runtimes apart, without building the metadata just to start a chain.
 */
function codeOf(version: RuntimeVersion, pallets: readonly BoundPallet[]): Uint8Array {
  const shape = pallets.map((p) => [
    p.name,
    p.index,
    [...p.callsByName.keys()],
    Object.keys(p.pallet.spec.events ?? {}),
    (p.pallet.spec.errors ?? []).map((e) => (typeof e === 'string' ? e : e[0])),
    p.storage.map((s) => s.meta.name),
    Object.keys(p.constants),
  ]);
  const identity = JSON.stringify({ version, shape });
  return u8aConcat(stringToU8a(`phala-devchain:${version.specName}:`), blake2AsU8a(identity, 256));
}

export class DevRuntime implements Runtime, RuntimeApiHost {
  readonly version: RuntimeVersion;
  readonly properties: RuntimeDefinition['properties'];
  readonly chainName: string;
  readonly executive: Executive;
  readonly outer: OuterTypes;
  /** the runtime's pallets, bound to its types, sorted by index */
  readonly pallets: readonly BoundPallet[];
  readonly versionValue: ReturnType<typeof versionValue>;
  private readonly builder: BlockBuilder;
  private readonly events;
  private readonly config: GenesisConfig;
  private readonly UncheckedExtrinsic;
  private genesisCache: BuiltBlock | undefined;
  /** extrinsics decoded so far, by the byte array read (see `decodeExtrinsic`) */
  private readonly decodedCache = new WeakMap<Uint8Array, DecodedExtrinsic>();
  /** present when the definition has dev actions (the node's dev RPC checks for it) */
  readonly devAction?: (
    state: StateReader,
    atBlock: { number: number; hash: Hex },
    action: DevAction,
  ) => DevActionResult;
  /** what stands in for the wasm blob under `:code` (see `codeOf`): this runtime's version and pallets */
  readonly code: Uint8Array;
  private readonly prebuiltMetadata: boolean;
  private v14: Uint8Array | undefined;
  private v15: Uint8Array | undefined;

  constructor(definition: RuntimeDefinition) {
    this.version = definition.version;
    this.versionValue = versionValue(definition.version);
    this.properties = definition.properties;
    this.chainName = definition.chainName;
    this.config = definition.genesis;
    let bound: BoundPallet[] = [];
    this.outer = createOuterTypes(() => bound);
    const types = { ...this.outer, version: definition.version };
    bound = [...definition.pallets].sort((a, b) => a.index - b.index).map((p) => p.bind(types));
    this.pallets = bound;
    this.code = codeOf(definition.version, bound);
    this.prebuiltMetadata = definition.prebuiltMetadata ?? false;
    this.events = eventsStorage(this.outer.EventRecords);
    this.UncheckedExtrinsic = uncheckedExtrinsicType(this.outer.RuntimeCall);
    this.executive = new Executive(
      bound,
      () => this.version,
      () => this.genesisBlock().hash,
      definition.hooks,
      definition.configs,
    );
    this.builder = new BlockBuilder({
      pallets: bound,
      executive: this.executive,
      decodeExtrinsic: (bytes) => this.decodeExtrinsic(bytes),
      encodeUnsigned: (call) => encodeUnsigned(this.outer.RuntimeCall, call),
      events: this.events,
      ...(definition.hooks.beforeSystemFinalize
        ? { beforeSystemFinalize: definition.hooks.beforeSystemFinalize }
        : {}),
    });
    const onDevAction = definition.hooks.devAction;
    if (onDevAction) {
      this.devAction = (state, atBlock, action) => {
        const ext = new Ext(state, atBlock.number + 1, atBlock.hash, this.executive);
        ext.nowMs = globalThis.Number(Now.get(state));
        const outcome = onDevAction(ext, action);
        return { changes: [...ext.state.changes], ...(outcome?.pubkey ? { pubkey: outcome.pubkey } : {}) };
      };
    }
  }

  get genesisConfig(): GenesisConfig {
    return this.config;
  }

  /** One of this runtime's pallets, bound to its types; throws for a pallet it does not have. */
  pallet(name: string): BoundPallet {
    const p = this.pallets.find((b) => b.name === name);
    if (!p) throw new TypeError(`the runtime has no pallet ${name}`);
    return p;
  }

  /** `System.Events` of a block's state, decoded with this runtime's RuntimeEvent. */
  eventsAt(state: StateReader): EventRecordValue[] {
    return this.events.get(state);
  }

  /**
   * Reads an extrinsic, once per byte array: the pool hands the same bytes to validation at submission, to each
   * revalidation and to the block that includes them, and a decoded extrinsic holds nothing that depends on state
   * (its validity is checked against the state every time). Bytes given to the runtime are not changed afterwards,
   * as the pool's are not; undecodable bytes are not remembered (they throw each time).
   */
  decodeExtrinsic(bytes: Uint8Array): DecodedExtrinsic {
    let decoded = this.decodedCache.get(bytes);
    if (decoded === undefined) {
      decoded = decodeExtrinsic(this.outer.RuntimeCall, bytes);
      this.decodedCache.set(bytes, decoded);
    }
    return decoded;
  }

  /**
   * RuntimeMetadataPrefixed V14, built on first use and kept by this runtime (or the package build's bytes, when
   * the definition allows them and they were built for this very version and pallets).
   */
  metadataV14(): Uint8Array {
    this.v14 ??=
      (this.prebuiltMetadata ? prebuiltMetadataV14(this.code) : undefined) ??
      buildMetadataV14(this.pallets, this.outer);
    return this.v14;
  }

  metadataV15(): Uint8Array {
    this.v15 ??=
      (this.prebuiltMetadata ? prebuiltMetadataV15(this.code) : undefined) ??
      buildMetadataV15(this.pallets, this.outer, runtimeApiDecls(this.UncheckedExtrinsic));
    return this.v15;
  }

  metadata(): Uint8Array {
    return this.metadataV14();
  }

  genesis(): StateReader {
    return this.genesisBlock().state;
  }

  genesisBlock(): BuiltBlock {
    this.genesisCache ??= this.builder.genesis(this.config, this.code);
    return this.genesisCache;
  }

  openBlock(parent: StateReader, number: number, parentHash: Hex): Ext {
    return this.builder.openBlock(parent, number, parentHash);
  }

  buildBlock(parent: StateReader, input: BlockBuildInput): BuiltBlock {
    const built = this.builder.build(parent, input);
    // the last read of an included or rejected extrinsic (the pool keeps only deferred ones): what was decoded
    // for it is not held for as long as the block keeps its bytes
    const deferred = new Set(built.deferred);
    for (const bytes of input.extrinsics) if (!deferred.has(bytes)) this.decodedCache.delete(bytes);
    return built;
  }

  validateTransaction(
    state: StateReader,
    extrinsic: Uint8Array,
    atBlock: { number: number; hash: Hex },
  ): Validity {
    let decoded: DecodedExtrinsic;
    try {
      decoded = this.decodeExtrinsic(extrinsic);
    } catch (error) {
      // as a Substrate runtime does: bad input is a failed runtime call (the pool answers 1002), not an invalid
      // transaction
      throw new RuntimeCallError(
        `Bad input data provided to validate_transaction: ${(error as Error).message}`,
      );
    }
    return this.validateDecoded(state, decoded, atBlock);
  }

  validateDecoded(
    state: StateReader,
    decoded: DecodedExtrinsic,
    atBlock: { number: number; hash: Hex },
  ): Validity {
    const ext = this.openBlock(state, atBlock.number + 1, atBlock.hash);
    try {
      return { ok: this.executive.checkSigned(ext, decoded, false).validity };
    } catch (error) {
      if (error instanceof TransactionInvalid) return { err: error.error, reason: error.reason };
      throw error;
    }
  }

  call(
    state: StateReader,
    method: string,
    args: Uint8Array,
    atBlock: { number: number; hash: Hex },
  ): Uint8Array {
    return callRuntimeApi(this, state, method, args, atBlock);
  }
}

export function createRuntime(definition: RuntimeDefinition): DevRuntime {
  return new DevRuntime(definition);
}
