/**
 * pallet_proxy at FRAME polkadot-v0.9.30 with Khala's ProxyType: delegates act for a real account within their
 * proxy type's filter (applied to nested calls too), optionally after a delay announced in advance; pure proxies
 * are keyless accounts controlled only through a proxy. Deposits are reserved from the delegator (or announcer).
 */
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a } from '@polkadot/util-crypto';
import { lookupAddress } from '../../runtime/accounts.js';
import { addCallFilter } from '../../runtime/callFilter.js';
import type { Ext, RuntimeCallValue } from '../../runtime/ext.js';
import { badOrigin, call, definePallet, type Origin } from '../../runtime/pallet.js';
import { AccountId32, H256, MultiAddress } from '../../runtime/primitives.js';
import { storageOf } from '../../runtime/storage.js';
import { compact, encode, type Hex, option, type ScaleType, u16, u32, u128 } from '../../scale/types.js';
import { reserve, unreserve } from '../balances/index.js';
import { dispatchInner } from '../utility/index.js';
import { DispatchResult } from '../utility/types.js';
import { docsOf } from './docs.js';
import {
  AnnouncementsValue,
  type AnnouncementValue,
  compareDefinitions,
  isSuperset,
  PROXY_TYPES,
  ProxiesValue,
  type ProxyDefinitionValue,
  ProxyType,
  type ProxyTypeValue,
  proxyTypeAllows,
} from './types.js';

export * from './types.js';

const PHA = 10n ** 12n;
const CENTS = PHA / 100n;
/** Khala's `deposit(items, bytes) = items * 15 * CENTS + bytes * CENTS` (runtime/khala/src/constants.rs). */
export const khalaDeposit = (items: bigint, bytes: bigint) => items * 15n * CENTS + bytes * CENTS;

export const PROXY_DEPOSIT_BASE = khalaDeposit(1n, 40n);
export const PROXY_DEPOSIT_FACTOR = khalaDeposit(0n, 33n);
export const MAX_PROXIES = 32;
export const MAX_PENDING = 32;
export const ANNOUNCEMENT_DEPOSIT_BASE = khalaDeposit(1n, 48n);
export const ANNOUNCEMENT_DEPOSIT_FACTOR = khalaDeposit(0n, 66n);

const store = storageOf('Proxy');
export const Proxies = store.map('Proxies', 'Twox64Concat', AccountId32, {
  value: ProxiesValue,
  default: [[], 0n] as [ProxyDefinitionValue[], bigint],
  docs: docsOf('storage:Proxies'),
});
export const Announcements = store.map('Announcements', 'Twox64Concat', AccountId32, {
  value: AnnouncementsValue,
  default: [[], 0n] as [AnnouncementValue[], bigint],
  docs: docsOf('storage:Announcements'),
});

/** `blake2_256(b"modlpy/proxy____" ‖ who ‖ height ‖ ext_index ‖ proxy_type ‖ index)`: a pure proxy's account. */
export function pureAccount(
  spawner: Hex,
  type: ProxyTypeValue,
  index: number,
  height: number,
  extIndex: number,
): Hex {
  const entropy = u8aConcat(
    stringToU8a('modlpy/proxy____'),
    hexToU8a(spawner),
    u32.codec.enc(height),
    u32.codec.enc(extIndex),
    Uint8Array.of(PROXY_TYPES.indexOf(type)),
    u16.codec.enc(index),
  );
  return u8aToHex(blake2AsU8a(entropy, 256)) as Hex;
}

export function callHash(RuntimeCall: ScaleType<RuntimeCallValue>, inner: RuntimeCallValue): Hex {
  return blake2AsHex(encode(RuntimeCall, inner), 256) as Hex;
}

function signer(origin: Origin): Hex {
  if (origin.kind !== 'signed') throw badOrigin();
  return origin.who;
}

function rejig(ext: Ext, who: Hex, oldDeposit: bigint, newDeposit: bigint): void {
  if (newDeposit > oldDeposit) reserve(ext, who, newDeposit - oldDeposit);
  else if (newDeposit < oldDeposit) unreserve(ext, who, oldDeposit - newDeposit);
}

const proxyDeposit = (n: number) => (n === 0 ? 0n : PROXY_DEPOSIT_BASE + PROXY_DEPOSIT_FACTOR * BigInt(n));
const announcementDeposit = (n: number) =>
  n === 0 ? 0n : ANNOUNCEMENT_DEPOSIT_BASE + ANNOUNCEMENT_DEPOSIT_FACTOR * BigInt(n);

