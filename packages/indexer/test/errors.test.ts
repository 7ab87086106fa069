import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChainError,
  CompatibilityError,
  InputError,
  MiningError,
  TransportError,
} from '@phala-mining/errors';
import { describe, expect, it } from 'vitest';
import {
  ChainMismatchError,
  ConnectionFailedError,
  DatabaseUnavailableError,
  INDEXER_ERROR_CLASSES,
  IndexerError,
  InvalidArgumentError,
  MigrationFailedError,
  StatePrunedError,
} from '../src/index.js';
import { ChainSource } from '../src/ingest/chain.js';
import { openDb } from '../src/store/open.js';

describe("the indexer's errors", () => {
  it('belong to the family with a literal name, a PascalCase code and a category base each', () => {
    const cases = [
      [new InvalidArgumentError('pool: not a number'), 'InvalidArgument', InputError],
      [new DatabaseUnavailableError('down'), 'DbUnavailable', TransportError],
      [new MigrationFailedError('no'), 'MigrationFailed', CompatibilityError],
      [new ConnectionFailedError('ws://127.0.0.1:1', 'refused'), 'ConnectionFailed', TransportError],
      [new StatePrunedError('pruned'), 'StatePruned', CompatibilityError],
      [new ChainMismatchError('other chain'), 'ChainMismatch', CompatibilityError],
    ] as const;
    expect(cases.map(([error]) => error.constructor)).toEqual([...INDEXER_ERROR_CLASSES]);
    for (const [error, code, category] of cases) {
      expect(error).toBeInstanceOf(MiningError);
      expect(error).toBeInstanceOf(category);
      expect(error).toBeInstanceOf(IndexerError);
      expect(error.name).toBe(error.constructor.name);
      expect(error.code).toBe(code);
    }
    expect(new StatePrunedError('x')).not.toBeInstanceOf(ChainError);
    expect(new Error('plain')).not.toBeInstanceOf(IndexerError);
    expect('InvalidArgument').not.toBeInstanceOf(IndexerError);
  });

  it('refuses a missing database and one that cannot be opened', async () => {
    await expect(openDb('')).rejects.toBeInstanceOf(InvalidArgumentError);
    const dir = mkdtempSync(join(tmpdir(), 'indexer-errors-'));
    const notADb = join(dir, 'not-a-db.sqlite');
    writeFileSync(
      notADb,
      'this is no SQLite file, just text that fills more than one header of it'.repeat(20),
    );
    const error = await openDb(notADb).catch((e: unknown) => e);
    // a file that is no SQLite database fails at its first read, and says so as the family's transport error
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toBeInstanceOf(IndexerError);
    expect((error as DatabaseUnavailableError).message).toMatch(
      /^cannot open SQLite file .*not-a-db\.sqlite: /,
    );
    await expect(openDb(join(dir, 'missing-dir', 'x.sqlite'))).rejects.toMatchObject({
      code: 'DbUnavailable',
      cause: expect.any(Error),
    });
  });

  it('reports a node nobody listens on as the family’s ConnectionFailedError', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const endpoint = `ws://127.0.0.1:${port}`;
    const error = await ChainSource.connect(endpoint, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'ConnectionFailed', endpoint });
  });
});
