// A consumer of the packed package (ESM, Node16 resolution): the import alone must type api.tx / api.query.

import { khalaApiOptions, type PhalaPalletsStakepoolPalletPoolInfo } from '@phala-mining/types';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Option } from '@polkadot/types-codec';

export async function poolOf(pid: number): Promise<Option<PhalaPalletsStakepoolPalletPoolInfo>> {
  const api = await ApiPromise.create(khalaApiOptions(new WsProvider('ws://127.0.0.1:9944')));
  api.tx.phalaStakePool.contribute(pid, 10n ** 12n);
  // @ts-expect-error amount is missing
  api.tx.phalaStakePool.contribute(pid);
  // @ts-expect-error no such storage item
  api.query.phalaStakePool.pools(pid);
  return api.query.phalaStakePool.stakePools(pid);
}
