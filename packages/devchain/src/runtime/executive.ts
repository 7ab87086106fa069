import { ChainError } from '@phala-mining/errors';
import { hexToU8a } from '@polkadot/util';
import { blake2AsU8a, signatureVerify } from '@polkadot/util-crypto';
import { waitReady, isReady as wasmReady, sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';
import { Account, BLOCK_HASH_COUNT, BlockHash, incrementNonce, System } from '../pallets/system/index.js';
import { computeFee, TransactionPayment, totalFee } from '../pallets/transactionPayment/index.js';
import type { Hex } from '../scale/types.js';
import { passesCallFilters } from './callFilter.js';
import type { PalletConfigs } from './config.js';
import type { Dispatcher, Ext, RuntimeCallValue } from './ext.js';
import type { DecodedExtrinsic, SignedPart } from './extrinsic.js';
import type {
  InvalidTransaction,
  RuntimeVersion,
  TransactionValidityError,
  ValidTransaction,
} from './interface.js';
import { type BoundPallet, DispatchError, type DispatchErrorValue, type Origin } from './pallet.js';

/** Hooks the executive needs from pallets defined elsewhere (Balances pays fees; PhalaMq orders messages). */
export interface ExecutiveHooks {
  /** withdraws a fee; throws when the account cannot pay it while staying alive */
  withdrawFee(ext: Ext, who: Hex, fee: bigint): void;
  /** credits collected fees (Khala's DealWithFees sends them to the treasury) */
  depositFee(ext: Ext, who: Hex, fee: bigint, tip: bigint): void;
  /**
   * Khala's `CheckMqSequence` extension for `PhalaMq.sync_offchain_message`: `validate` (pool admission) chains a
   * later message behind its predecessor; `preDispatch` (inclusion) requires the exact next sequence.
   */
  checkMqSequence?(
    ext: Ext,
    call: RuntimeCallValue,
    mode: 'validate' | 'preDispatch',
  ): { requires: Hex[]; provides: Hex[] } | { stale: true } | { future: true };
}

/** The runtime's verdict on a transaction that cannot be included; the pool reports it as a `PoolRejectedError`. */
export class TransactionInvalid extends ChainError {
  override readonly name = 'TransactionInvalid' as const;
  readonly code = 'TransactionInvalid' as const;
  constructor(
    readonly error: TransactionValidityError,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const invalid = (kind: InvalidTransaction, reason: string) =>
  new TransactionInvalid({ invalid: kind }, reason);

export interface CheckedSigned {
  who: Hex;
  nonce: number;
  fee: bigint;
  tip: bigint;
  weight: bigint;
  validity: ValidTransaction;
}

const ZERO_ACCOUNT = `0x${'00'.repeat(32)}` as Hex;

/** Era birth and death as `sp_runtime::generic::Era` computes them. */
export function eraRange(era: unknown, current: number): { birth: number; death: number } | undefined {
  if (
    era === 'Immortal' ||
    (typeof era === 'object' && era !== null && (era as { tag: string }).tag === 'Immortal')
  )
    return undefined;
  const { tag, value } = era as { tag: string; value: number };
  const first = Number(tag.slice('Mortal'.length));
  const encoded = first + (value << 8);
  const period = 2 ** ((encoded % (1 << 4)) + 1);
  const quantizeFactor = Math.max(period >> 12, 1);
  const phase = (encoded >> 4) * quantizeFactor;
  const birth = Math.floor((Math.max(current, phase) - phase) / period) * period + phase;
  return { birth, death: birth + period };
}

/**
 * The tag `(who, nonce)` of a signed transaction: the hex of AccountId32 ++ u32 LE. `who` is decoded hex (lowercase,
 * 32 bytes), so the tag is built as text, without encoding both parts to bytes and back.
 */
function nonceTag(who: Hex, nonce: number): Hex {
  const le = ((nonce & 0xff) << 24) | ((nonce & 0xff00) << 8) | ((nonce >>> 8) & 0xff00) | (nonce >>> 24);
  return `${who}${(le >>> 0).toString(16).padStart(8, '0')}` as Hex;
}

/** Writes the bytes of `0x`-prefixed hex into `target` at `offset` (Node's decoder). */
function writeHex(target: Uint8Array, offset: number, hex: string): void {
  Buffer.from(target.buffer, target.byteOffset + offset, target.length - offset).write(hex.slice(2), 'hex');
}

/** Hex without `0x` (Node's encoder: a signature check's cache key is made per submission). */
function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/** Remembered signature checks; a few per pool transaction, bounded so a flood cannot grow it without end. */
const SIGNATURE_CACHE_SIZE = 32_768;

export class Executive implements Dispatcher {
  private readonly pallets = new Map<string, BoundPallet>();
  private readonly signatureCache = new Map<string, boolean>();
  /** signature checks by decoded extrinsic, with what they were checked for (see `signatureValid`) */
  private readonly checkedSignatures = new WeakMap<DecodedExtrinsic, { signedFor: string; valid: boolean }>();

  constructor(
    pallets: readonly BoundPallet[],
    private readonly version: () => RuntimeVersion,
    private readonly genesisHash: () => Hex,
    private readonly hooks: ExecutiveHooks,
    /** the pallet Config items the runtime wired (see runtime/config.ts) */
    readonly configs: PalletConfigs = new Map(),
  ) {
    for (const p of pallets) this.pallets.set(p.name, p);
  }

  private resolveCall(call: RuntimeCallValue) {
    const pallet = this.pallets.get(call.tag);
    const inner = typeof call.value === 'string' ? { tag: call.value, value: {} } : call.value;
    const spec = pallet?.callsByName.get(inner.tag);
    if (!pallet || !spec)
      throw new DispatchError(System.error('CallFiltered').error, `unknown call ${call.tag}.${inner.tag}`);
    return { pallet, spec, args: inner.value ?? {} };
  }

  /** Every dispatchable runs in its own storage layer (FRAME ≥ 0.9.25): an error leaves no trace. */
  dispatch(ext: Ext, origin: Origin, call: RuntimeCallValue): void {
    const { spec, args } = this.resolveCall(call);
    if (!passesCallFilters(origin, call)) throw System.error('CallFiltered');
    ext.transactional(() => spec.dispatch(ext, origin, args));
  }

  callWeight(call: RuntimeCallValue): bigint {
    try {
      const { spec, args } = this.resolveCall(call);
      if (spec.weight === undefined) return 0n;
      return typeof spec.weight === 'function' ? spec.weight(args) : spec.weight;
    } catch {
      return 0n;
    }
  }

  feeFor(decoded: DecodedExtrinsic) {
    const weight = this.callWeight(decoded.call);
    return { weight, details: computeFee(decoded.encoded.length, weight, decoded.signed?.tip ?? 0n) };
  }

  /**
   * The signed-extension pipeline of Khala in Khala's order. `forApply` distinguishes `pre_dispatch` (a future
   * nonce is an error) from `validate` (a future nonce waits in the pool).
   */
  checkSigned(ext: Ext, decoded: DecodedExtrinsic, forApply: boolean): CheckedSigned {
    const signed = decoded.signed;
    if (!signed)
      throw new TransactionInvalid(
        { unknown: 'NoUnsignedValidator' },
        'unsigned transactions are not accepted',
      );
    if (signed.address.tag !== 'Id') {
      throw new TransactionInvalid(
        { unknown: 'CannotLookup' },
        `address kind ${signed.address.tag} cannot be looked up`,
      );
    }
    const who = signed.address.value;
    if (who === ZERO_ACCOUNT) throw invalid('BadSigner', 'the zero account cannot sign');

    const current = ext.blockNumber;
    const range = eraRange(signed.era, current);
    let birthHash: Hex;
    let longevity: bigint;
    if (range) {
      if (
        range.birth > current ||
        range.birth < current - BLOCK_HASH_COUNT ||
        !BlockHash.has(ext.state, range.birth)
      ) {
        throw invalid(
          'AncientBirthBlock',
          `the mortal era starts at block ${range.birth}, which is unknown here`,
        );
      }
      birthHash = BlockHash.get(ext.state, range.birth);
      longevity = BigInt(Math.max(range.death - current, 0));
    } else {
      birthHash = this.genesisHash();
      longevity = 2n ** 64n - 1n;
    }

    if (!this.signatureValid(decoded, signed, who, birthHash)) {
      throw invalid(
        'BadProof',
        'bad signature: it does not match the signer, or was made for another chain, runtime version or (expired) era',
      );
    }

    const account = Account.get(ext.state, who);
    if (signed.nonce < account.nonce)
      throw invalid('Stale', `nonce ${signed.nonce} is already used (next is ${account.nonce})`);
    if (forApply && signed.nonce > account.nonce)
      throw invalid('Future', `nonce ${signed.nonce} is ahead of ${account.nonce}`);
    const requires: Hex[] = signed.nonce > account.nonce ? [nonceTag(who, signed.nonce - 1)] : [];
    const provides: Hex[] = [nonceTag(who, signed.nonce)];

    if (this.hooks.checkMqSequence) {
      const mq = this.hooks.checkMqSequence(ext, decoded.call, forApply ? 'preDispatch' : 'validate');
      if ('stale' in mq) throw invalid('Stale', 'the offchain message sequence was already used');
      if ('future' in mq)
        throw invalid('Future', 'the offchain message sequence is ahead of the expected one');
      requires.push(...mq.requires);
      provides.push(...mq.provides);
    }

    const { weight, details } = this.feeFor(decoded);
    const fee = totalFee(details);
    try {
      ext.transactional(() => this.hooks.withdrawFee(ext, who, fee));
    } catch (error) {
      throw invalid('Payment', `cannot pay the fee of ${fee} planck: ${(error as Error).message}`);
    }

    return {
      who,
      nonce: signed.nonce,
      fee,
      tip: signed.tip,
      weight,
      validity: { priority: signed.tip, requires, provides, longevity, propagate: true },
    };
  }

  /**
   * Whether the signature of `decoded` covers its call and extensions for this runtime version, genesis and the
   * era's birth hash. The answer is kept with the decoded extrinsic (the runtime decodes a pool transaction once)
   * for what it was checked against: revalidations and the inclusion of the same transaction skip rebuilding and
   * hashing the payload; a different version or birth hash (the chain moved to another fork) checks again.
   */
  private signatureValid(decoded: DecodedExtrinsic, signed: SignedPart, who: Hex, birthHash: Hex): boolean {
    const version = this.version();
    const genesisHash = this.genesisHash();
    const signedFor = `${version.specVersion}/${version.transactionVersion}/${genesisHash}/${birthHash}`;
    const known = this.checkedSignatures.get(decoded);
    if (known?.signedFor === signedFor) return known.valid;
    // call ++ extra ++ (spec version, transaction version, genesis hash, birth hash), written in place
    const { callBytes, extraBytes } = decoded;
    const at = callBytes.length + extraBytes.length;
    let payload: Uint8Array = new Uint8Array(at + 72);
    payload.set(callBytes, 0);
    payload.set(extraBytes, callBytes.length);
    const view = new DataView(payload.buffer);
    view.setUint32(at, version.specVersion, true);
    view.setUint32(at + 4, version.transactionVersion, true);
    writeHex(payload, at + 8, genesisHash);
    writeHex(payload, at + 40, birthHash);
    if (payload.length > 256) payload = blake2AsU8a(payload, 256);
    const prefix = { Ed25519: 0, Sr25519: 1, Ecdsa: 2 }[signed.signature.tag];
    const raw = signed.signature.value;
    const signature = new Uint8Array(1 + ((raw.length - 2) >> 1));
    signature[0] = prefix;
    writeHex(signature, 1, raw);
    const valid = this.verified(payload, signature, who);
    this.checkedSignatures.set(decoded, { signedFor, valid });
    return valid;
  }

  /**
   * Signature check, remembered: the payload holds everything the signature covers (call, extensions, spec and
   * transaction version, genesis and birth hash), so the same (payload, signature, signer) always verifies the
   * same way. A transaction checked at submission is then not verified again at each pool revalidation and at
   * inclusion — only its nonce, fee and era, which can change, are.
   */
  private verified(payload: Uint8Array, signature: Uint8Array, who: Hex): boolean {
    const key = `${who}${hexOf(signature)}${hexOf(payload.length > 64 ? blake2AsU8a(payload, 256) : payload)}`;
    const known = this.signatureCache.get(key);
    if (known !== undefined) return known;
    let valid = false;
    try {
      // sr25519 (what every stock account signs with) through the Rust/WASM schnorrkel, ~7× the pure-JS
      // verifier; it checks the payload exactly as signed, as Substrate does. Until the WASM module is ready
      // (a runtime used before `sr25519Ready()` resolved) and for ed25519/ecdsa, util-crypto's verifier.
      if (signature[0] === 1 && signature.length === 65 && wasmReady()) {
        valid = wasmSr25519Verify(signature.subarray(1), payload, hexToU8a(who));
      } else {
        valid = signatureVerify(payload, signature, who).isValid;
      }
    } catch {
      valid = false;
    }
    if (this.signatureCache.size >= SIGNATURE_CACHE_SIZE) {
      // drop the oldest entry (Map keeps insertion order)
      this.signatureCache.delete(this.signatureCache.keys().next().value as string);
    }
    this.signatureCache.set(key, valid);
    return valid;
  }

  /**
   * Applies a signed extrinsic: nonce and fee are kept whatever the call does; the call itself is all or nothing.
   * Returns the dispatch outcome, or throws `TransactionInvalid` when it cannot be included at all.
   */
  applySigned(ext: Ext, decoded: DecodedExtrinsic, index: number): DispatchErrorValue | undefined {
    ext.phase = { tag: 'ApplyExtrinsic', value: index };
    let checked: CheckedSigned;
    const layer = ext.events.length;
    try {
      checked = this.checkSigned(ext, decoded, true);
    } catch (error) {
      ext.events.length = layer;
      throw error;
    }
    incrementNonce(ext, checked.who);
    const outcome = this.dispatchCall(ext, { kind: 'signed', who: checked.who }, decoded.call);
    this.hooks.depositFee(ext, checked.who, checked.fee, checked.tip);
    TransactionPayment.emit(ext, 'TransactionFeePaid', {
      who: checked.who,
      actual_fee: checked.fee,
      tip: checked.tip,
    });
    this.finishExtrinsic(ext, outcome, checked.weight, 'Normal');
    return outcome;
  }

  applyInherent(ext: Ext, call: RuntimeCallValue, index: number): DispatchErrorValue | undefined {
    ext.phase = { tag: 'ApplyExtrinsic', value: index };
    const outcome = this.dispatchCall(ext, { kind: 'none' }, call);
    this.finishExtrinsic(ext, outcome, this.callWeight(call), 'Mandatory');
    return outcome;
  }

  private dispatchCall(ext: Ext, origin: Origin, call: RuntimeCallValue): DispatchErrorValue | undefined {
    try {
      this.dispatch(ext, origin, call);
      return undefined;
    } catch (error) {
      if (error instanceof DispatchError) return error.error;
      // A panic in a real runtime; here the call is rolled back and reported instead of poisoning the block.
      return 'Other';
    }
  }

  private finishExtrinsic(
    ext: Ext,
    outcome: DispatchErrorValue | undefined,
    weight: bigint,
    cls: 'Normal' | 'Mandatory',
  ) {
    const dispatch_info = { weight: { ref_time: weight, proof_size: 0n }, class: cls, pays_fee: 'Yes' };
    if (outcome === undefined) System.emit(ext, 'ExtrinsicSuccess', { dispatch_info });
    else System.emit(ext, 'ExtrinsicFailed', { dispatch_error: outcome as never, dispatch_info });
  }
}

/**
 * Resolves once the WASM sr25519 verifier is loaded. Starting the load when this module is imported means a node
 * normally never verifies with the slow fallback; `startDevChain` awaits it before listening.
 */
const wasmLoading: Promise<boolean> = waitReady().catch(() => false);
export function sr25519Ready(): Promise<boolean> {
  return wasmLoading;
}
