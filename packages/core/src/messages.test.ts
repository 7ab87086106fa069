import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './accounts.js';
import { formatPha, pha } from './amount.js';
import { createMiningClient } from './client.js';
import {
  ConnectionFailedError,
  CooldownNotOverError,
  InvalidAmountError,
  InvalidWithdrawalError,
  MiningDisabledError,
  TransactionRejectedError,
  WorkerStateError,
} from './errors/index.js';
import { contribute } from './operations/contribute.js';

const threw = (f: () => unknown): any => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('messages say what is wrong in the guide’s words, with the remedy', () => {
  it('amounts: planck inputs as planck, zero as zero, reasons in words', () => {
    expect(threw(() => contribute(0n, 0n)).message).toBe(
      'invalid amount 0 planck: the amount must be more than 0',
    );
    expect(threw(() => contribute(0n, 0n)).reason).toBe('NotPositive');
    expect(threw(() => contribute(0n, -5n)).message).toBe(
      'invalid amount -5 planck: an amount cannot be negative',
    );
    expect(threw(() => pha('1.5x')).message).toBe(
      'invalid amount "1.5x" PHA: not a plain decimal number (e.g. 1000 or 1_000.5)',
    );
    expect(threw(() => pha('0.0000000000001')).message).toContain('PHA has at most 12 decimals');
  });

  it('formatPha refuses a missing value with a typed error', () => {
    const e = threw(() => formatPha(undefined as unknown as bigint));
    expect(e).toBeInstanceOf(InvalidAmountError);
    expect(e.message).toBe('invalid amount (missing): not a plain decimal number (e.g. 1000 or 1_000.5)');
  });

  it('shares are shown as shares, dust in the chain’s units', () => {
    expect(new InvalidWithdrawalError(5n, 1000n * 10n ** 12n).message).toBe(
      'a withdrawal must be more than 1000 share units (dust) and at most the shares held: 5 share units requested, 1,000 shares held',
    );
  });

  it('worker states by the Worker List’s names; cooldown end and mining switch with the remedy', () => {
    expect(new WorkerStateError('0xab', 'MiningIdle', ['Ready']).message).toBe(
      'worker 0xab is Mining; this needs Ready',
    );
    expect(new WorkerStateError('0xab', 'Ready', ['MiningIdle', 'MiningUnresponsive']).message).toBe(
      'worker 0xab is Ready; this needs Mining or Unresponsive',
    );
    const end = BigInt(Date.UTC(2026, 11, 9, 15, 18) / 1000);
    expect(new CooldownNotOverError('0xab', end, end - 60n).message).toBe(
      'worker 0xab is still cooling down: reclaimable at 2026-12-09 15:18 UTC (60 s from now)',
    );
    expect(new MiningDisabledError().message).toMatch(
      /governance calls phalaStakePool\.setMiningEnable\(true\)/,
    );
  });

  it('a transaction rejected before it had a hash says so; an address that is missing says what a signer is', () => {
    expect(new TransactionRejectedError('Cancelled', undefined).message).toBe(
      'transaction rejected before it was sent: Cancelled',
    );
    expect(new TransactionRejectedError('Invalid', '0x12').message).toBe(
      'transaction 0x12 rejected: Invalid',
    );
    expect(threw(() => normalizeAddress(undefined as unknown as string)).message).toBe(
      'not a valid account address: (missing) — a signer is a KeyringPair or { address, signer }',
    );
  });

  it('endpoints: not a WebSocket URL, or a network that is gone, fail typed and at once', async () => {
    const http = await createMiningClient({ endpoint: 'http://127.0.0.1:9944' }).catch((e: unknown) => e);
    expect(http).toBeInstanceOf(ConnectionFailedError);
    expect((http as Error).message).toContain(
      'not a WebSocket URL (ws:// or wss://): "http://127.0.0.1:9944"',
    );
    const khala = await createMiningClient({ network: 'khala' }).catch((e: unknown) => e);
    expect(khala).toBeInstanceOf(ConnectionFailedError);
    expect((khala as Error).message).toMatch(
      /Khala stake pool v1 is gone .* createMiningClient\(\{ network: 'dev' \}\)/,
    );
  });
});
