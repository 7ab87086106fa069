// The same through `require` (CommonJS, resolved to index.d.cts by the exports map).
import type { ApiPromise } from '@polkadot/api';
import type { PhalaPalletsMiningPalletMinerInfo } from '@polkadot/types/lookup';
import type { Option } from '@polkadot/types-codec';

import types = require('@phala-mining/types');

export const ss58: 30 = types.KHALA_SS58_FORMAT;

export function minerOf(api: ApiPromise, miner: string): Promise<Option<PhalaPalletsMiningPalletMinerInfo>> {
  // @ts-expect-error no such call
  api.tx.phalaMining.mine(miner);
  return api.query.phalaMining.miners(miner);
}