export function proxiesOf(ext: Ext, real: Hex): ProxyDefinitionValue[] {
  return Proxies.get(ext.state, real)[0];
}

function findProxy(
  ext: Ext,
  real: Hex,
  delegate: Hex,
  force: ProxyTypeValue | undefined,
): ProxyDefinitionValue {
  const def = proxiesOf(ext, real).find(
    (d) => d.delegate === delegate && (force === undefined || d.proxy_type === force),
  );
  if (!def) throw ProxyPallet.error('NotProxy');
  return def;
}

/** Dispatches `inner` as `real` narrowed to the proxy type, the way FRAME's `do_proxy` filters the origin. */
function doProxy(ext: Ext, def: ProxyDefinitionValue, real: Hex, inner: RuntimeCallValue): void {
  const origin: Origin = { kind: 'signed', who: real };
  addCallFilter(origin, (c) => {
    if (c.tag === 'Proxy' && typeof c.value === 'object') {
      const { tag, value } = c.value;
      if ((tag === 'add_proxy' || tag === 'remove_proxy') && !isSuperset(def.proxy_type, value.proxy_type))
        return false;
      if ((tag === 'remove_proxies' || tag === 'kill_pure') && def.proxy_type !== 'Any') return false;
    }
    return proxyTypeAllows(def.proxy_type, c);
  });
  const error = dispatchInner(ext, origin, inner);
  ProxyPallet.emit(ext, 'ProxyExecuted', {
    result: (error === undefined ? { success: true, value: [] } : { success: false, value: error }) as never,
  });
}

function addProxyDelegate(
  ext: Ext,
  delegator: Hex,
  delegate: Hex,
  proxy_type: ProxyTypeValue,
  delay: number,
): void {
  if (delegator === delegate) throw ProxyPallet.error('NoSelfProxy');
  const [list, old] = Proxies.get(ext.state, delegator);
  const def = { delegate, proxy_type, delay };
  const at = list.findIndex((d) => compareDefinitions(d, def) >= 0);
  if (at >= 0 && compareDefinitions(list[at]!, def) === 0) throw ProxyPallet.error('Duplicate');
  if (list.length >= MAX_PROXIES) throw ProxyPallet.error('TooMany');
  const next = [...list];
  next.splice(at < 0 ? next.length : at, 0, def);
  const deposit = proxyDeposit(next.length);
  rejig(ext, delegator, old, deposit);
  Proxies.set(ext.state, delegator, [next, deposit]);
  ProxyPallet.emit(ext, 'ProxyAdded', { delegator, delegatee: delegate, proxy_type, delay });
}

function removeProxyDelegate(
  ext: Ext,
  delegator: Hex,
  delegate: Hex,
  proxy_type: ProxyTypeValue,
  delay: number,
): void {
  const [list, old] = Proxies.get(ext.state, delegator);
  const def = { delegate, proxy_type, delay };
  const at = list.findIndex((d) => compareDefinitions(d, def) === 0);
  if (at < 0) throw ProxyPallet.error('NotFound');
  const next = list.filter((_, i) => i !== at);
  const deposit = proxyDeposit(next.length);
  rejig(ext, delegator, old, deposit);
  if (next.length === 0) Proxies.remove(ext.state, delegator);
  else Proxies.set(ext.state, delegator, [next, deposit]);
  ProxyPallet.emit(ext, 'ProxyRemoved', { delegator, delegatee: delegate, proxy_type, delay });
}

/** Keeps the announcements `keep` accepts; NotFound when it removed none (FRAME's `edit_announcements`). */
function editAnnouncements(ext: Ext, delegate: Hex, keep: (a: AnnouncementValue) => boolean): void {
  const [list, old] = Announcements.get(ext.state, delegate);
  const next = list.filter(keep);
  if (next.length === list.length) throw ProxyPallet.error('NotFound');
  const deposit = announcementDeposit(next.length);
  rejig(ext, delegate, old, deposit);
  if (next.length === 0) Announcements.remove(ext.state, delegate);
  else Announcements.set(ext.state, delegate, [next, deposit]);
}

const lookupArg = [MultiAddress, 'AccountIdLookupOf<T>'] as const;
const typeArg = [ProxyType, 'T::ProxyType'] as const;
const delayArg = [u32, 'T::BlockNumber'] as const;
const forceArg = [option(ProxyType), 'Option<T::ProxyType>'] as const;
const boxedCall = (RuntimeCall: ScaleType<RuntimeCallValue>) =>
  [RuntimeCall, 'Box<<T as Config>::RuntimeCall>'] as const;
