import {
  CapBelowTotalStakeError,
  ClientClosedError,
  ConnectionTimeoutError,
  ConnectionFailedError as CoreConnectionFailedError,
  DescriptionTooLongError,
  DispatchError,
  InputError,
  InvalidAmountError,
  MissingStorageError,
  PalletError,
  PLANCK_PER_PHA,
  SignerError,
  TransactionExpiredError,
  TransactionRejectedError,
  UnexpectedError,
  UnsupportedRuntimeError,
} from '@phala-mining/core';
import { describe, expect, it } from 'vitest';
import {
  ConnectionFailedError,
  describeError,
  EXIT_CODES,
  exitCodeOf,
  KeyError,
  UsageError,
} from './errors.js';
import { FleetFileError } from './fleet/fleetFile.js';
import { formatDuration, renderTable, toJson } from './format.js';

describe('formatDuration', () => {
  it('shows the two largest units as the Phala App does', () => {
    expect(formatDuration(7n * 86_400n)).toBe('7 d');
    expect(formatDuration(7n * 86_400n - 3_600n)).toBe('6 d 23 h');
    expect(formatDuration(6n * 86_400n + 59n)).toBe('6 d');
    expect(formatDuration(3 * 3600 + 5 * 60 + 9)).toBe('3 h 5 min');
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(0n)).toBe('0 s');
    expect(formatDuration(-5n)).toBe('0 s');
  });
});

describe('renderTable', () => {
  it('pads columns, right-aligns numbers, trims line ends', () => {
    expect(
      renderTable(
        ['A', { header: 'N', align: 'right' }, 'Z'],
        [
          ['x', '1', ''],
          ['long', '100', 'z'],
        ],
      ),
    ).toBe(['A       N  Z', '----  ---  -', 'x       1', 'long  100  z'].join('\n'));
  });
});

describe('exit codes', () => {
  it('maps every error class to its documented code', () => {
    expect(EXIT_CODES).toEqual({
      ok: 0,
      failure: 1,
      usage: 2,
      validation: 3,
      onChain: 4,
      connection: 5,
      key: 6,
      interrupted: 130,
    });
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(new InvalidAmountError('x', 'NotANumber'))).toBe(2);
    expect(exitCodeOf(new CapBelowTotalStakeError(1n, 2n))).toBe(3);
    expect(exitCodeOf(new PalletError('phalaStakePool', 'StakeExceedsCapacity', '', 1, 2))).toBe(4);
    expect(exitCodeOf(new DispatchError('BadOrigin', ''))).toBe(4);
    expect(exitCodeOf(new TransactionRejectedError('stale', '0x00'))).toBe(4);
    expect(exitCodeOf(new ConnectionFailedError('ws://x', 'refused'))).toBe(5);
    expect(exitCodeOf(new UnsupportedRuntimeError('PhalaStakePool', 'polkadot', 1))).toBe(5);
    expect(exitCodeOf(new KeyError('NoKey', 'no key'))).toBe(6);
    expect(exitCodeOf(new UnexpectedError('boom'))).toBe(1);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });

  it('follows the error category, for the CLI’s own errors too', () => {
    expect(exitCodeOf(new ConnectionTimeoutError('ws://x', 3000))).toBe(5);
    expect(exitCodeOf(new MissingStorageError('PhalaStakePool', 'StakePools'))).toBe(5);
    expect(exitCodeOf(new TransactionExpiredError('0x01', 9))).toBe(4);
    expect(exitCodeOf(new ClientClosedError())).toBe(5);
    expect(exitCodeOf(new DescriptionTooLongError(4401, 4400))).toBe(3);
    expect(exitCodeOf(new FleetFileError('fleet.yaml', 'Invalid', { line: 1, column: 1 }, 'bad'))).toBe(2);
    expect(new UsageError('x')).toBeInstanceOf(InputError);
    expect(new KeyError('NoKey', 'no key')).toBeInstanceOf(SignerError);
    // the CLI no longer wraps core's connection error: it is the same class
    expect(ConnectionFailedError).toBe(CoreConnectionFailedError);
    expect(describeError(new ConnectionTimeoutError('ws://x', 3000))).toBe(
      'cannot connect to ws://x: no answer within 3 s',
    );
  });

  it('describes rules with amounts in PHA on one line', () => {
    expect(describeError(new CapBelowTotalStakeError(100n * PLANCK_PER_PHA, 2_000_500_000_000_000n))).toBe(
      "the cap must be at least the pool's total stake: cap 100 PHA < total stake 2,000.5 PHA",
    );
    expect(
      describeError(
        new PalletError('phalaStakePool', 'StakeExceedsCapacity', 'The stake\n   exceeds the cap', 1, 2),
      ),
    ).toBe('the chain refused it: phalaStakePool.StakeExceedsCapacity — The stake exceeds the cap');
  });
});

describe('toJson', () => {
  it('keeps planck exact as strings', () => {
    expect(toJson({ a: 2n ** 70n, b: undefined })).toBe('{"a":"1180591620717411303424","b":null}');
  });
});
