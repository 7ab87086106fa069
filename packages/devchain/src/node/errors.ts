/**
 * Errors the node reports over JSON-RPC. Codes follow JSON-RPC 2.0 and Substrate (jsonrpsee, sc-rpc-api) so
 * clients that branch on them (`@polkadot/api`, subxt, polkadot-api) behave as against a real node.
 */
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

export class RpcError extends Error {
  override readonly name: string = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
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

/** A transaction the pool refused; `code` is the sc-rpc-api author error code. */
export class PoolRejectedError extends RpcError {
  override readonly name = 'PoolRejectedError';
}

export class DevControlError extends RpcError {
  override readonly name = 'DevControlError';
  constructor(message: string, data?: unknown) {
    super(ErrorCode.DevUnsupported, message, data);
  }
}
