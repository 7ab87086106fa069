/**
 * A tiny runtime for node tests. Extrinsic body: `sender u8 ++ nonce u32 LE ++ op u8 ++ args`.
 * ops: 0 remark · 1 set(key u8, value u8) → storage `0x02 ++ key` · 2 fails when applied · 3 cannot pay ·
 * 4 priority(p u8). Accounts are 32 bytes of the sender byte; nonces live at `0x01 ++ account`.
 */
import { compactAddLength, compactFromU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import {
  type BlockBuildInput,
  type BuiltBlock,
  type Runtime,
  RuntimeCallError,
  type RuntimeVersion,
  type StateReader,
  type Validity,
} from '../../src/runtime/interface.js';
import { BlockState, Overlay } from '../../src/runtime/state.js';
import type { Hex } from '../../src/scale/types.js';

export const CODE_KEY = '0x3a636f6465' as Hex;
export const TIME_KEY = '0x74696d65' as Hex;

export function account(sender: number): Uint8Array {
  return new Uint8Array(32).fill(sender);
}

export function nonceKey(sender: number): Hex {
  return u8aToHex(u8aConcat([1], account(sender))) as Hex;
}

export function valueKey(key: number): Hex {
  return u8aToHex(Uint8Array.of(2, key)) as Hex;
}

export function tx(sender: number, nonce: number, op = 0, ...args: number[]): Uint8Array {
  const body = new Uint8Array(6 + args.length);
  body[0] = sender;
  new DataView(body.buffer).setUint32(1, nonce, true);
  body[5] = op;
  body.set(args, 6);
  return compactAddLength(body);
}

export function txHex(sender: number, nonce: number, op = 0, ...args: number[]): Hex {
  return u8aToHex(tx(sender, nonce, op, ...args)) as Hex;
}

function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

function readNonce(state: StateReader, sender: number): number {
  const raw = state.get(nonceKey(sender));
  return raw ? new DataView(raw.buffer, raw.byteOffset).getUint32(0, true) : 0;
}

function decode(ext: Uint8Array) {
  const [offset, len] = compactFromU8a(ext);
  const body = ext.subarray(offset);
  if (body.length !== len.toNumber() || body.length < 6) throw new Error('cannot decode extrinsic');
  const sender = body[0]!;
  const nonce = new DataView(body.buffer, body.byteOffset).getUint32(1, true);
  return { sender, nonce, op: body[5]!, args: body.subarray(6) };
}

function tag(sender: number, nonce: number): Hex {
  return u8aToHex(u8aConcat(account(sender), u32le(nonce))) as Hex;
}

export interface FakeRuntimeOptions {
  /** throw from buildBlock when true (tests failure handling) */
  failBuilds?: boolean;
}

export class FakeRuntime implements Runtime {
  readonly version: RuntimeVersion = {
    specName: 'fake',
    implName: 'fake-node',
    authoringVersion: 1,
    specVersion: 1,
    implVersion: 0,
    apis: [['0xdf6acb689907609b', 4]],
    transactionVersion: 1,
    stateVersion: 1,
  };
  readonly properties = { ss58Format: 30, tokenDecimals: 12, tokenSymbol: 'PHA' };
  readonly chainName = 'Fake Dev';
  builds = 0;
  private genesisCache: BuiltBlock | undefined;

  constructor(readonly options: FakeRuntimeOptions = {}) {}

  genesis(): StateReader {
    return this.genesisBlock().state;
  }

  genesisBlock(): BuiltBlock {
    this.genesisCache ??= this.seal(
      BlockState.fromEntries([[CODE_KEY, Uint8Array.of(0, 97, 115, 109)]]),
      '0x0000000000000000000000000000000000000000000000000000000000000000',
      0,
      [],
    );
    return this.genesisCache;
  }

  validateTransaction(state: StateReader, extrinsic: Uint8Array): Validity {
    const { sender, nonce, op, args } = decode(extrinsic);
    if (op === 3)
      return {
        err: { invalid: 'Payment' },
        reason: 'Inability to pay some fees (e.g. account balance too low)',
      };
    const current = readNonce(state, sender);
    if (nonce < current) return { err: { invalid: 'Stale' }, reason: 'Transaction is outdated' };
    return {
      ok: {
        priority: op === 4 ? BigInt(args[0] ?? 0) : 0n,
        requires: nonce > current ? [tag(sender, nonce - 1)] : [],
        provides: [tag(sender, nonce)],
        longevity: 64n,
        propagate: true,
      },
    };
  }

  buildBlock(parent: StateReader, input: BlockBuildInput): BuiltBlock {
    if (this.options.failBuilds) throw new Error('build failed on purpose');
    this.builds++;
    const overlay = new Overlay(parent);
    const time = new Uint8Array(8);
    new DataView(time.buffer).setBigUint64(0, BigInt(input.timestamp), true);
    overlay.set(TIME_KEY, time);
    const included: Uint8Array[] = [compactAddLength(u8aConcat([0xff], time))];
    const rejected: BuiltBlock['rejected'] = [];
    const deferred: Uint8Array[] = [];
    for (const ext of input.extrinsics) {
      let decoded: ReturnType<typeof decode>;
      try {
        decoded = decode(ext);
      } catch {
        rejected.push({ extrinsic: ext, error: { invalid: 'Call' }, reason: 'cannot decode' });
        continue;
      }
      const current = readNonce(overlay, decoded.sender);
      if (decoded.nonce < current) {
        rejected.push({ extrinsic: ext, error: { invalid: 'Stale' }, reason: 'Transaction is outdated' });
        continue;
      }
      if (decoded.nonce > current) {
        deferred.push(ext);
        continue;
      }
      if (decoded.op === 2) {
        rejected.push({ extrinsic: ext, error: { invalid: 'Call' }, reason: 'failed on purpose' });
        continue;
      }
      overlay.set(nonceKey(decoded.sender), u32le(current + 1));
      if (decoded.op === 1) overlay.set(valueKey(decoded.args[0]!), Uint8Array.of(decoded.args[1]!));
      included.push(ext);
    }
    const state = (parent as BlockState).apply(overlay.changes);
    return { ...this.seal(state, input.parentHash, input.number, included), rejected, deferred };
  }

  call(state: StateReader, method: string, args: Uint8Array): Uint8Array {
    switch (method) {
      case 'AccountNonceApi_account_nonce':
        if (args.length !== 32) throw new RuntimeCallError('bad account');
        return u32le(readNonce(state, args[0]!));
      case 'TransactionPaymentApi_query_info': {
        const fee = new Uint8Array(16);
        new DataView(fee.buffer).setBigUint64(0, BigInt(args.length) * 10n, true);
        // weight {ref_time: compact(1000), proof_size: compact(0)}, class Normal, partial_fee
        return u8aConcat(Uint8Array.of(0xa1, 0x0f, 0x00, 0x00), fee);
      }
      case 'BlockBuilder_apply_extrinsic':
        return Uint8Array.of(0, 0);
      case 'Core_version':
        return Uint8Array.of(1, 2, 3);
      default:
        throw new RuntimeCallError(`unknown runtime call ${method}`);
    }
  }

  metadata(): Uint8Array {
    return Uint8Array.of(0x6d, 0x65, 0x74, 0x61, 14, 0);
  }

  private seal(state: BlockState, parentHash: Hex, number: number, extrinsics: Uint8Array[]): BuiltBlock {
    const stateRoot = blake2AsHex(
      JSON.stringify(state.entries().map(([k, v]) => [k, u8aToHex(v)])),
      256,
    ) as Hex;
    const extrinsicsRoot = blake2AsHex(u8aConcat(...extrinsics), 256) as Hex;
    const encodedHeader = u8aConcat(parentHash, u32le(number), stateRoot, extrinsicsRoot);
    return {
      header: { parentHash, number, stateRoot, extrinsicsRoot, digest: [] },
      encodedHeader,
      hash: u8aToHex(blake2AsU8a(encodedHeader, 256)) as Hex,
      extrinsics,
      state,
      rejected: [],
      deferred: [],
    };
  }
}
