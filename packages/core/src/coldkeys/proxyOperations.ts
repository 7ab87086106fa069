import { normalizeAddress, sameAccount } from '../accounts.js';
import { InvalidColdSignerError, ProxyAlreadyExistsError, ProxyNotFoundError } from '../errors/index.js';
import type { Operation } from '../operations/operation.js';
import { checkFeeCovered } from '../tx/fee.js';
import { PROXY_TYPES, type ProxyTypeName } from './proxyFilter.js';
import { readProxies } from './state.js';

/** A proxy relation to add or remove: the delegate, its type (default StakePoolManager) and delay (default 0). */
export interface ProxyRelation {
  /** the proxy type; default StakePoolManager */
  type?: ProxyTypeName;
  /** blocks an announced call must wait; 0 (default) lets the delegate act at once */
  delay?: number;
}

function relation(delegate: string, options: ProxyRelation) {
  const proxyType = options.type ?? 'StakePoolManager';
  const delay = options.delay ?? 0;
  if (!(PROXY_TYPES as readonly string[]).includes(proxyType))
    throw new InvalidColdSignerError(
      `unknown proxy type ${JSON.stringify(proxyType)}: one of ${PROXY_TYPES.join(', ')}`,
    );
  if (!Number.isInteger(delay) || delay < 0 || delay > 0xffff_ffff)
    throw new InvalidColdSignerError(`the delay must be a whole number of blocks, got ${delay}`);
  return { delegate: normalizeAddress(delegate), proxyType, delay };
}

/**
 * "Add proxy": lets `delegate` act for the signer within the proxy type's filter (StakePoolManager: add, remove,
 * start, stop, restart and reclaim workers, create pools — not the pool's money or settings). The signer reserves
 * the proxy deposit (`ProxyDepositBase` + `ProxyDepositFactor` per proxy).
 */
export function addProxy(delegate: string, options: ProxyRelation = {}): Operation<void> {
  const r = relation(delegate, options);
  return {
    kind: 'addProxy',
    async validate({ api, view, caller }) {
      if (sameAccount(r.delegate, caller))
        throw new InvalidColdSignerError('an account cannot be its own proxy');
      const existing = await readProxies(api, caller, view.ss58);
      if (
        existing.some(
          (d) => sameAccount(d.delegate, r.delegate) && d.proxyType === r.proxyType && d.delay === r.delay,
        )
      )
        throw new ProxyAlreadyExistsError(caller, r.delegate, r.proxyType, r.delay);
      const consts = api.consts.proxy;
      const factor = BigInt(consts.proxyDepositFactor.toString());
      const deposit = existing.length === 0 ? BigInt(consts.proxyDepositBase.toString()) + factor : factor;
      // the deposit is reserved above miscFrozen; the fee itself is checked by the send path
      await checkFeeCovered(api, caller, 0n, deposit);
    },
    calls: ({ api }) => [api.tx.proxy.addProxy(r.delegate, r.proxyType, r.delay)],
  };
}

/** "Remove proxy": ends a relation added with {@link addProxy} (same delegate, type and delay); the deposit returns. */
export function removeProxy(delegate: string, options: ProxyRelation = {}): Operation<void> {
  const r = relation(delegate, options);
  return {
    kind: 'removeProxy',
    async validate({ api, view, caller }) {
      const existing = await readProxies(api, caller, view.ss58);
      if (
        !existing.some(
          (d) => sameAccount(d.delegate, r.delegate) && d.proxyType === r.proxyType && d.delay === r.delay,
        )
      )
        throw new ProxyNotFoundError(caller, r.delegate, r.proxyType, r.delay);
    },
    calls: ({ api }) => [api.tx.proxy.removeProxy(r.delegate, r.proxyType, r.delay)],
  };
}
