import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import type { HeaderFields } from '../runtime/interface.js';
import { BlockState } from '../runtime/state.js';
import type { Hex } from '../scale/types.js';
import type { BlockRecord } from './chain.js';
import type { DevNode } from './node.js';
import { PersistenceError } from './persistenceError.js';

export { PersistenceError };

export const STATE_FILE_FORMAT = 'phala-devchain-state';
export const STATE_FILE_VERSION = 1;

interface StoredBlock {
  hash: Hex;
  number: number;
  parentHash: Hex;
  header: HeaderFields;
  encodedHeader: Hex;
  extrinsics: Hex[];
  timestamp: number;
}

/**
 * The state file. Only the head's state is kept (older blocks keep headers and bodies but answer state queries
 * with "State already discarded", like a pruned node).
 */
export interface StateFile {
  format: typeof STATE_FILE_FORMAT;
  version: typeof STATE_FILE_VERSION;
  savedAt: string;
  genesisHash: Hex;
  canonical: Hex[];
  blocks: StoredBlock[];
  headState: Array<[Hex, Hex]>;
  pool: Hex[];
  timeTravelTarget: number | null;
}

/** Captures the node between two chain mutations. */
export function serializeNode(node: DevNode): Promise<StateFile> {
  return node.producer.enqueue(() => {
    const head = node.chain.head;
    const headState = node.chain.stateAt(head.hash);
    return {
      format: STATE_FILE_FORMAT,
      version: STATE_FILE_VERSION,
      savedAt: new Date().toISOString(),
      genesisHash: node.chain.genesis.hash,
      canonical: [...node.chain.canonicalHashes()],
      blocks: node.chain.all().map(storeBlock),
      headState: headState.entries().map(([k, v]) => [k, u8aToHex(v) as Hex]),
      pool: node.pool.all().map((tx) => tx.hex),
      timeTravelTarget: node.producer.timeTravelTarget ?? null,
    };
  });
}

/** Writes the file atomically: a crash mid-write leaves the previous file intact. */
export async function saveState(node: DevNode, file: string): Promise<void> {
  const data = await serializeNode(node);
  await mkdir(dirname(file), { recursive: true });
  await removeStaleTemporaries(file);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a state file; `undefined` when it does not exist yet. */
export async function readState(file: string): Promise<StateFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PersistenceError('StateFileUnreadable', `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PersistenceError('StateFileInvalid', `${file} is not JSON`, { cause: error });
  }
  validate(data, file);
  return data;
}

/** Replaces the node's chain with the file's. The node must run the runtime the file was written with. */
export function restoreNode(node: DevNode, data: StateFile): void {
  if (data.genesisHash !== node.chain.genesis.hash) {
    throw new PersistenceError(
      'StateFileOtherChain',
      `the state file belongs to a chain with genesis ${data.genesisHash}, this runtime's genesis is ${node.chain.genesis.hash} (start it with the options it was created with: --production, --production-tokenomics and --genesis-timestamp change the genesis)`,
    );
  }
  const headHash = data.canonical[data.canonical.length - 1]!;
  const headState = BlockState.fromEntries(data.headState.map(([k, v]) => [k, hexToU8a(v)]));
  const genesis = node.chain.genesis;
  const blocks: BlockRecord[] = data.blocks.map((b) => ({
    hash: b.hash,
    number: b.number,
    parentHash: b.parentHash,
    header: b.header,
    encodedHeader: hexToU8a(b.encodedHeader),
    extrinsics: b.extrinsics.map((x) => hexToU8a(x)),
    timestamp: b.timestamp,
    state: b.hash === headHash ? headState : b.hash === genesis.hash ? genesis.state : undefined,
  }));
  const placeholder = { priority: 0n, requires: [], provides: [], longevity: 0n, propagate: true };
  node.load(
    { blocks, canonical: data.canonical },
    { transactions: data.pool.map((x, seq) => ({ bytes: hexToU8a(x), seq, validity: placeholder })) },
    data.timeTravelTarget ?? undefined,
  );
}

