import {
  InputError,
  type MiningError,
  normalizeAddress,
  normalizeWorkerKey,
  percentToPermill,
  pha,
} from '@phala-mining/core';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import schema from '../../fleet.schema.json' with { type: 'json' };

/** A worker's wanted stake: an exact amount in planck, or the chain's bound for it. */
export type FleetStake = { kind: 'amount'; planck: bigint } | { kind: 'smin' } | { kind: 'smax' };

/** One worker as the fleet file wants it. Absent keys mean "leave as the chain has it". */
export interface FleetWorker {
  /** lowercase 0x-hex public key */
  key: string;
  stake?: FleetStake;
  mining?: boolean;
  /** where the worker's entry starts in the file, for messages */
  at: FilePosition;
}

/** One pool as the fleet file wants it. */
export interface FleetPool {
  /** the pool id, or 'new' to create one */
  pid: bigint | 'new';
  /** payout commission in Permill parts */
  payoutPermill?: number;
  /** stake cap in planck; null means unlimited */
  cap?: bigint | null;
  description?: string;
  /** SS58 (prefix 30) addresses; [] means no whitelist */
  whitelist?: string[];
  workers: FleetWorker[];
  at: FilePosition;
}

/** A parsed, validated fleet file. */
export interface FleetFile {
  pools: FleetPool[];
}

/** A 1-based line and column in the fleet file. */
export interface FilePosition {
  line: number;
  column: number;
}

/** Why the fleet file was refused. */
export type FleetFileProblem = 'Malformed' | 'UnknownField' | 'Invalid';

/**
 * The fleet file is refused, before anything is read from the chain: the message starts with `file:line:column`
 * so editors and CI logs can jump to it. Exits with the usage code (the input is wrong, not the chain).
 */
