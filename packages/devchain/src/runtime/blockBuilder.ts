/**
 * Builds blocks for one runtime: genesis from the pallets' genesis builders, then each block as FRAME's executive
 * does — on_initialize, the timestamp inherent, pool extrinsics, on_finalize — and its header over a running state
 * root. The state roots are this builder's, kept beside the chain state (not in it).
 */
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import {
  AllExtrinsicsLen,
  DigestItem,
  EventCount,
  ExecutionPhase,
  ExtrinsicCount,
} from '../pallets/system/index.js';
import { bytes, type Hex, vec } from '../scale/types.js';
import { type Executive, TransactionInvalid } from './executive.js';
import { type EventRecordValue, Ext, type RuntimeCallValue } from './ext.js';
import type { DecodedExtrinsic } from './extrinsic.js';
import type { GenesisConfig } from './genesisConfig.js';
import type { BlockBuildInput, BuiltBlock, StateReader } from './interface.js';
import type { BoundPallet } from './pallet.js';
import { Header } from './primitives.js';
import { BlockState } from './state.js';
import { stateRootOf } from './stateRoot.js';
import { type StorageValue, withDecodedValues } from './storage.js';

const ZERO_HASH = `0x${'00'.repeat(32)}` as Hex;

export interface BlockBuilderContext {
  /** the runtime's pallets, sorted by index */
  readonly pallets: readonly BoundPallet[];
  readonly executive: Executive;
  readonly decodeExtrinsic: (bytes: Uint8Array) => DecodedExtrinsic;
  readonly encodeUnsigned: (call: RuntimeCallValue) => Uint8Array;
  /** `System.Events` typed by this runtime's RuntimeEvent */
  readonly events: StorageValue<EventRecordValue[], true>;
  /**
   * Runs after every pallet's on_finalize except System's: the dev chain's off-chain components (simulated
   * workers, gatekeeper) react to the block's messages here, through the handlers a real message reaches.
   */
  readonly beforeSystemFinalize?: (ext: Ext) => void;
}

function encodeHeader(h: BuiltBlock['header']): Uint8Array {
  return Header.codec.enc({
    parent_hash: h.parentHash,
    number: BigInt(h.number),
    state_root: h.stateRoot,
    extrinsics_root: h.extrinsicsRoot,
    digest: { logs: h.digest.map((d) => ({ tag: 'Other', value: d })) },
  });
}

function sealed(header: BuiltBlock['header'], rest: Omit<BuiltBlock, 'header' | 'encodedHeader' | 'hash'>) {
  const encodedHeader = encodeHeader(header);
  return { header, encodedHeader, hash: blake2AsHex(encodedHeader, 256) as Hex, ...rest };
}

export class BlockBuilder {
  /** state roots by post-block state: a root is a running hash of the changes, kept outside the chain state */
  private readonly stateRoots = new WeakMap<StateReader, Uint8Array>();
  private readonly system: BoundPallet | undefined;

  constructor(private readonly ctx: BlockBuilderContext) {
    this.system = ctx.pallets.find((p) => p.name === 'System');
  }

  /** The genesis block: every pallet's genesis builder, then the well-known `:code` and `:heappages` keys. */
  genesis(config: GenesisConfig, code: Uint8Array): BuiltBlock {
    const ext = new Ext(BlockState.fromEntries([]), 0, ZERO_HASH, this.ctx.executive);
    for (const p of this.ctx.pallets) p.pallet.spec.genesis?.(ext, config);
    ext.state.set(u8aToHex(stringToU8a(':code')) as Hex, code);
    ext.state.set(u8aToHex(stringToU8a(':heappages')) as Hex, new Uint8Array(8));
    const state = BlockState.fromEntries(
      [...ext.state.changes].filter(([, v]) => v !== null) as Array<[Hex, Uint8Array]>,
    );
    const root = stateRootOf(new Uint8Array(32), ext.state.changes);
    this.stateRoots.set(state, hexToU8a(root));
    const header = {
      parentHash: ZERO_HASH,
      number: 0,
      stateRoot: root,
      extrinsicsRoot: blake2AsHex(new Uint8Array([0]), 256) as Hex,
      digest: [],
    };
    return sealed(header, { extrinsics: [], state, rejected: [], deferred: [] });
  }

  /** Runs on_initialize for a block on top of `parent` (used for building and for validation). */
  openBlock(parent: StateReader, number: number, parentHash: Hex): Ext {
    const ext = new Ext(parent, number, parentHash, this.ctx.executive);
    ext.phase = 'Initialization';
    for (const p of this.ctx.pallets) p.pallet.spec.onInitialize?.(ext);
    return ext;
  }

  build(parent: StateReader, input: BlockBuildInput): BuiltBlock {
    return withDecodedValues(() => this.buildBlock(parent, input));
  }

  private buildBlock(parent: StateReader, input: BlockBuildInput): BuiltBlock {
    const { executive } = this.ctx;
    const ext = this.openBlock(parent, input.number, input.parentHash);
    const body: Uint8Array[] = [];
    const inherent = { tag: 'Timestamp', value: { tag: 'set', value: { now: BigInt(input.timestamp) } } };
    executive.applyInherent(ext, inherent, 0);
    body.push(this.ctx.encodeUnsigned(inherent));

    const rejected: BuiltBlock['rejected'] = [];
    const deferred: Uint8Array[] = [];
    let totalLen = 0;
    for (const raw of input.extrinsics) {
      let decoded: DecodedExtrinsic;
      try {
        decoded = this.ctx.decodeExtrinsic(raw);
      } catch (error) {
        rejected.push({ extrinsic: raw, error: { invalid: 'Call' }, reason: (error as Error).message });
        continue;
      }
      try {
        executive.applySigned(ext, decoded, body.length);
        body.push(decoded.encoded);
        totalLen += decoded.encoded.length;
      } catch (error) {
        if (!(error instanceof TransactionInvalid)) throw error;
        if ('invalid' in error.error && error.error.invalid === 'Future') deferred.push(raw);
        else rejected.push({ extrinsic: raw, error: error.error, reason: error.reason });
      }
    }

    ext.phase = 'Finalization';
    for (const p of this.ctx.pallets) if (p !== this.system) p.pallet.spec.onFinalize?.(ext);
    this.ctx.beforeSystemFinalize?.(ext);
    this.system?.pallet.spec.onFinalize?.(ext);

    this.ctx.events.set(ext.state, ext.events);
    EventCount.set(ext.state, ext.events.length);
    ExtrinsicCount.set(ext.state, body.length);
    AllExtrinsicsLen.set(ext.state, totalLen);
    ExecutionPhase.kill(ext.state);
    DigestItem.kill(ext.state);

    const parentRoot = this.stateRoots.get(parent) ?? hexToU8a(blake2AsHex(input.parentHash, 256) as Hex);
    const stateRoot = stateRootOf(parentRoot, ext.state.changes);
    // the overlay's map is handed over: the block is built, nothing writes or reads through `ext` again
    const state = (parent instanceof BlockState ? parent : BlockState.fromEntries([])).apply(
      ext.state.changes,
      true,
    );
    this.stateRoots.set(state, hexToU8a(stateRoot));
    const header = {
      parentHash: input.parentHash,
      number: input.number,
      stateRoot,
      // `bytes` writes byte arrays as they are: no hex text of every extrinsic to parse back
      extrinsicsRoot: blake2AsHex(vec(bytes).codec.enc(body as unknown as Hex[]), 256) as Hex,
      digest: [],
    };
    return sealed(header, { extrinsics: body, state, rejected, deferred });
  }
}
