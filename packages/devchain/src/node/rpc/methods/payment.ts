import { compactFromU8a, u8aConcat, u8aToBn } from '@polkadot/util';
import { ErrorCode, RpcError } from '../../errors.js';
import { callRuntime, stateAt } from '../access.js';
import type { MethodTable } from '../dispatcher.js';
import type { RpcEnv } from './env.js';

const CLASSES = ['normal', 'operational', 'mandatory'] as const;

export function paymentMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  /** TransactionPaymentApi calls take `(extrinsic, u32 length)`. */
  const query = (method: string, ext: Uint8Array, at: `0x${string}` | undefined): Uint8Array => {
    const { block, state } = stateAt(node, at);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, ext.length, true);
    return callRuntime(node, block, state, method, u8aConcat(ext, len));
  };
  return {
    payment_queryInfo: (p) => {
      p.atMost(2);
      const reply = query(
        'TransactionPaymentApi_query_info',
        p.bytes(0, 'extrinsic'),
        p.optionalHash(1, 'at'),
      );
      return decode(reply, (r) => {
        const refTime = r.compact();
        const proofSize = r.compact();
        const cls = CLASSES[r.u8()] ?? 'normal';
        const partialFee = r.u128();
        return {
          weight: { refTime: Number(refTime), proofSize: Number(proofSize) },
          class: cls,
          partialFee: partialFee.toString(),
        };
      });
    },
    payment_queryFeeDetails: (p) => {
      p.atMost(2);
      const reply = query(
        'TransactionPaymentApi_query_fee_details',
        p.bytes(0, 'extrinsic'),
        p.optionalHash(1, 'at'),
      );
      return decode(reply, (r) => {
        const inclusionFee =
          r.u8() === 1
            ? { baseFee: hex(r.u128()), lenFee: hex(r.u128()), adjustedWeightFee: hex(r.u128()) }
            : null;
        return { inclusionFee };
      });
    },
  };
}

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    if (this.offset >= this.bytes.length) throw new RangeError('input too short');
    return this.bytes[this.offset++]!;
  }

  compact(): bigint {
    const [used, value] = compactFromU8a(this.bytes.subarray(this.offset));
    if (used === 0 || this.offset + used > this.bytes.length) throw new RangeError('input too short');
    this.offset += used;
    return BigInt(value.toString());
  }

  u128(): bigint {
    if (this.offset + 16 > this.bytes.length) throw new RangeError('input too short');
    const value = u8aToBn(this.bytes.subarray(this.offset, this.offset + 16), { isLe: true });
    this.offset += 16;
    return BigInt(value.toString());
  }
}

function decode<T>(bytes: Uint8Array, read: (reader: Reader) => T): T {
  try {
    return read(new Reader(bytes));
  } catch (error) {
    throw new RpcError(
      ErrorCode.Client,
      `Client error: cannot decode the runtime's reply: ${(error as Error).message}`,
    );
  }
}
