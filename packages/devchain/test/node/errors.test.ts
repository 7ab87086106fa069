import { ChainError, CompatibilityError, InputError, MiningError } from '@phala-mining/errors';
import { describe, expect, it } from 'vitest';
import * as devchain from '../../src/index.js';
import { InvalidParamsError, MethodNotFoundError } from '../../src/node/errors.js';
import { ExtrinsicFormatError } from '../../src/runtime/extrinsic.js';

const { ErrorCode } = devchain;

describe("the dev chain's errors", () => {
  it('belong to the family: literal names, PascalCase codes, a category base each', () => {
    const cases: Array<[MiningError, string, string, abstract new (...args: never) => MiningError]> = [
      [new devchain.BlockModeError('bad mode'), 'BlockModeError', 'InvalidBlockMode', InputError],
      [
        new devchain.PersistenceError('StateFileInvalid', 'x'),
        'PersistenceError',
        'StateFileInvalid',
        InputError,
      ],
      [new devchain.DevActionError('x'), 'DevActionError', 'DevActionRefused', InputError],
      [new devchain.RuntimeCallError('x'), 'RuntimeCallError', 'RuntimeCallFailed', InputError],
      [new ExtrinsicFormatError('x'), 'ExtrinsicFormatError', 'ExtrinsicFormat', InputError],
      [new devchain.RpcError(ErrorCode.Internal, 'Internal error'), 'RpcError', 'Internal', ChainError],
      [new InvalidParamsError('bad'), 'InvalidParamsError', 'InvalidParams', ChainError],
      [new MethodNotFoundError('no_such'), 'MethodNotFoundError', 'MethodNotFound', ChainError],
      [new devchain.StateUnavailableError('pruned'), 'StateUnavailableError', 'Client', ChainError],
      [new devchain.DevControlError('no'), 'DevControlError', 'DevUnsupported', ChainError],
      [
        new devchain.PoolRejectedError(ErrorCode.AlreadyImported, 'Transaction Already Imported'),
        'PoolRejectedError',
        'AlreadyImported',
        ChainError,
      ],
    ];
    for (const [error, name, code, category] of cases) {
      expect(error, name).toBeInstanceOf(MiningError);
      expect(error, name).toBeInstanceOf(category);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(error.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    }
    expect(new devchain.BlockModeError('x')).not.toBeInstanceOf(CompatibilityError);
  });

  it('keep the JSON-RPC number on the wire, apart from the PascalCase code', () => {
    const error = new InvalidParamsError('expected a hex string');
    expect(error.rpcCode).toBe(-32602);
    expect(error.toJSON()).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: 'expected a hex string',
    });
    expect(new devchain.StateUnavailableError('block 0x01 pruned').toJSON()).toEqual({
      code: 4003,
      message: 'Client error: block 0x01 pruned',
    });
    // every number of the table has its own name, so `code` tells them apart as `rpcCode` does
    const numbers = Object.values(ErrorCode);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const [code, rpcCode] of Object.entries(ErrorCode)) {
      expect(new devchain.RpcError(rpcCode, 'x').code).toBe(code);
    }
  });
});
