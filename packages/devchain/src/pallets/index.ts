import type { Pallet } from '../runtime/pallet.js';
import { System } from './system/index.js';

/** The pallets of the dev chain's Khala runtime (indices are Khala's). */
export const KHALA_PALLETS: Pallet<any, any, any>[] = [System];
