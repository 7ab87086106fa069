/** SCALE types of PhalaStakePool, with the Rust paths, generic params and field type names of Khala 1190/1192. */
import { createCodec, createDecoder } from 'scale-ts';
import { AccountId32, Permill, Sr25519Public } from '../../../runtime/primitives.js';
import {
  bytes,
  type Hex,
  newtype,
  option,
  type ScaleType,
  struct,
  u8,
  u64,
  u128,
  type ValueOf,
  vec,
} from '../../../scale/types.js';

/** `phala_types::WorkerPublicKey` is an sr25519 public key. */
export const WorkerPublicKey = Sr25519Public;

/** `CodecFixedPoint`: the raw U64F64 bits as a u128 (value = bits / 2^64). */
export const CodecFixedPoint = newtype('phala_pallets::utils::fixed_point::FixedPoint', u128);

/** Longest pool description `set_pool_description` accepts (`DescMaxLen`). */
export const DESCRIPTION_MAX_LEN = 4400;

/**
 * `BoundedVec<u8, DescMaxLen>`. Its codec refuses more than 4400 bytes, so an over-long description fails while the
 * extrinsic is decoded, exactly where Khala rejects it (the pallet's `ExceedMaxDescriptionLen` is never raised).
 */
export const DescriptionBoundedVec: ScaleType<Hex> = (() => {
  const base = newtype('sp_core::bounded::bounded_vec::BoundedVec', bytes, 'Vec<T>', {
    params: [['T', u8], ['S']],
  });
  const check = <V extends Hex | Uint8Array>(value: V): V => {
    const len = typeof value === 'string' ? (value.length - 2) / 2 : value.length;
    if (len > DESCRIPTION_MAX_LEN)
      throw new RangeError(`BoundedVec: ${len} bytes exceed the bound of ${DESCRIPTION_MAX_LEN}`);
    return value;
  };
  const codec = createCodec<Hex>(
    (v) => base.codec.enc(check(v)),
    createDecoder((input) => check(base.codec.dec(input))),
  );
  return { ...base, codec };
})();

const generics = {
  params: [
    ['AccountId', AccountId32],
    ['Balance', u128],
  ] as Array<[string, ScaleType<any>]>,
};

export const WithdrawInfo = struct(
  'phala_pallets::stakepool::pallet::WithdrawInfo',
  {
    user: [AccountId32, 'AccountId'],
    shares: [u128, 'Balance'],
    start_time: [u64, 'u64'],
  },
  generics,
);
export type WithdrawInfoValue = ValueOf<typeof WithdrawInfo>;

export const PoolInfo = struct(
  'phala_pallets::stakepool::pallet::PoolInfo',
  {
    pid: [u64, 'u64'],
    owner: [AccountId32, 'AccountId'],
    payout_commission: [option(Permill), 'Option<Permill>'],
    owner_reward: [u128, 'Balance'],
    cap: [option(u128), 'Option<Balance>'],
    reward_acc: [CodecFixedPoint, 'CodecFixedPoint'],
    total_shares: [u128, 'Balance'],
    total_stake: [u128, 'Balance'],
    free_stake: [u128, 'Balance'],
    releasing_stake: [u128, 'Balance'],
    workers: [vec(WorkerPublicKey), 'Vec<WorkerPublicKey>'],
    withdraw_queue: [vec(WithdrawInfo), 'VecDeque<WithdrawInfo<AccountId, Balance>>'],
  },
  generics,
);
export type PoolInfoValue = ValueOf<typeof PoolInfo>;

export const UserStakeInfo = struct(
  'phala_pallets::stakepool::pallet::UserStakeInfo',
  {
    user: [AccountId32, 'AccountId'],
    locked: [u128, 'Balance'],
    shares: [u128, 'Balance'],
    available_rewards: [u128, 'Balance'],
    reward_debt: [u128, 'Balance'],
  },
  generics,
);
export type UserStakeInfoValue = ValueOf<typeof UserStakeInfo>;
