import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';

/** Khala's `ProxyType`, in the order of its SCALE index (0 Any … 5 StakePoolManager). */
export const PROXY_TYPES = [
  'Any',
  'NonTransfer',
  'CancelProxy',
  'Governance',
  'Collator',
  'StakePoolManager',
] as const;

/** One of Khala's proxy types. */
export type ProxyTypeName = (typeof PROXY_TYPES)[number];

/** A call as @polkadot/api names it: `section` is the pallet in lowerCamelCase, `method` the call in lowerCamelCase. */
export interface CallName {
  /** pallet, e.g. `phalaStakePool` */
  section: string;
  /** call, e.g. `setCap` */
  method: string;
}

/** Pallets whose every call NonTransfer allows (Khala's `InstanceFilter`; Vesting is allowed for two calls only). */
const NON_TRANSFER_SECTIONS = new Set([
  'system',
  'timestamp',
  'session',
  'democracy',
  'council',
  'phragmenElection',
  'technicalCommittee',
  'technicalMembership',
  'treasury',
  'bounties',
  'tips',
  'utility',
  'identity',
  'scheduler',
  'proxy',
  'multisig',
]);

const GOVERNANCE_SECTIONS = new Set([
  'democracy',
  'council',
  'technicalCommittee',
  'phragmenElection',
  'treasury',
  'bounties',
  'tips',
  'utility',
]);

/** What StakePoolManager may call besides Utility (Khala runtime 1192, `runtime/khala/src/lib.rs`). */
const STAKE_POOL_MANAGER_CALLS: Record<string, ReadonlySet<string>> = {
  phalaStakePool: new Set([
    'addWorker',
    'removeWorker',
    'startMining',
    'stopMining',
    'restartMining',
    'reclaimPoolWorker',
    'create',
  ]),
  phalaRegistry: new Set(['registerWorker']),
  phalaMq: new Set(['syncOffchainMessage']),
};

/** Khala's `InstanceFilter<RuntimeCall> for ProxyType::filter`, for one call (not its nested calls). */
export function proxyTypeAllows(type: ProxyTypeName, call: CallName): boolean {
  const { section, method } = call;
  switch (type) {
    case 'Any':
      return true;
    case 'NonTransfer':
      if (section === 'vesting') return method === 'vest' || method === 'vestOther';
      return NON_TRANSFER_SECTIONS.has(section);
    case 'CancelProxy':
      return (
        (section === 'proxy' && method === 'rejectAnnouncement') ||
        section === 'utility' ||
        section === 'multisig'
      );
    case 'Governance':
      return GOVERNANCE_SECTIONS.has(section);
    case 'Collator':
      return section === 'collatorSelection' || section === 'utility' || section === 'multisig';
    case 'StakePoolManager':
      return section === 'utility' || (STAKE_POOL_MANAGER_CALLS[section]?.has(method) ?? false);
  }
}

/** Khala's `is_superset`: equal → true, Any ⊇ all, nothing ⊇ Any, NonTransfer ⊇ all others. */
export function isSuperset(a: ProxyTypeName, b: ProxyTypeName): boolean {
  if (a === b || a === 'Any') return true;
  if (b === 'Any') return false;
  return a === 'NonTransfer';
}

/** What the filter reads of a call (a `Call`, or an extrinsic's `method`): its name, arguments and their names. */
export interface FilterableCall extends CallName {
  /** the call's arguments, in order */
  args: readonly Codec[];
  /** its metadata: the arguments' names, snake_case */
  meta: { args: readonly { name: Codec }[] };
}

/**
 * The first call (this one or one nested in it) that a proxy of `type` may not make, or undefined when all pass.
 * It follows what the chain does: FRAME's `do_proxy` puts the filter on the origin, so it applies again to every
 * call a Utility batch dispatches, and it adds FRAME's own rule that a proxy may only add or remove proxies of a
 * type it is a superset of (and only Any may remove all proxies or kill a pure proxy).
 */
export function firstFilteredCall(type: ProxyTypeName, call: FilterableCall): CallName | undefined {
  const c = call;
  const name = { section: c.section, method: c.method };
  if (!proxyTypeAllows(type, name)) return name;
  if (name.section === 'proxy') {
    if (name.method === 'addProxy' || name.method === 'removeProxy') {
      const requested = String(argByName(c, 'proxyType') ?? '') as ProxyTypeName;
      if ((PROXY_TYPES as readonly string[]).includes(requested) && !isSuperset(type, requested)) return name;
    }
    if ((name.method === 'removeProxies' || name.method === 'killPure') && type !== 'Any') return name;
  }
  for (const inner of nestedCalls(c)) {
    const refused = firstFilteredCall(type, inner);
    if (refused) return refused;
  }
  return undefined;
}

/**
 * Calls a call dispatches with the same (filtered) origin: Utility's batches and `asDerivative`/`dispatchAs`-style
 * wrappers. `proxy.proxy` nested in a proxy call dispatches as another account whose own proxy check applies, and a
 * multisig's call runs as the multisig account with no filter, so neither is looked into.
 */
function nestedCalls(c: FilterableCall): FilterableCall[] {
  if (c.section !== 'utility') return [];
  const out: FilterableCall[] = [];
  for (const arg of c.args) {
    const raw = arg.toRawType();
    if (raw === 'Call' || /RuntimeCall$/.test(raw) || isCall(arg)) out.push(arg as Call);
    else if (Array.isArray(arg)) for (const x of arg as unknown[]) if (isCall(x)) out.push(x);
  }
  return out;
}

function isCall(x: unknown): x is FilterableCall {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<Record<keyof FilterableCall, unknown>>;
  return typeof c.section === 'string' && typeof c.method === 'string' && Array.isArray(c.args);
}

function argByName(c: FilterableCall, name: string): unknown {
  const index = c.meta.args.findIndex(
    (a) => a.name.toString().replace(/_([a-z])/g, (_: string, ch: string) => ch.toUpperCase()) === name,
  );
  return index < 0 ? undefined : c.args[index]?.toString();
}
