/**
 * Errors the node reports over JSON-RPC. Numeric codes follow JSON-RPC 2.0 and Substrate (jsonrpsee, sc-rpc-api) so
 * clients that branch on them (`@polkadot/api`, subxt, polkadot-api) behave as against a real node; on the wire
 * `code` is that number. In process the errors belong to the SDK's family (@phala-mining/errors): `code` is the
 * PascalCase name of the number in {@link ErrorCode} and the number is `rpcCode`.
 */
import { ChainError } from '@phala-mining/errors';

export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  /** jsonrpsee: a request larger than the server's limit */
  OversizedRequest: -32007,
  /** jsonrpsee: the connection holds its maximum number of subscriptions */
  TooManySubscriptions: -32006,
  /** jsonrpsee: a reply larger than the server's limit is never sent; this error is sent instead */
  OversizedResponse: -32008,
  /** jsonrpsee: the server holds its maximum number of connections */
  ServerBusy: -32009,
  /** jsonrpsee: a batch with more calls than the server's limit */
  TooBigBatchRequest: -32010,
  /** jsonrpsee: the replies of a batch together exceed the response limit */
  TooBigBatchResponse: -32011,
  /** sc-rpc-api author errors */
  BadFormat: 1001,
  Verification: 1002,
  InvalidTransaction: 1010,
  UnknownTransaction: 1011,
  TemporarilyBanned: 1012,
  AlreadyImported: 1013,
  TooLowPriority: 1014,
  /** sc-rpc-api: the pool is full (`ImmediatelyDropped`) */
  ImmediatelyDropped: 1016,
  /** sc-rpc-api state errors */
  InvalidBlockRange: 4001,
  InvalidCount: 4002,
  Client: 4003,
  /** chainHead_v1 spec */
  InvalidBlockHash: -32801,
  InvalidContinue: -32802,
  /** dev_* control methods that cannot do what was asked */
  DevUnsupported: 7001,
} as const;

/** The PascalCase id of a JSON-RPC error: the name of its number in {@link ErrorCode}. */
export type RpcErrorCode = keyof typeof ErrorCode;

/** A JSON-RPC error number the node sends (one of {@link ErrorCode}'s). */
export type RpcErrorNumber = (typeof ErrorCode)[RpcErrorCode];

const CODE_OF_NUMBER = new Map<number, RpcErrorCode>(
  Object.entries(ErrorCode).map(([code, rpcCode]) => [rpcCode, code as RpcErrorCode]),
);

/**
 * An error the node answers a request with. A `ChainError` of the family: whatever the method, it is the node
 * refusing the request, and every subclass shares this one category so the dispatcher can test `instanceof RpcError`.
 */
export class RpcError extends ChainError {
  override readonly name: string = 'RpcError';
  /** PascalCase id, the name of `rpcCode` in {@link ErrorCode} (e.g. `InvalidParams` for -32602). */
  readonly code: RpcErrorCode;
  constructor(
    /** the JSON-RPC error number sent on the wire (as `code`) */
    readonly rpcCode: RpcErrorNumber,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.code = CODE_OF_NUMBER.get(rpcCode)!;
  }

  /** The error object of a JSON-RPC reply: `code` is the number clients branch on. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.rpcCode, message: this.message }
      : { code: this.rpcCode, message: this.message, data: this.data };
  }
}

export class InvalidParamsError extends RpcError {
  override readonly name = 'InvalidParamsError';
  constructor(detail: string) {
    super(ErrorCode.InvalidParams, 'Invalid params', detail);
  }
}

export class MethodNotFoundError extends RpcError {
  override readonly name = 'MethodNotFoundError';
  constructor(method: string) {
    super(ErrorCode.MethodNotFound, 'Method not found', method);
  }
}

/** The block is unknown or its state was pruned (Substrate answers both as a client error). */
export class StateUnavailableError extends RpcError {
  override readonly name = 'StateUnavailableError';
  constructor(message: string) {
    super(ErrorCode.Client, `Client error: ${message}`);
  }
}

/** A transaction the pool refused; `rpcCode` is the sc-rpc-api author error number (`code` its name). */
export class PoolRejectedError extends RpcError {
  override readonly name = 'PoolRejectedError';
}

export class DevControlError extends RpcError {
  override readonly name = 'DevControlError';
  constructor(message: string, data?: unknown) {
    super(ErrorCode.DevUnsupported, message, data);
  }
}
