import { InputError } from '@phala-mining/errors';
import { compactAddLength, compactFromU8a, u8aConcat } from '@polkadot/util';
import {
  bytes,
  compact,
  decodePrefix,
  type EnumValue,
  emptyStruct,
  type Hex,
  newtype,
  type ScaleType,
  struct,
  tuple,
  u32,
  u128,
  unit,
} from '../scale/types.js';
import type { RuntimeCallValue } from './ext.js';
import { RUNTIME_PATH } from './outer.js';
import {
  Era,
  H256,
  MultiAddress,
  type MultiAddressValue,
  MultiSignature,
  type MultiSignatureValue,
} from './primitives.js';

const T: Array<[string]> = [['T']];

/** Khala's signed extensions, in Khala's order, with the extra data each carries and what each signs implicitly. */
export const SIGNED_EXTENSIONS: Array<{
  identifier: string;
  type: ScaleType<any>;
  additionalSigned: ScaleType<any>;
}> = [
  {
    identifier: 'CheckNonZeroSender',
    type: emptyStruct('frame_system::extensions::check_non_zero_sender::CheckNonZeroSender', { params: T }),
    additionalSigned: unit,
  },
  {
    identifier: 'CheckSpecVersion',
    type: emptyStruct('frame_system::extensions::check_spec_version::CheckSpecVersion', { params: T }),
    additionalSigned: u32,
  },
  {
    identifier: 'CheckTxVersion',
    type: emptyStruct('frame_system::extensions::check_tx_version::CheckTxVersion', { params: T }),
    additionalSigned: u32,
  },
  {
    identifier: 'CheckGenesis',
    type: emptyStruct('frame_system::extensions::check_genesis::CheckGenesis', { params: T }),
    additionalSigned: H256,
  },
  {
    identifier: 'CheckMortality',
    type: newtype('frame_system::extensions::check_mortality::CheckMortality', Era, 'Era', { params: T }),
    additionalSigned: H256,
  },
  {
    identifier: 'CheckNonce',
    type: newtype('frame_system::extensions::check_nonce::CheckNonce', compact(u32), 'T::Index', {
      params: T,
    }),
    additionalSigned: unit,
  },
  {
    identifier: 'CheckWeight',
    type: emptyStruct('frame_system::extensions::check_weight::CheckWeight', { params: T }),
    additionalSigned: unit,
  },
  {
    identifier: 'CheckMqSequence',
    type: emptyStruct('phala_pallets::mq::check_seq::CheckMqSequence', { params: T }),
    additionalSigned: unit,
  },
  {
    identifier: 'ChargeTransactionPayment',
    type: newtype('pallet_transaction_payment::ChargeTransactionPayment', compact(u128), 'BalanceOf<T>', {
      params: T,
    }),
    additionalSigned: unit,
  },
];

export const SignedExtra = tuple(...SIGNED_EXTENSIONS.map((e) => e.type));

/** `UncheckedExtrinsic<Address, RuntimeCall, Signature, Extra>` of one runtime (opaque bytes on the wire). */
export function uncheckedExtrinsicType(RuntimeCall: ScaleType<RuntimeCallValue>): ScaleType<Hex> {
  return newtype('sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic', bytes, undefined, {
    params: [
      ['Address', MultiAddress],
      ['Call', RuntimeCall],
      ['Signature', MultiSignature],
      ['Extra', SignedExtra],
    ],
  });
}

export const RuntimeType = struct(`${RUNTIME_PATH}::Runtime`, {});

export interface SignedPart {
  address: MultiAddressValue;
  signature: MultiSignatureValue;
  era: EnumValue;
  nonce: number;
  tip: bigint;
}

/**
 * An extrinsic read once. Nothing in it depends on chain state, so the runtime keeps it for the bytes it was read
 * from (see `DevRuntime.decodeExtrinsic`) and a pool transaction is decoded at submission only; whether it can
 * be included (signature for the era's birth hash, nonce, fee) is checked against the state each time.
 */
