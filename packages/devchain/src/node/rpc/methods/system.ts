import { hexToU8a, u8aConcat, u8aToHex, u8aToU8a } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { Hex } from '../../../scale/types.js';
import { InvalidParamsError } from '../../errors.js';
import { callRuntime, stateAt } from '../access.js';
import type { MethodTable } from '../dispatcher.js';
import { noParams } from '../noParams.js';
import type { RpcEnv } from './env.js';

export const NODE_NAME = 'phala-devchain';
export const NODE_VERSION = '0.1.0';
/** A fixed, well-formed libp2p peer id; the dev chain has no network. */
const PEER_ID = '12D3KooWPhaLaDevChainLocalNode1111111111111111111111';

export function systemMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  return {
    system_chain: noParams(() => node.runtime.chainName),
    system_name: noParams(() => NODE_NAME),
    system_version: noParams(() => NODE_VERSION),
    system_chainType: noParams(() => 'Development'),
    system_properties: noParams(() => ({ ...node.runtime.properties })),
    system_health: noParams(() => ({ peers: 0, isSyncing: false, shouldHavePeers: false })),
    system_peers: noParams(() => []),
    system_localPeerId: noParams(() => PEER_ID),
    system_nodeRoles: noParams(() => ['Authority']),
    system_localListenAddresses: (p) => {
      p.atMost(0);
      const { host, port } = env.listenAddress();
      return [`/ip4/${host}/tcp/${port}/ws/p2p/${PEER_ID}`];
    },
    system_syncState: (p) => {
      p.atMost(0);
      const head = node.chain.head.number;
      return { startingBlock: 0, currentBlock: head, highestBlock: head };
    },
    system_accountNextIndex: (p) => {
      p.atMost(1);
      const account = accountId(p.raw(0));
      const { block, state } = stateAt(node, undefined);
      const reply = callRuntime(node, block, state, 'AccountNonceApi_account_nonce', account);
      let nonce = Number(readUintLe(reply));
      // as Substrate does: skip past nonces the pool already provides, via the CheckNonce tag (who, nonce)
      const provided = new Set(node.pool.all().flatMap((tx) => tx.validity.provides));
      while (provided.has(nonceTag(account, nonce))) nonce++;
      return nonce;
    },
    system_dryRun: (p) => {
      p.atMost(2);
      const ext = p.bytes(0, 'extrinsic');
      const { block, state } = stateAt(node, p.optionalHash(1, 'at'));
      return u8aToHex(callRuntime(node, block, state, 'BlockBuilder_apply_extrinsic', ext)) as Hex;
    },
  };
}

function accountId(value: unknown): Uint8Array {
  if (typeof value !== 'string')
    throw new InvalidParamsError('account: expected an SS58 address or 0x account id');
  try {
    const id = /^0x[0-9a-fA-F]{64}$/.test(value) ? hexToU8a(value) : decodeAddress(value);
    if (id.length !== 32) throw new Error('not 32 bytes');
    return id;
  } catch {
    throw new InvalidParamsError('account: expected an SS58 address or 0x account id');
  }
}

function readUintLe(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = Math.min(bytes.length, 16) - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

function nonceTag(account: Uint8Array, nonce: number): Hex {
  const le = new Uint8Array(4);
  new DataView(le.buffer).setUint32(0, nonce, true);
  return u8aToHex(u8aConcat(u8aToU8a(account), le)) as Hex;
}