const hashArg = [H256, 'CallHashOf<T>'] as const;
const account = [AccountId32, 'T::AccountId'] as const;

export const ProxyPallet = definePallet({
  name: 'Proxy',
  index: 5,
  path: 'pallet_proxy::pallet',
  alias: 'pallet_proxy',
  storage: [Proxies, Announcements],
  calls: ({ RuntimeCall }) => ({
    proxy: call({
      index: 0,
      args: { real: lookupArg, force_proxy_type: forceArg, call: boxedCall(RuntimeCall) },
      docs: docsOf('calls:proxy'),
      dispatch(ext, origin, { real, force_proxy_type, call: inner }) {
        const who = signer(origin);
        const realId = lookupAddress(real);
        const def = findProxy(ext, realId, who, force_proxy_type);
        if (def.delay !== 0) throw ProxyPallet.error('Unannounced');
        doProxy(ext, def, realId, inner);
      },
    }),
    add_proxy: call({
      index: 1,
      args: { delegate: lookupArg, proxy_type: typeArg, delay: delayArg },
      docs: docsOf('calls:add_proxy'),
      dispatch(ext, origin, { delegate, proxy_type, delay }) {
        addProxyDelegate(ext, signer(origin), lookupAddress(delegate), proxy_type, delay);
      },
    }),
    remove_proxy: call({
      index: 2,
      args: { delegate: lookupArg, proxy_type: typeArg, delay: delayArg },
      docs: docsOf('calls:remove_proxy'),
      dispatch(ext, origin, { delegate, proxy_type, delay }) {
        removeProxyDelegate(ext, signer(origin), lookupAddress(delegate), proxy_type, delay);
      },
    }),
    remove_proxies: call({
      index: 3,
      args: {},
      docs: docsOf('calls:remove_proxies'),
      dispatch(ext, origin) {
        const who = signer(origin);
        const [, deposit] = Proxies.get(ext.state, who);
        Proxies.remove(ext.state, who);
        unreserve(ext, who, deposit);
      },
    }),
    create_pure: call({
      index: 4,
      args: { proxy_type: typeArg, delay: delayArg, index: [u16, 'u16'] },
      docs: docsOf('calls:create_pure'),
      dispatch(ext, origin, { proxy_type, delay, index }) {
        const who = signer(origin);
        const extIndex = typeof ext.phase === 'object' ? ext.phase.value : 0;
        const pure = pureAccount(who, proxy_type, index, ext.blockNumber, extIndex);
        if (Proxies.has(ext.state, pure)) throw ProxyPallet.error('Duplicate');
        const deposit = PROXY_DEPOSIT_BASE + PROXY_DEPOSIT_FACTOR;
        reserve(ext, who, deposit);
        Proxies.set(ext.state, pure, [[{ delegate: who, proxy_type, delay }], deposit]);
        ProxyPallet.emit(ext, 'PureCreated', { pure, who, proxy_type, disambiguation_index: index });
      },
    }),
    kill_pure: call({
      index: 5,
      args: {
        spawner: lookupArg,
        proxy_type: typeArg,
        index: [u16, 'u16'],
        height: [compact(u32), 'T::BlockNumber'],
        ext_index: [compact(u32), 'u32'],
      },
      docs: docsOf('calls:kill_pure'),
      dispatch(ext, origin, { spawner, proxy_type, index, height, ext_index }) {
        const who = signer(origin);
        const spawnerId = lookupAddress(spawner);
        if (pureAccount(spawnerId, proxy_type, index, Number(height), Number(ext_index)) !== who)
          throw ProxyPallet.error('NoPermission');
        const [, deposit] = Proxies.get(ext.state, who);
        Proxies.remove(ext.state, who);
        unreserve(ext, spawnerId, deposit);
      },
    }),
    announce: call({
      index: 6,
      args: { real: lookupArg, call_hash: hashArg },
      docs: docsOf('calls:announce'),
      dispatch(ext, origin, { real, call_hash }) {
        const who = signer(origin);
        const realId = lookupAddress(real);
        if (!proxiesOf(ext, realId).some((d) => d.delegate === who)) throw ProxyPallet.error('NotProxy');
        const [list, old] = Announcements.get(ext.state, who);
        if (list.length >= MAX_PENDING) throw ProxyPallet.error('TooMany');
        const next = [...list, { real: realId, call_hash, height: ext.blockNumber }];
        const deposit = announcementDeposit(next.length);
        rejig(ext, who, old, deposit);
        Announcements.set(ext.state, who, [next, deposit]);
        ProxyPallet.emit(ext, 'Announced', { real: realId, proxy: who, call_hash });
      },
    }),
    remove_announcement: call({
      index: 7,
      args: { real: lookupArg, call_hash: hashArg },
      docs: docsOf('calls:remove_announcement'),
      dispatch(ext, origin, { real, call_hash }) {
        const who = signer(origin);
        const realId = lookupAddress(real);
        editAnnouncements(ext, who, (a) => a.real !== realId || a.call_hash !== call_hash);
      },
    }),
    reject_announcement: call({
      index: 8,
      args: { delegate: lookupArg, call_hash: hashArg },
      docs: docsOf('calls:reject_announcement'),
      dispatch(ext, origin, { delegate, call_hash }) {
        const who = signer(origin);
        editAnnouncements(ext, lookupAddress(delegate), (a) => a.real !== who || a.call_hash !== call_hash);
      },
    }),
    proxy_announced: call({
      index: 9,
      args: {
        delegate: lookupArg,
        real: lookupArg,
        force_proxy_type: forceArg,
        call: boxedCall(RuntimeCall),
      },
      docs: docsOf('calls:proxy_announced'),
      dispatch(ext, origin, { delegate, real, force_proxy_type, call: inner }) {
        signer(origin);
        const delegateId = lookupAddress(delegate);
        const realId = lookupAddress(real);
        const def = findProxy(ext, realId, delegateId, force_proxy_type);
        const hash = callHash(RuntimeCall, inner);
        try {
          editAnnouncements(
            ext,
            delegateId,
            (a) => a.real !== realId || a.call_hash !== hash || ext.blockNumber - a.height < def.delay,
          );
        } catch {
          throw ProxyPallet.error('Unannounced');
        }
        doProxy(ext, def, realId, inner);
      },
    }),
  }),
  events: {
    ProxyExecuted: {
      index: 0,
      fields: { result: [DispatchResult, 'DispatchResult'] },
      docs: docsOf('events:ProxyExecuted'),
    },
    PureCreated: {
      index: 1,
      fields: { pure: account, who: account, proxy_type: typeArg, disambiguation_index: [u16, 'u16'] },
      docs: docsOf('events:PureCreated'),
    },
    Announced: {
      index: 2,
      fields: { real: account, proxy: account, call_hash: hashArg },
      docs: docsOf('events:Announced'),
    },
    ProxyAdded: {
      index: 3,
      fields: { delegator: account, delegatee: account, proxy_type: typeArg, delay: delayArg },
      docs: docsOf('events:ProxyAdded'),
    },
    ProxyRemoved: {
      index: 4,
      fields: { delegator: account, delegatee: account, proxy_type: typeArg, delay: delayArg },
      docs: docsOf('events:ProxyRemoved'),
    },
  },
  errors: (
    [
      'TooMany',
      'NotFound',
      'NotProxy',
      'Unproxyable',
      'Duplicate',
      'NoPermission',
      'Unannounced',
      'NoSelfProxy',
    ] as const
  ).map((e) => [e, docsOf(`errors:${e}`).join('\n')] as const),
  constants: {
    ProxyDepositBase: { type: u128, value: PROXY_DEPOSIT_BASE, docs: docsOf('constant:ProxyDepositBase') },
    ProxyDepositFactor: {
      type: u128,
      value: PROXY_DEPOSIT_FACTOR,
      docs: docsOf('constant:ProxyDepositFactor'),
    },
    MaxProxies: { type: u32, value: MAX_PROXIES, docs: docsOf('constant:MaxProxies') },
    MaxPending: { type: u32, value: MAX_PENDING, docs: docsOf('constant:MaxPending') },
    AnnouncementDepositBase: {
      type: u128,
      value: ANNOUNCEMENT_DEPOSIT_BASE,
      docs: docsOf('constant:AnnouncementDepositBase'),
    },
    AnnouncementDepositFactor: {
      type: u128,
      value: ANNOUNCEMENT_DEPOSIT_FACTOR,
      docs: docsOf('constant:AnnouncementDepositFactor'),
    },
  },
});
