/**
 * `state_call` for one runtime: decodes the arguments of each runtime API method (runtime/apis.ts declares them)
 * and encodes its answer, as the runtime's wasm would.
 */
import { compactAddLength, u8aConcat } from '@polkadot/util';
import { Account } from '../pallets/system/index.js';
import { RuntimeVersionType } from '../pallets/system/types.js';
import { computeFee } from '../pallets/transactionPayment/index.js';
import { decodeAll, type Hex, u32, vec } from '../scale/types.js';
import { ApplyExtrinsicResult, FeeDetails, RuntimeDispatchInfo, TransactionValidity } from './apiTypes.js';
import { type Executive, TransactionInvalid } from './executive.js';
import type { Ext } from './ext.js';
import { type DecodedExtrinsic, ExtrinsicFormatError } from './extrinsic.js';
import {
  RuntimeCallError,
  type StateReader,
  type TransactionValidityError,
  type Validity,
} from './interface.js';
import { AccountId32 } from './primitives.js';

/** What the runtime API implementations need from their runtime. */
export interface RuntimeApiHost {
  readonly executive: Executive;
  /** the `Version` constant's value (the `Core_version` answer) */
  readonly versionValue: unknown;
  metadataV14(): Uint8Array;
  metadataV15(): Uint8Array;
  decodeExtrinsic(bytes: Uint8Array): DecodedExtrinsic;
  openBlock(parent: StateReader, number: number, parentHash: Hex): Ext;
  validateDecoded(
    state: StateReader,
    decoded: DecodedExtrinsic,
    atBlock: { number: number; hash: Hex },
  ): Validity;
  validateTransaction(
    state: StateReader,
    extrinsic: Uint8Array,
    atBlock: { number: number; hash: Hex },
  ): Validity;
}

export function encodeValidityError(error: TransactionValidityError) {
  if ('invalid' in error) {
    const v = error.invalid;
    return { tag: 'Invalid', value: typeof v === 'string' ? v : { tag: 'Custom', value: v.Custom } };
  }
  const v = error.unknown;
  return { tag: 'Unknown', value: typeof v === 'string' ? v : { tag: 'Custom', value: v.Custom } };
}

function tryDecode(host: RuntimeApiHost, bytes: Uint8Array): DecodedExtrinsic | undefined {
  try {
    return host.decodeExtrinsic(bytes);
  } catch {
    return undefined;
  }
}

export function callRuntimeApi(
  host: RuntimeApiHost,
  state: StateReader,
  method: string,
  args: Uint8Array,
  atBlock: { number: number; hash: Hex },
): Uint8Array {
  const decodeArgs = <T>(type: Parameters<typeof decodeAll<T>>[0]) => {
    try {
      return decodeAll(type, args);
    } catch (error) {
      throw new RuntimeCallError(`${method}: cannot decode the arguments: ${(error as Error).message}`);
    }
  };
  switch (method) {
    case 'Core_version':
      return RuntimeVersionType.codec.enc(host.versionValue as never);
    case 'Metadata_metadata':
      return compactAddLength(host.metadataV14());
    case 'Metadata_metadata_versions':
      return vec(u32).codec.enc([14, 15]);
    case 'Metadata_metadata_at_version': {
      const version = decodeArgs(u32);
      const bytesFor = version === 14 ? host.metadataV14() : version === 15 ? host.metadataV15() : undefined;
      return bytesFor ? u8aConcat(Uint8Array.of(1), compactAddLength(bytesFor)) : Uint8Array.of(0);
    }
    case 'AccountNonceApi_account_nonce': {
      const who = decodeArgs(AccountId32);
      return u32.codec.enc(Account.get(state, who).nonce);
    }
    case 'TransactionPaymentApi_query_info':
    case 'TransactionPaymentApi_query_fee_details':
      return queryFee(host, method, args);
    case 'TaggedTransactionQueue_validate_transaction': {
      // (source, tx, block_hash): older clients omit the source byte, so the extrinsic is read with the source
      // first and without it when that does not decode — each attempt's result is kept, not decoded again.
      const withSource =
        args[0] !== undefined && args[0] <= 2
          ? tryDecode(host, args.subarray(1, args.length - 32))
          : undefined;
      const validity = withSource
        ? host.validateDecoded(state, withSource, atBlock)
        : host.validateTransaction(state, args.subarray(0, args.length - 32), atBlock);
      if ('ok' in validity)
        return TransactionValidity.codec.enc({ success: true, value: validity.ok as never });
      return TransactionValidity.codec.enc({
        success: false,
        value: encodeValidityError(validity.err) as never,
      });
    }
    case 'BlockBuilder_apply_extrinsic': {
      const ext = host.openBlock(state, atBlock.number + 1, atBlock.hash);
      let decoded: DecodedExtrinsic;
      try {
        decoded = host.decodeExtrinsic(args);
      } catch (error) {
        if (error instanceof ExtrinsicFormatError) throw new RuntimeCallError(error.message);
        throw error;
      }
      try {
        const outcome = host.executive.applySigned(ext, decoded, 1);
        const inner =
          outcome === undefined ? { success: true, value: [] } : { success: false, value: outcome };
        return ApplyExtrinsicResult.codec.enc({ success: true, value: inner as never });
      } catch (error) {
        if (!(error instanceof TransactionInvalid)) throw error;
        return ApplyExtrinsicResult.codec.enc({
          success: false,
          value: encodeValidityError(error.error) as never,
        });
      }
    }
    default:
      throw new RuntimeCallError(`unknown runtime API method ${method}`);
  }
}

function queryFee(host: RuntimeApiHost, method: string, args: Uint8Array): Uint8Array {
  if (args.length < 4) throw new RuntimeCallError(`${method}: expected an extrinsic and its length`);
  let decoded: DecodedExtrinsic;
  try {
    decoded = host.decodeExtrinsic(args.subarray(0, args.length - 4));
  } catch (error) {
    throw new RuntimeCallError(`${method}: ${(error as Error).message}`);
  }
  const len = new DataView(args.buffer, args.byteOffset + args.length - 4, 4).getUint32(0, true);
  const weight = host.executive.callWeight(decoded.call);
  const details = computeFee(len, weight, decoded.signed?.tip ?? 0n);
  if (method === 'TransactionPaymentApi_query_info') {
    return RuntimeDispatchInfo.codec.enc({
      weight: { ref_time: weight, proof_size: 0n },
      class: 'Normal',
      partial_fee: details.baseFee + details.lenFee + details.adjustedWeightFee,
    });
  }
  return FeeDetails.codec.enc({
    inclusion_fee: {
      base_fee: details.baseFee,
      len_fee: details.lenFee,
      adjusted_weight_fee: details.adjustedWeightFee,
    },
    tip: details.tip,
  });
}