export interface DecodedExtrinsic {
  /** the extrinsic as it appears in a block body (length-prefixed): the input itself when canonically prefixed */
  readonly encoded: Uint8Array;
  readonly signed: SignedPart | undefined;
  readonly call: RuntimeCallValue;
  /** the SCALE-encoded call, as signed */
  readonly callBytes: Uint8Array;
  /** the SCALE-encoded signed extension data, as signed */
  readonly extraBytes: Uint8Array;
}

/** Bytes of the shortest `Compact<u32>` encoding of `n`, the one a block body carries. */
function compactLength(n: number): number {
  return n < 1 << 6 ? 1 : n < 1 << 14 ? 2 : n < 2 ** 30 ? 4 : 5;
}

/** Bytes that are no extrinsic of this runtime; the pool and the runtime API report it as their own errors. */
export class ExtrinsicFormatError extends InputError {
  override readonly name = 'ExtrinsicFormatError' as const;
  readonly code = 'ExtrinsicFormat' as const;
}

/** Accepts an extrinsic with or without its compact length prefix (RPC clients send it with). */
export function decodeExtrinsic(
  RuntimeCall: ScaleType<RuntimeCallValue>,
  input: Uint8Array,
): DecodedExtrinsic {
  let body: Uint8Array;
  let canonical: boolean;
  try {
    const [offset, length] = compactFromU8a(input);
    if (offset + length.toNumber() === input.length) body = input.subarray(offset);
    else throw new ExtrinsicFormatError('length prefix does not match the extrinsic');
    canonical = offset === compactLength(body.length);
  } catch (error) {
    if (error instanceof ExtrinsicFormatError) throw error;
    throw new ExtrinsicFormatError('cannot read the length prefix');
  }
  if (body.length < 1) throw new ExtrinsicFormatError('empty extrinsic');
  const version = body[0]!;
  if ((version & 0x7f) !== 4)
    throw new ExtrinsicFormatError(`unsupported extrinsic version ${version & 0x7f}`);
  const isSigned = (version & 0x80) !== 0;
  let cursor = 1;
  let signed: SignedPart | undefined;
  let extraBytes: Uint8Array = new Uint8Array();
  try {
    if (isSigned) {
      const [address, a] = decodePrefix(MultiAddress, body.subarray(cursor));
      cursor += a;
      const [signature, s] = decodePrefix(MultiSignature, body.subarray(cursor));
      cursor += s;
      const [extra, e] = decodePrefix(SignedExtra, body.subarray(cursor));
      extraBytes = body.subarray(cursor, cursor + e);
      cursor += e;
      const values = extra as unknown[];
      signed = {
        address,
        signature,
        era: values[4] as EnumValue,
        nonce: Number(values[5] as bigint),
        tip: values[8] as bigint,
      };
    }
    const callBytes = body.subarray(cursor);
    const [call, used] = decodePrefix(RuntimeCall, callBytes);
    if (used !== callBytes.length)
      throw new ExtrinsicFormatError(`${callBytes.length - used} trailing bytes after the call`);
    // the input itself when its prefix is the canonical one: the block body then holds the pool's bytes, whose
    // hash the pool already knows, instead of a copy to hash again
    const encoded = canonical ? input : compactAddLength(body);
    return { encoded, signed, call: call as RuntimeCallValue, callBytes, extraBytes };
  } catch (error) {
    if (error instanceof ExtrinsicFormatError) throw error;
    throw new ExtrinsicFormatError(`cannot decode the extrinsic: ${(error as Error).message}`);
  }
}

/** An unsigned (inherent) extrinsic carrying `call`. */
export function encodeUnsigned(RuntimeCall: ScaleType<RuntimeCallValue>, call: RuntimeCallValue): Uint8Array {
  return compactAddLength(u8aConcat(Uint8Array.of(4), RuntimeCall.codec.enc(call)));
}

export type { Hex };
