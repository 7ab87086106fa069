import { readFile } from 'node:fs/promises';
import { parseAmount, parseWorkerKey } from './args.js';
import { UsageError } from './errors.js';
import { phaText } from './format.js';
import type { Session } from './session.js';

/** One worker's stake: a fixed planck amount, or the worker's own Smin or Smax. */
export type StakeSpec = bigint | 'smin' | 'smax';

/** The stakes a start/restart asks for: one for every worker, and/or per worker key. */
export interface StakeChoice {
  /** for workers the file does not name (or the only choice, from `--stake`) */
  default: StakeSpec | undefined;
  /** by lower-case worker key */
  perWorker: Map<string, StakeSpec>;
}

function parseSpec(text: string, where: string): StakeSpec {
  const t = String(text).trim().toLowerCase();
  if (t === 'smin' || t === 'smax') return t;
  try {
    return parseAmount(String(text));
  } catch {
    throw new UsageError(
      `${where}: a stake is an amount in PHA, smin or smax, got ${JSON.stringify(String(text))}`,
    );
  }
}

/** `--stake` and/or `--stake-file` → a {@link StakeChoice}; at least one is needed. */
export async function stakeChoice(stake: string | undefined, file: string | undefined): Promise<StakeChoice> {
  if (stake === undefined && file === undefined)
    throw new UsageError('give --stake <amount|smin|smax> or --stake-file FILE');
  const choice: StakeChoice = {
    default: stake === undefined ? undefined : parseSpec(stake, '--stake'),
    perWorker: new Map(),
  };
  if (file === undefined) return choice;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read stake file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    // every scalar as text: YAML's core schema would read an unquoted 0x… worker key as a number
    doc = parse(text, { schema: 'failsafe' });
  } catch (error) {
    throw new UsageError(`stake file ${file} is not YAML/JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new UsageError(
      `stake file ${file} must map worker keys to stakes, e.g. { "0x…": smin, default: 5000 }`,
    );
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'default') {
      if (choice.default !== undefined)
        throw new UsageError(`give --stake or a default in ${file}, not both`);
      choice.default = parseSpec(String(v), `${file} default`);
      continue;
    }
    choice.perWorker.set(parseWorkerKey(k).toLowerCase(), parseSpec(String(v), `${file} ${k}`));
  }
  return choice;
}

/**
 * Each selected worker's stake in planck. `smin`/`smax` read the worker's own bounds (Smin = k·√P depends on its
 * benchmark score, so one amount rarely fits a whole fleet); an error names the worker it is about.
 */
export async function resolveStakes(
  s: Session,
  pid: bigint,
  workers: readonly string[],
  choice: StakeChoice,
): Promise<bigint[]> {
  const specs = workers.map((w) => {
    const spec = choice.perWorker.get(w.toLowerCase()) ?? choice.default;
    if (spec === undefined)
      throw new UsageError(`worker ${w}: the stake file names no stake for it and has no default`);
    return spec;
  });
  if (!specs.some((x) => typeof x === 'string')) return specs as bigint[];
  const client = await s.client();
  const views = await s.first(client.workers$(pid));
  return specs.map((spec, i) => {
    if (typeof spec === 'bigint') return spec;
    const w = workers[i]!;
    const view = views.find((v) => v.pubkey.toLowerCase() === w.toLowerCase());
    const bound = spec === 'smin' ? view?.smin : view?.smax;
    if (bound === undefined)
      throw new UsageError(
        `worker ${w}: no ${spec === 'smin' ? 'Smin' : 'Smax'} (${view ? 'no benchmark score or tokenomic parameters yet' : `not in pool ${pid}`})`,
      );
    return bound;
  });
}

/** `5,000 PHA each` or `stakes 4,472.1 PHA … 6,000 PHA` for a summary line. */
export function stakeSummary(stakes: readonly bigint[]): string {
  const distinct = [...new Set(stakes)];
  if (distinct.length === 1) return `${phaText(distinct[0]!)} each`;
  const total = stakes.reduce((a, b) => a + b, 0n);
  return `${phaText(total)} in all, ${stakes.map((x) => phaText(x)).join(' / ')}`;
}
