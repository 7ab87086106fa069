import { sr25519Ready } from '../runtime/executive.js';
import type { Runtime } from '../runtime/interface.js';
import { createKhalaRuntime, type KhalaRuntimeOptions } from '../runtime/khala.js';
import type { Hex } from '../scale/types.js';
import { DEFAULT_INTERVAL_MS, parseBlockMode } from './blockMode.js';
import { DevNode, type NewBlockOptions } from './node.js';
import { PersistenceError, readState, restoreNode, saveState } from './persistence.js';
import { type BlockMode, SLOT_MS } from './producer.js';
import { createDispatcher } from './rpc/methods/index.js';
import type { CorsPolicy } from './rpc/origins.js';
import { RpcServer } from './rpc/server.js';
import type { PoolLimits } from './txpoolTypes.js';

export interface DevChainOptions {
  /** 0 picks a free port; default 9944 */
  port?: number;
  host?: string;
  /** `instant` (default), `interval`, `manual`, chopsticks' `Instant | Batch | Manual`, or a BlockMode */
  blockMode?: BlockMode | string | { interval: number };
  /** interval mode's period; default 12000 ms */
  intervalMs?: number;
  /** load the chain from this file at start (if it exists) and save it there on close */
  stateFile?: string;
  /**
   * keep the chain in this SQLite file: every block is committed before any client hears of it, and a restart
   * resumes at the last committed head (not with `stateFile`)
   */
  db?: string;
  /**
   * with `db`: read every page of the file before resuming (`PRAGMA quick_check`) and refuse a damaged one with a
   * PersistenceError. Off by default, so opening costs what a restart reads, not the file's size; a damaged page is
   * then met (as a PersistenceError) when the block on it is read.
   */
  dbCheck?: boolean;
  /** keep every block's state in memory (an archive node) instead of the last `keepStates` */
  archive?: boolean;
  /**
   * serve dev_* and phala_* methods (default true). `false` also starts the Khala runtime without a Sudo key, so
   * nothing can write state except real extrinsics (a runtime given as an object is used as it is).
   */
  devRpc?: boolean;
  /** browser origins allowed: `'all'` or a list (default Substrate's `--rpc-cors`: localhost, 127.0.0.1, polkadot.js.org) */
  cors?: CorsPolicy;
  /** open connections (WebSockets and HTTP requests in progress); default 100 */
  maxConnections?: number;
  /** default 15 MiB */
  maxRequestBytes?: number;
  /** default 15 MiB: a larger reply is answered with -32008 (a batch's with -32011) instead */
  maxResponseBytes?: number;
  /** calls in one batch; default 1,000 (-32010 above) */
  maxBatchLength?: number;
  /** blocks one dev_newBlock may build; default 10,000 */
  maxNewBlocks?: number;
  /** transaction pool limits; default Substrate's (8192 / 20 MiB ready, 819 / 2 MiB future) */
  poolLimits?: Partial<PoolLimits>;
  /** a Runtime, or options for `createKhalaRuntime` (default: the Khala runtime with dev settings) */
  runtime?: Runtime | KhalaRuntimeOptions;
  /**
   * unix ms of the genesis block (default: now, rounded down to a 12 s slot; with a state file, the file's).
   * Also given to the Khala runtime, whose genesis state (and so genesis hash) records it.
   */
  genesisTimestamp?: number;
  /** how many recent block states to keep (≥ 256 recommended) */
  keepStates?: number;
  /** longest wait between a client receiving `inBlock` and hearing `finalized` when it never reads the events; default 2000 ms */
  finalizedStatusDelayMs?: number;
}

export interface DevChain {
  /** the head's number when the chain was restored from `stateFile` or `db`; undefined for a new chain */
  readonly restoredAt: number | undefined;
  /** `ws://host:port` */
  readonly endpoint: string;
  /** `http://host:port` */
  readonly httpEndpoint: string;
  readonly port: number;
  readonly node: DevNode;
  newBlock(options?: NewBlockOptions): Promise<Hex>;
  timeTravel(target: number | string | Date): number;
  setStorage(values: Iterable<[Hex, Hex | Uint8Array | null]>): Promise<Hex>;
  setHead(target: Hex | number): Promise<Hex>;
  setBlockMode(mode: BlockMode | string | { interval: number }): void;
  snapshot(): Promise<string>;
  revert(id: string): Promise<boolean>;
  /** writes the state file; returns its path (undefined when none is configured) */
  save(): Promise<string | undefined>;
  /** saves (if a state file is set), closes every socket and the server, and stops all timers */
  close(): Promise<void>;
}

export function isRuntime(value: unknown): value is Runtime {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Runtime).buildBlock === 'function' &&
    typeof (value as Runtime).genesisBlock === 'function'
  );
}

/**
 * Imported statically, though a node given its own Runtime does not need the Khala pallets: the package index
 * exports them anyway, and a dynamic import made the bundler wrap ~80 modules in lazy initialisers (each parsed
 * twice by V8, once when loaded and again when first run), which cost a fresh process more than it saved.
 */
async function khalaRuntime(options: KhalaRuntimeOptions): Promise<Runtime> {
  await sr25519Ready();
  return createKhalaRuntime(options);
}