export class FleetFileError extends InputError {
  override readonly name = 'FleetFileError' as const;
  readonly code = 'FleetFile' as const;
  constructor(
    readonly file: string,
    readonly problem: FleetFileProblem,
    readonly position: FilePosition,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}:${position.line}:${position.column}: ${detail}`, options);
  }
}

// one compiled validator: the shipped JSON Schema is the single definition of the file's shape
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

/** Parses and validates fleet-file text; `file` names it in errors. Throws {@link FleetFileError}. */
export function parseFleetFile(text: string, file = 'fleet.yaml'): FleetFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number | undefined): FilePosition => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new FleetFileError(
      file,
      'Malformed',
      pos(yamlError.pos[0]),
      yamlError.message.split('\n')[0] ?? '',
      {
        cause: yamlError,
      },
    );
  }
  const data: unknown = doc.toJS();
  if (!validate(data)) {
    const error = mostSpecific(validate.errors ?? []);
    const path = pathOf(error);
    const node = nodeAt(doc.contents, path, error);
    const where = path.length > 0 ? path.join('.') : '(top level)';
    if (error.keyword === 'additionalProperties') {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      throw new FleetFileError(
        file,
        'UnknownField',
        pos(node?.range?.[0]),
        `unknown field "${field}" in ${where}`,
      );
    }
    throw new FleetFileError(
      file,
      'Invalid',
      pos(node?.range?.[0]),
      `${where} ${error.message ?? 'is invalid'}`,
    );
  }
  return toFleet(data as unknown as RawFleet, doc.contents, file, pos);
}

// ajv reports every branch of a oneOf; the error with the longest path (then a non-oneOf keyword) is the one a
// person needs to read: "pools.0.workers.2.key must match pattern" rather than "must match exactly one schema"
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) =>
    pathOf(e).length * 10 + (e.keyword === 'additionalProperties' ? 5 : 0) + (e.keyword === 'oneOf' ? 0 : 1);
  return errors.reduce((best, e) => (rank(e) > rank(best) ? e : best));
}

function pathOf(error: ErrorObject): string[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// the YAML node at a JSON-pointer path; for an unknown field, the key node itself (that is what the user mistyped)
function nodeAt(root: unknown, path: string[], error: ErrorObject): Node | undefined {
  let node = root as Node | undefined;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((p) => keyText(p.key) === segment)?.value as Node | undefined;
    else if (isSeq(node)) node = node.items[Number(segment)] as Node | undefined;
    else return node;
  }
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const field = String((error.params as { additionalProperty: string }).additionalProperty);
    const pair = node.items.find((p) => keyText(p.key) === field);
    if (pair?.key) return pair.key as Node;
  }
  return node;
}

function keyText(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return key === undefined || key === null ? undefined : String(key);
}

interface RawWorker {
  key: string;
  stake?: number | string;
  mining?: boolean;
}
interface RawPool {
  pid: number | 'new';
  payout?: number;
  cap?: number | string;
  description?: string;
  whitelist?: string[];
  workers?: RawWorker[];
}
interface RawFleet {
  pools: RawPool[];
}

// the schema checked the shape; values that need the SDK's rules (amount decimals, SS58 checksums, Permill) are
// converted here with core's own parsers so a file accepts exactly what the single-operation commands accept
function toFleet(
  raw: RawFleet,
  root: unknown,
  file: string,
  pos: (offset: number | undefined) => FilePosition,
): FleetFile {
  const at = (path: (string | number)[]): FilePosition => {
    let node = root as Node | undefined;
    for (const s of path) {
      if (isMap(node)) node = node.items.find((p) => keyText(p.key) === String(s))?.value as Node | undefined;
      else if (isSeq(node)) node = node.items[Number(s)] as Node | undefined;
    }
    return pos(node?.range?.[0]);
  };
  const convert = <T>(path: (string | number)[], f: () => T): T => {
    try {
      return f();
    } catch (e) {
      const message = (e as MiningError).message ?? String(e);
      throw new FleetFileError(file, 'Invalid', at(path), `${path.join('.')}: ${message}`, { cause: e });
    }
  };
  const seenPids = new Set<bigint>();
  const seenKeys = new Map<string, string>();
  const pools = raw.pools.map((p, i): FleetPool => {
    const base = ['pools', i];
    const pid = p.pid === 'new' ? 'new' : BigInt(p.pid);
    if (pid !== 'new') {
      if (seenPids.has(pid))
        throw new FleetFileError(file, 'Invalid', at([...base, 'pid']), `pool ${pid} is listed twice`);
      seenPids.add(pid);
    }
    const workers = (p.workers ?? []).map((w, j): FleetWorker => {
      const wpath = [...base, 'workers', j];
      const key = convert([...wpath, 'key'], () => normalizeWorkerKey(w.key));
      const other = seenKeys.get(key);
      if (other)
        throw new FleetFileError(
          file,
          'Invalid',
          at([...wpath, 'key']),
          `worker ${key} is also listed at ${other}`,
        );
      const where = at(wpath);
      seenKeys.set(key, `${where.line}:${where.column}`);
      const worker: FleetWorker = { key, at: where };
      if (w.stake !== undefined)
        worker.stake =
          w.stake === 'smin' || w.stake === 'smax'
            ? { kind: w.stake }
            : { kind: 'amount', planck: convert([...wpath, 'stake'], () => pha(w.stake as string | number)) };
      if (w.mining !== undefined) worker.mining = w.mining;
      return worker;
    });
    const pool: FleetPool = { pid, workers, at: at(base) };
    if (p.payout !== undefined)
      pool.payoutPermill = convert([...base, 'payout'], () => percentToPermill(p.payout as number));
    if (p.cap !== undefined)
      pool.cap =
        p.cap === 'unlimited' ? null : convert([...base, 'cap'], () => pha(p.cap as string | number));
    if (p.description !== undefined) pool.description = p.description;
    if (p.whitelist !== undefined)
      pool.whitelist = p.whitelist.map((a, k) =>
        convert([...base, 'whitelist', k], () => normalizeAddress(a)),
      );
    return pool;
  });
  return { pools };
}
