import type { Hex } from '../scale/types.js';

/** What a fresh dev chain starts with. Every pallet's `genesis` hook reads the part it needs. */
export interface GenesisConfig {
  /** accounts and their free balances (planck) */
  endowed: Array<[Hex, bigint]>;
  /** the dev-only Sudo key; null: Sudo has no key (every sudo call fails with RequireSudo) */
  sudoKey: Hex | null;
  /** `default`: the Khala chain spec's genesis tokenomics (spec §4.10 left column); `production`: Khala's v4 values */
  tokenomics: 'default' | 'production';
  /** balance given to the `phala/pp` mining subsidy account, from which rewards are paid */
  subsidyPoolBalance: bigint;
  /** unix ms of the genesis block */
  genesisTimestamp: number;
}
