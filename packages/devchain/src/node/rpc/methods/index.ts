import { Dispatcher, type DispatcherLimits } from '../dispatcher.js';
import { authorMethods } from './author.js';
import { chainMethods } from './chain.js';
import { chainHeadMethods } from './chainHead.js';
import { chainSpecMethods } from './chainSpec.js';
import { devMethods } from './dev.js';
import type { RpcEnv } from './env.js';
import { paymentMethods } from './payment.js';
import { phalaMethods } from './phala.js';
import { stateMethods } from './state.js';
import { systemMethods } from './system.js';
import { transactionMethods } from './transaction.js';

export type { RpcEnv } from './env.js';

/** Every method the node serves; `rpc_methods` lists exactly these. */
export function createDispatcher(
  env: RpcEnv,
  options: { devRpc: boolean; limits?: Partial<DispatcherLimits> },
): Dispatcher {
  const dispatcher = new Dispatcher(options.limits);
  dispatcher.register(systemMethods(env));
  dispatcher.register(chainMethods(env));
  dispatcher.register(stateMethods(env));
  dispatcher.register(authorMethods(env));
  dispatcher.register(paymentMethods(env));
  dispatcher.register(chainHeadMethods(env));
  dispatcher.register(chainSpecMethods(env));
  dispatcher.register(transactionMethods(env));
  if (options.devRpc) {
    dispatcher.register(devMethods(env));
    dispatcher.register(phalaMethods(env));
  }
  dispatcher.register({
    rpc_methods: (p) => {
      p.atMost(0);
      return { version: 1, methods: dispatcher.names() };
    },
  });
  return dispatcher;
}
