import { ErrorCode, InvalidParamsError, MethodNotFoundError, RpcError } from '../errors.js';
import type { Connection } from './connection.js';
import { Params } from './params.js';

export interface MethodContext {
  readonly connection: Connection;
  /** Runs `task` after the reply to this call has been sent (first notifications of a subscription). */
  after(task: () => void): void;
}

export type Handler = (params: Params, context: MethodContext) => unknown;
export type MethodTable = Record<string, Handler>;

type Id = string | number | null;

export interface DispatchResult {
  /** undefined when nothing is to be sent (only notifications) */
  response: unknown;
  after: Array<() => void>;
}

/** JSON-RPC 2.0 request handling, independent of the transport. */
export class Dispatcher {
  private readonly methods = new Map<string, Handler>();

  register(table: MethodTable): void {
    for (const [name, handler] of Object.entries(table)) this.methods.set(name, handler);
  }

  /** The method names `rpc_methods` lists: exactly those registered. */
  names(): string[] {
    return [...this.methods.keys()].sort();
  }

  async handleText(text: string, connection: Connection): Promise<DispatchResult> {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return { response: errorResponse(null, new RpcError(ErrorCode.ParseError, 'Parse error')), after: [] };
    }
    return this.handle(request, connection);
  }

  async handle(request: unknown, connection: Connection): Promise<DispatchResult> {
    const after: Array<() => void> = [];
    if (Array.isArray(request)) {
      if (request.length === 0) {
        return {
          response: errorResponse(null, new RpcError(ErrorCode.InvalidRequest, 'Invalid request')),
          after,
        };
      }
      const responses = (await Promise.all(request.map((item) => this.call(item, connection, after)))).filter(
        (r) => r !== undefined,
      );
      return { response: responses.length ? responses : undefined, after };
    }
    return { response: await this.call(request, connection, after), after };
  }

  private async call(request: unknown, connection: Connection, after: Array<() => void>): Promise<unknown> {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return errorResponse(null, new RpcError(ErrorCode.InvalidRequest, 'Invalid request'));
    }
    const { jsonrpc, method, params, id } = request as Record<string, unknown>;
    const hasId = 'id' in request;
    const validId = id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
    if (hasId && !validId)
      return errorResponse(null, new RpcError(ErrorCode.InvalidRequest, 'Invalid request'));
    const replyId = (hasId ? id : null) as Id;
    if (jsonrpc !== '2.0' || typeof method !== 'string') {
      return errorResponse(replyId, new RpcError(ErrorCode.InvalidRequest, 'Invalid request'));
    }
    if (params !== undefined && params !== null && typeof params !== 'object') {
      return errorResponse(replyId, new RpcError(ErrorCode.InvalidRequest, 'Invalid request'));
    }
    let result: unknown;
    try {
      const handler = this.methods.get(method);
      if (!handler) throw new MethodNotFoundError(method);
      if (params !== undefined && params !== null && !Array.isArray(params)) {
        throw new InvalidParamsError('named parameters are not supported; pass an array');
      }
      const context: MethodContext = { connection, after: (task) => after.push(task) };
      result = await handler(new Params(method, (params as unknown[] | undefined) ?? []), context);
    } catch (error) {
      return hasId ? errorResponse(replyId, toRpcError(error)) : undefined;
    }
    if (!hasId) return undefined;
    return { jsonrpc: '2.0', id: replyId, result: result === undefined ? null : result };
  }
}

export function errorResponse(id: Id, error: RpcError): unknown {
  return { jsonrpc: '2.0', id, error: error.toJSON() };
}

export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RpcError(ErrorCode.Internal, 'Internal error', message);
}
