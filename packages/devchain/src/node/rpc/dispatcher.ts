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
  /** the serialized reply; undefined when nothing is to be sent (only notifications) */
  response: string | undefined;
  after: Array<() => void>;
}

export interface DispatcherLimits {
  /** replies above this many bytes are replaced by -32008 (a batch's by -32011) and never sent */
  maxResponseBytes: number;
  /** batches with more calls are refused whole with -32010 */
  maxBatchLength: number;
}

/** Substrate's default `--rpc-max-response-size`: 15 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 15 * 1024 * 1024;
/**
 * Batch length cap. Substrate leaves it unlimited by default, but a batch is answered in one frame, so without
 * a cap one request can make the node build an arbitrarily large reply; 1,000 calls is far above what
 * @polkadot/api or polkadot-api ever send (they do not batch).
 */
export const DEFAULT_MAX_BATCH_LENGTH = 1_000;

/** JSON-RPC 2.0 request handling, independent of the transport. */
export class Dispatcher {
  private readonly methods = new Map<string, Handler>();
  readonly limits: DispatcherLimits;

  constructor(limits: Partial<DispatcherLimits> = {}) {
    this.limits = {
      maxResponseBytes: limits.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxBatchLength: limits.maxBatchLength ?? DEFAULT_MAX_BATCH_LENGTH,
    };
  }

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
      return {
        response: serialize(errorResponse(null, new RpcError(ErrorCode.ParseError, 'Parse error'))),
        after: [],
      };
    }
    return this.handle(request, connection);
  }

  async handle(request: unknown, connection: Connection): Promise<DispatchResult> {
    const after: Array<() => void> = [];
    if (!Array.isArray(request)) {
      const response = await this.call(request, connection, after);
      return { response: response === undefined ? undefined : this.bounded(response), after };
    }
    if (request.length === 0) {
      return {
        response: serialize(errorResponse(null, new RpcError(ErrorCode.InvalidRequest, 'Invalid request'))),
        after,
      };
    }
    if (request.length > this.limits.maxBatchLength) {
      const error = new RpcError(
        ErrorCode.TooBigBatchRequest,
        'The batch request was too large',
        `Exceeded max limit of ${this.limits.maxBatchLength}`,
      );
      return { response: serialize(errorResponse(null, error)), after };
    }
    // One call at a time, serialized as it completes: the batch stops as soon as its replies pass the response
    // limit, so a batch of large replies never sits in memory whole.
    const parts: string[] = [];
    let size = 2;
    for (const item of request) {
      const response = await this.call(item, connection, after);
      if (response === undefined) continue;
      const part = serialize(response);
      size += part.length + 1;
      if (size > this.limits.maxResponseBytes) {
        // the subscriptions this batch opened will never be announced to the client: end them unheard
        connection.closeUnannounced();
        const error = new RpcError(
          ErrorCode.TooBigBatchResponse,
          'The batch response was too large',
          `Exceeded max limit of ${this.limits.maxResponseBytes}`,
        );
        return { response: serialize(errorResponse(null, error)), after: [] };
      }
      parts.push(part);
    }
    return { response: parts.length ? `[${parts.join(',')}]` : undefined, after };
  }

  /** Serializes one reply, or the -32008 error that replaces it when it is over the limit. */
  private bounded(response: Reply): string {
    const text = serialize(response);
    if (text.length <= this.limits.maxResponseBytes) return text;
    const error = new RpcError(
      ErrorCode.OversizedResponse,
      'Response is too big',
      `Exceeded max limit of ${this.limits.maxResponseBytes}`,
    );
    return serialize(errorResponse(response.id, error));
  }

  private async call(
    request: unknown,
    connection: Connection,
    after: Array<() => void>,
  ): Promise<Reply | undefined> {
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

interface Reply {
  jsonrpc: '2.0';
  id: Id;
  result?: unknown;
  error?: ReturnType<RpcError['toJSON']>;
}

export function errorResponse(id: Id, error: RpcError): Reply {
  return { jsonrpc: '2.0', id, error: error.toJSON() };
}

/** JSON text; a reply that cannot be serialized (it never should) becomes an internal error, not a crash. */
export function serialize(message: unknown): string {
  try {
    return JSON.stringify(message);
  } catch (error) {
    const id = (message as { id?: Id } | null)?.id ?? null;
    return JSON.stringify(errorResponse(id, toRpcError(error)));
  }
}

export function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RpcError(ErrorCode.Internal, 'Internal error', message);
}
