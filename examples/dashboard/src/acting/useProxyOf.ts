import type { ProxyTypeName } from '@phala-mining/core';
import { useMiningQuery, usePools } from '@phala-mining/react';
import { combineLatest, map, of } from 'rxjs';
import { sameAccount } from './acting.js';

/** A pool owner the account may act for as its proxy. */
export interface ProxyOf {
  real: string;
  proxyType: ProxyTypeName;
  delay: number;
}

/**
 * The pool owners `account` is a proxy of: the chain keys proxies by the account acted for (`Proxy.Proxies(real)`),
 * so the owners of the pools are read and their delegates matched against the account.
 */
export function useProxyOf(account: string | undefined): ProxyOf[] {
  const pools = usePools().data ?? [];
  const owners = [...new Set(pools.map((p) => p.owner))].sort();
  const key = account === undefined ? undefined : `dashboard:proxy-of:${account}:${owners.join(',')}`;
  return (
    useMiningQuery(key, (client) =>
      owners.length === 0
        ? of([] as ProxyOf[])
        : combineLatest(
            owners.map((owner) =>
              client
                .proxies$(owner)
                .pipe(
                  map((list) =>
                    list
                      .filter((d) => account !== undefined && sameAccount(d.delegate, account))
                      .map((d) => ({ real: owner, proxyType: d.proxyType, delay: d.delay })),
                  ),
                ),
            ),
          ).pipe(map((lists) => lists.flat())),
    ).data ?? []
  );
}
