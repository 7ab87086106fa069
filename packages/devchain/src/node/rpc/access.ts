import { u8aToHex } from '@polkadot/util';
import { RuntimeCallError } from '../../runtime/interface.js';
import type { BlockState } from '../../runtime/state.js';
import type { Hex } from '../../scale/types.js';
import type { BlockRecord } from '../chain.js';
import { ErrorCode, RpcError, StateUnavailableError } from '../errors.js';
import type { DevNode } from '../node.js';

/** The block at `hash`, or the head when no hash is given; unknown hashes are a client error. */
export function blockAt(node: DevNode, hash: Hex | undefined): BlockRecord {
  if (hash === undefined) return node.chain.head;
  const block = node.chain.byHash(hash);
  if (!block) throw new StateUnavailableError(`UnknownBlock: Header was not found in the database: ${hash}`);
  return block;
}

export function stateAt(node: DevNode, hash: Hex | undefined): { block: BlockRecord; state: BlockState } {
  const block = blockAt(node, hash);
  return { block, state: node.chain.stateAt(block.hash) };
}

/** A runtime API call; failures become Substrate's "Execution failed" client error. */
export function callRuntime(
  node: DevNode,
  block: BlockRecord,
  state: BlockState,
  method: string,
  args: Uint8Array,
): Uint8Array {
  try {
    return node.runtime.call(state, method, args, { number: block.number, hash: block.hash });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RuntimeCallError)
      throw new RpcError(ErrorCode.Client, `Client error: Execution failed: ${message}`);
    throw new RpcError(ErrorCode.Client, `Client error: Execution failed: Runtime panicked: ${message}`);
  }
}

export function valueHex(value: Uint8Array | undefined): Hex | null {
  return value === undefined ? null : (u8aToHex(value) as Hex);
}
