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

type AnyCall = Call & Record<string, any>;

/**
 * The first call (this one or one nested in it) that a proxy of `type` may not make, or undefined when all pass.
 * It follows what the chain does: FRAME's `do_proxy` puts the filter on the origin, so it applies again to every
 * call a Utility batch dispatches, and it adds FRAME's own rule that a proxy may only add or remove proxies of a
 * type it is a superset of (and only Any may remove all proxies or kill a pure proxy).
 */
export function firstFilteredCall(type: ProxyTypeName, call: Call): CallName | undefined {
  const c = call as AnyCall;
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
function nestedCalls(c: AnyCall): Call[] {
  if (c.section !== 'utility') return [];
  const out: Call[] = [];
  for (const arg of c.args as Codec[]) {
    const raw = arg.toRawType();
    if (raw === 'Call' || /RuntimeCall$/.test(raw) || isCall(arg)) out.push(arg as Call);
    else if (Array.isArray(arg)) for (const x of arg as unknown[]) if (isCall(x)) out.push(x as Call);
  }
  return out;
}

function isCall(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as AnyCall).section === 'string' &&
    typeof (x as AnyCall).method === 'string' &&
    Array.isArray((x as AnyCall).args)
  );
}

function argByName(c: AnyCall, name: string): unknown {
  const index = (c.meta.args as Array<{ name: Codec }>).findIndex(
    (a) => a.name.toString().replace(/_([a-z])/g, (_: string, ch: string) => ch.toUpperCase()) === name,
  );
  return index < 0 ? undefined : (c.args as Codec[])[index]?.toString();
}