export async function startDevChain(options: DevChainOptions = {}): Promise<DevChain> {
  const { stateFile } = options;
  if (stateFile && options.db) {
    throw new PersistenceError(
      'StateFileInvalid',
      'use either a state file (--state, JSON saved on exit) or a database (--db, every block committed), not both',
    );
  }
  if (options.dbCheck && !options.db) {
    throw new PersistenceError(
      'StateFileInvalid',
      'the database check (--db-check) reads the file given with --db, and there is none: add --db <file>',
    );
  }
  const genesisOfDb = options.db ? await readDbGenesisTime(options.db) : undefined;
  const saved = stateFile ? await readState(stateFile) : undefined;
  // a restored chain keeps its genesis time: the Khala genesis state (hence its hash) depends on it
  const genesisTimestamp =
    options.genesisTimestamp ??
    saved?.blocks.find((b) => b.number === 0)?.timestamp ??
    genesisOfDb ??
    Math.floor(Date.now() / SLOT_MS) * SLOT_MS;
  const runtime = isRuntime(options.runtime)
    ? options.runtime
    : await khalaRuntime({
        genesisTimestamp,
        ...(options.devRpc === false ? { sudoKey: null } : {}),
        ...(options.runtime ?? {}),
      });
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const toMode = (mode: DevChainOptions['blockMode']): BlockMode =>
    mode === undefined
      ? { mode: 'instant' }
      : typeof mode === 'object' && 'mode' in mode
        ? mode
        : parseBlockMode(mode, intervalMs);
  const node = new DevNode(runtime, {
    // production starts after a restore, so blocks never build on the fresh genesis by accident
    blockMode: { mode: 'manual' },
    genesisTimestamp,
    ...(options.archive
      ? { keepStates: Number.POSITIVE_INFINITY }
      : options.keepStates === undefined
        ? {}
        : { keepStates: options.keepStates }),
    ...(options.finalizedStatusDelayMs === undefined
      ? {}
      : { finalizedStatusDelayMs: options.finalizedStatusDelayMs }),
    ...(options.maxNewBlocks === undefined ? {} : { maxNewBlocks: options.maxNewBlocks }),
    ...(options.poolLimits === undefined ? {} : { poolLimits: options.poolLimits }),
  });
  let restoredAt: number | undefined;
  try {
    if (saved) {
      restoreNode(node, saved);
      restoredAt = node.head.number;
    }
    if (options.db) {
      const { ChainDatabase } = await import('./database.js');
      const { db, created } = await ChainDatabase.open(options.db, node.chain.genesis, {
        fullCheck: options.dbCheck === true,
      });
      try {
        if (!created) {
          const stored = db.load(node.chain.genesis, node.chain.keep);
          const placeholder = { priority: 0n, requires: [], provides: [], longevity: 0n, propagate: true };
          node.load(
            stored.chain,
            { transactions: stored.pool.map((bytes, seq) => ({ bytes, seq, validity: placeholder })) },
            stored.timeTravelTarget,
          );
          restoredAt = node.head.number;
        }
      } catch (error) {
        db.close();
        throw error;
      }
      node.attachDatabase(db);
    }
  } catch (error) {
    await node.close();
    throw error;
  }
  node.setBlockMode(toMode(options.blockMode));

  const host = options.host ?? '127.0.0.1';
  let server: RpcServer | undefined;
  const save = async (): Promise<string | undefined> => {
    if (!stateFile) return undefined;
    await saveState(node, stateFile);
    return stateFile;
  };
  const dispatcher = createDispatcher(
    {
      node,
      listenAddress: () => ({ host, port: server?.port ?? 0 }),
      save: stateFile ? async () => (await save())! : undefined,
    },
    {
      devRpc: options.devRpc ?? true,
      limits: {
        ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
        ...(options.maxBatchLength === undefined ? {} : { maxBatchLength: options.maxBatchLength }),
      },
    },
  );
  try {
    server = await RpcServer.listen(dispatcher, {
      host,
      port: options.port ?? 9944,
      ...(options.cors === undefined ? {} : { cors: options.cors }),
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
      ...(options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes }),
    });
  } catch (error) {
    await node.close();
    throw error;
  }
  const port = server.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    restoredAt,
    endpoint: `ws://${urlHost}:${port}`,
    httpEndpoint: `http://${urlHost}:${port}`,
    port,
    node,
    newBlock: async (o) => (await node.newBlock(o)).hash,
    timeTravel: (target) => node.timeTravel(target),
    setStorage: async (values) => (await node.setStorage(values)).hash,
    setHead: async (target) => (await node.setHead(target)).hash,
    setBlockMode: (mode) => node.setBlockMode(toMode(mode)),
    snapshot: () => node.snapshot(),
    revert: (id) => node.revert(id),
    save,
    close: () => {
      closing ??= (async () => {
        node.setBlockMode({ mode: 'manual' });
        node.stopRuns();
        try {
          await save();
        } finally {
          await server!.close();
          await node.close();
        }
      })();
      return closing;
    },
  };
}

/**
 * The genesis time recorded in an existing database (the Khala genesis state, hence its hash, depends on it), so
 * a restart needs no --genesis-timestamp. Undefined for a new file; a damaged one is reported when opened.
 */
async function readDbGenesisTime(file: string): Promise<number | undefined> {
  const { existsSync } = await import('node:fs');
  if (!existsSync(file)) return undefined;
  try {
    const Driver = (await import('better-sqlite3')).default;
    const db = new Driver(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT timestamp FROM blocks WHERE number = 0 ORDER BY seq LIMIT 1').get() as
        | { timestamp: number }
        | undefined;
      return row?.timestamp;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}
