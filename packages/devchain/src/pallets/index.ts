import type { Pallet } from '../runtime/pallet.js';
import { Balances } from './balances/index.js';
import { Multisig } from './multisig/index.js';
import { Mining } from './phala/mining/index.js';
import { Mq } from './phala/mq/index.js';
import { Registry } from './phala/registry/index.js';
import { PhalaStakePool } from './phala/stakepool/index.js';
import { ProxyPallet } from './proxy/index.js';
import { Sudo } from './sudo/index.js';
import { System } from './system/index.js';
import { Timestamp } from './timestamp/index.js';
import { TransactionPayment } from './transactionPayment/index.js';
import { Utility } from './utility/index.js';

/** The pallets of the dev chain's Khala runtime (indices are Khala's), sorted by index. */
export const KHALA_PALLETS: Pallet<any, any, any>[] = [
  System,
  Timestamp,
  Utility,
  Multisig,
  ProxyPallet,
  Balances,
  TransactionPayment,
  Mq,
  Registry,
  Mining,
  PhalaStakePool,
  Sudo,
];
