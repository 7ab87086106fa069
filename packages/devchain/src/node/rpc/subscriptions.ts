import { ErrorCode, RpcError } from '../errors.js';

/** jsonrpsee's default per-connection limit. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 1024;

import type { Subscription } from './connection.js';
import type { Handler, MethodContext } from './dispatcher.js';

/** Opens a subscription whose notifications start after the subscribe reply. */
export function openSubscription(context: MethodContext, kind: string, notification: string): Subscription {
  if (!context.connection.supportsSubscriptions) {
    throw new RpcError(ErrorCode.MethodNotFound, 'Subscriptions are not supported over HTTP');
  }
  if (context.connection.subscriptionCount >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
    throw new RpcError(ErrorCode.TooManySubscriptions, 'Too many subscriptions on the connection');
  }
  const sub = context.connection.subscribe(kind, notification);
  context.after(() => sub.activate());
  return sub;
}

/** `*_unsubscribe*`: true when a subscription of that kind was ended, as jsonrpsee answers. */
export function unsubscribeHandler(kind: string): Handler {
  return (params, context) => {
    params.atMost(1);
    const sub = context.connection.get(params.raw(0), kind);
    if (!sub) return false;
    sub.close();
    return true;
  };
}
