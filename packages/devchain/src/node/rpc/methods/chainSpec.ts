import type { MethodTable } from '../dispatcher.js';
import { noParams } from '../noParams.js';
import type { RpcEnv } from './env.js';

export function chainSpecMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  return {
    chainSpec_v1_chainName: noParams(() => node.runtime.chainName),
    chainSpec_v1_genesisHash: noParams(() => node.chain.genesis.hash),
    chainSpec_v1_properties: noParams(() => ({ ...node.runtime.properties })),
  };
}