function storeBlock(block: BlockRecord): StoredBlock {
  return {
    hash: block.hash,
    number: block.number,
    parentHash: block.parentHash,
    header: block.header,
    encodedHeader: u8aToHex(block.encodedHeader) as Hex,
    extrinsics: block.extrinsics.map((x) => u8aToHex(x) as Hex),
    timestamp: block.timestamp,
  };
}

function validate(data: unknown, file: string): asserts data is StateFile {
  const fail = (why: string): never => {
    throw new PersistenceError('StateFileInvalid', `${file}: ${why}`);
  };
  if (typeof data !== 'object' || data === null) fail('not an object');
  const d = data as Partial<StateFile>;
  if (d.format !== STATE_FILE_FORMAT) fail(`format is not ${STATE_FILE_FORMAT}`);
  if (d.version !== STATE_FILE_VERSION) fail(`unsupported version ${String(d.version)}`);
  if (!Array.isArray(d.canonical) || d.canonical.length === 0) fail('no canonical chain');
  if (!Array.isArray(d.blocks) || !Array.isArray(d.headState) || !Array.isArray(d.pool))
    fail('missing blocks, headState or pool');
  const hex = (value: unknown, where: string, bytes?: number): void => {
    if (typeof value !== 'string' || !/^0x(?:[0-9a-f]{2})*$/i.test(value))
      fail(`${where} is not hex bytes (${JSON.stringify(value)?.slice(0, 40)})`);
    if (bytes !== undefined && (value as string).length !== 2 + 2 * bytes)
      fail(`${where} is not ${bytes} bytes`);
  };
  if (d.headState!.length === 0) fail('headState is empty (a chain always has state)');
  d.headState!.forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 2) fail(`headState[${i}] is not a [key, value] pair`);
    hex(entry[0], `headState[${i}] key`);
    hex(entry[1], `headState[${i}] value`);
  });
  d.blocks!.forEach((b, i) => {
    if (typeof b !== 'object' || b === null) fail(`blocks[${i}] is not a block`);
    hex(b.hash, `blocks[${i}].hash`, 32);
    hex(b.parentHash, `blocks[${i}].parentHash`, 32);
    hex(b.encodedHeader, `blocks[${i}].encodedHeader`);
    if (!Number.isSafeInteger(b.number) || b.number < 0) fail(`blocks[${i}].number is not a block number`);
    if (!Number.isSafeInteger(b.timestamp) || b.timestamp < 0)
      fail(`blocks[${i}].timestamp is not unix milliseconds`);
    if (typeof b.header !== 'object' || b.header === null || b.header.number !== b.number) {
      fail(`blocks[${i}].header is missing or does not match block ${b.number}`);
    }
    if (!Array.isArray(b.extrinsics)) fail(`blocks[${i}].extrinsics is not a list`);
    b.extrinsics.forEach((x, j) => {
      hex(x, `blocks[${i}].extrinsics[${j}]`);
    });
  });
  d.pool!.forEach((x, i) => {
    hex(x, `pool[${i}]`);
  });
  if (
    d.timeTravelTarget !== null &&
    d.timeTravelTarget !== undefined &&
    !Number.isSafeInteger(d.timeTravelTarget)
  ) {
    fail(`timeTravelTarget ${JSON.stringify(d.timeTravelTarget)} is not unix milliseconds`);
  }
  hex(d.genesisHash, 'genesisHash', 32);
  const numbers = new Map(d.blocks!.map((b) => [b.hash, b.number]));
  d.canonical!.forEach((hash, i) => {
    if (!numbers.has(hash)) fail(`canonical block ${hash} is missing`);
    if (numbers.get(hash) !== i) fail(`canonical block ${hash} is not at height ${i}`);
  });
}

/**
 * Temporaries a save killed half-way left behind (`<file>.<pid>.<random>.tmp`) of processes that are gone: they
 * are never read, so they only take space.
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) && /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(dirname(file), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
