import type { ApiPromise } from '@polkadot/api';
import type { PoolConstants } from './records.js';

/** What the state observables need from the client. */
export interface ObservableDeps {
  api: ApiPromise;
  ss58: number;
  constants: PoolConstants;
}
