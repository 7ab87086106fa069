import type { RuntimeCallValue } from '../../runtime/ext.js';
import { AccountId32, H256 } from '../../runtime/primitives.js';
import { enumType, type Hex, newtype, struct, tuple, u32, u128, vec } from '../../scale/types.js';

export const PROXY_TYPES = [
  'Any',
  'NonTransfer',
  'CancelProxy',
  'Governance',
  'Collator',
  'StakePoolManager',
] as const;
export type ProxyTypeValue = (typeof PROXY_TYPES)[number];

/** `khala_parachain_runtime::ProxyType` */
export const ProxyType = enumType<ProxyTypeValue>(
  'khala_parachain_runtime::ProxyType',
  Object.fromEntries(PROXY_TYPES.map((t) => [t, null])),
);

export interface ProxyDefinitionValue {
  delegate: Hex;
  proxy_type: ProxyTypeValue;
  delay: number;
}
export const ProxyDefinition = struct(
  'pallet_proxy::ProxyDefinition',
  { delegate: [AccountId32, 'AccountId'], proxy_type: [ProxyType, 'ProxyType'], delay: [u32, 'BlockNumber'] },
  {
    params: [
      ['AccountId', AccountId32],
      ['ProxyType', ProxyType],
      ['BlockNumber', u32],
    ],
  },
);

export interface AnnouncementValue {
  real: Hex;
  call_hash: Hex;
  height: number;
}
export const Announcement = struct(
  'pallet_proxy::Announcement',
  { real: [AccountId32, 'AccountId'], call_hash: [H256, 'Hash'], height: [u32, 'BlockNumber'] },
  {
    params: [
      ['AccountId', AccountId32],
      ['Hash', H256],
      ['BlockNumber', u32],
    ],
  },
);

const bounded = <T>(inner: Parameters<typeof vec<T>>[0]) =>
  newtype('sp_core::bounded::bounded_vec::BoundedVec', vec(inner), 'Vec<T>', {
    params: [['T', inner], ['S']],
  });

export const ProxiesValue = tuple(bounded(ProxyDefinition), u128);
export const AnnouncementsValue = tuple(bounded(Announcement), u128);

/** The pallets whose calls `NonTransfer` allows, limited to the ones the dev chain runs (Khala's list is longer). */
const NON_TRANSFER_PALLETS = new Set([
  'System',
  'Timestamp',
  'Session',
  'Democracy',
  'Council',
  'PhragmenElection',
  'TechnicalCommittee',
  'TechnicalMembership',
  'Treasury',
  'Bounties',
  'Tips',
  'Utility',
  'Identity',
  'Scheduler',
  'Proxy',
  'Multisig',
]);

const STAKE_POOL_MANAGER_CALLS: Record<string, Set<string>> = {
  PhalaStakePool: new Set([
    'add_worker',
    'remove_worker',
    'start_mining',
    'stop_mining',
    'restart_mining',
    'reclaim_pool_worker',
    'create',
  ]),
  PhalaRegistry: new Set(['register_worker']),
  PhalaMq: new Set(['sync_offchain_message']),
};

function callName(call: RuntimeCallValue): string {
  return typeof call.value === 'string' ? call.value : call.value.tag;
}

/** Khala's `InstanceFilter<RuntimeCall> for ProxyType` (runtime/khala/src/lib.rs). */
export function proxyTypeAllows(type: ProxyTypeValue, call: RuntimeCallValue): boolean {
  const pallet = call.tag;
  const name = callName(call);
  switch (type) {
    case 'Any':
      return true;
    case 'NonTransfer':
      if (pallet === 'Vesting') return name === 'vest' || name === 'vest_other';
      return NON_TRANSFER_PALLETS.has(pallet);
    case 'CancelProxy':
      return (
        (pallet === 'Proxy' && name === 'reject_announcement') ||
        pallet === 'Utility' ||
        pallet === 'Multisig'
      );
    case 'Governance':
      return [
        'Democracy',
        'Council',
        'TechnicalCommittee',
        'PhragmenElection',
        'Treasury',
        'Bounties',
        'Tips',
        'Utility',
      ].includes(pallet);
    case 'Collator':
      return ['CollatorSelection', 'Utility', 'Multisig'].includes(pallet);
    case 'StakePoolManager':
      return pallet === 'Utility' || (STAKE_POOL_MANAGER_CALLS[pallet]?.has(name) ?? false);
  }
}

/** Khala's `is_superset`: equal → true, Any ⊇ all, nothing ⊇ Any, NonTransfer ⊇ all others. */
export function isSuperset(a: ProxyTypeValue, b: ProxyTypeValue): boolean {
  if (a === b) return true;
  if (a === 'Any') return true;
  if (b === 'Any') return false;
  return a === 'NonTransfer';
}

/** FRAME's derived `Ord` for ProxyDefinition: delegate bytes, then proxy type index, then delay. */
export function compareDefinitions(x: ProxyDefinitionValue, y: ProxyDefinitionValue): number {
  if (x.delegate !== y.delegate) return x.delegate < y.delegate ? -1 : 1;
  const tx = PROXY_TYPES.indexOf(x.proxy_type);
  const ty = PROXY_TYPES.indexOf(y.proxy_type);
  if (tx !== ty) return tx - ty;
  return x.delay - y.delay;
}
