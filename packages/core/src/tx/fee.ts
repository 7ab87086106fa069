import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Codec } from '@polkadot/types/types';
import { sameAccount } from '../accounts.js';
import { InsufficientFeeBalanceError } from '../errors/index.js';

/**
 * What an account can pay a transaction fee and a deposit from, planck — the one rule every pre-signing check uses
 * (core's send path, the proxy and multisig plans, the CLI).
 *
 * Why this rule: at polkadot-v0.9.30, pallet-transaction-payment's `CurrencyAdapter::withdraw_fee` takes the fee with
 * `WithdrawReasons::TRANSACTION_PAYMENT` and `ExistenceRequirement::KeepAlive`. pallet-balances' `Currency::withdraw`
 * then needs (a) `new_free + reserved ≥ ExistentialDeposit` (KeepAlive: `would_be_dead` counts the reserved balance)
 * and (b) `ensure_can_withdraw`: `new_free ≥ fee_frozen` (the frozen amount for the fee reason). So a fee can take
 * free − max(fee_frozen, ED − reserved). A deposit is taken later by `reserve` (`WithdrawReasons::RESERVE`), which
 * needs the new free balance ≥ misc_frozen and no ED (paritytech/substrate polkadot-v0.9.30:
 * frame/transaction-payment/src/payment.rs, frame/balances/src/lib.rs). The dev chain's balances pallet implements
 * the same (`withdraw` / `ensureCanWithdraw` in packages/devchain/src/pallets/balances/currency.ts).
 */
export interface FeeBalance {
  /** SS58 address as given */
  address: string;
  /** `System.Account.data.free` */
  free: bigint;
  /** `data.reserved`: counts toward keeping the account alive */
  reserved: bigint;
  /** `data.feeFrozen`: the largest lock whose reasons include transaction payment */
  feeFrozen: bigint;
  /** `data.miscFrozen`: the largest lock whose reasons include anything else (reserves, transfers) */
  miscFrozen: bigint;
  /** `Balances.ExistentialDeposit` */
  existentialDeposit: bigint;
  /** what may pay a fee: free − max(feeFrozen, ED − reserved), at least 0 */
  forFee: bigint;
}

const big = (c: Codec | undefined): bigint => (c === undefined ? 0n : BigInt(c.toString()));
const max = (a: bigint, b: bigint) => (a > b ? a : b);

/** Reads the account and computes {@link FeeBalance}. */
export async function feeSpendable(api: ApiPromise, address: string): Promise<FeeBalance> {
  const account = await api.query.system.account(address);
  // runtime 1192's AccountData: free, reserved, miscFrozen, feeFrozen (the generated types name them)
  const { data } = account;
  const free = big(data.free);
  const reserved = big(data.reserved);
  const feeFrozen = big(data.feeFrozen);
  const miscFrozen = big(data.miscFrozen);
  const balances = api.consts.balances as typeof api.consts.balances | undefined;
  const existentialDeposit = big(balances?.existentialDeposit);
  return {
    address,
    free,
    reserved,
    feeFrozen,
    miscFrozen,
    existentialDeposit,
    forFee: spendableForFee({ free, reserved, feeFrozen, existentialDeposit }),
  };
}

/** free − max(feeFrozen, ED − reserved), at least 0 (pure; see {@link FeeBalance}). */
export function spendableForFee(
  b: Pick<FeeBalance, 'free' | 'reserved' | 'feeFrozen' | 'existentialDeposit'>,
): bigint {
  const keepAlive = b.existentialDeposit > b.reserved ? b.existentialDeposit - b.reserved : 0n;
  const floor = max(b.feeFrozen, keepAlive);
  return b.free > floor ? b.free - floor : 0n;
}

/**
 * The most `fee` + `deposit` the account can pay, planck: the fee must fit {@link FeeBalance.forFee} and, the fee paid,
 * the deposit must leave miscFrozen in place — so min(forFee + deposit, free − miscFrozen) when there is a deposit.
 * `fee + deposit ≤ available` holds exactly when both bounds do.
 */
export function feeAndDepositAvailable(b: FeeBalance, deposit: bigint): bigint {
  if (deposit === 0n) return b.forFee;
  const forReserve = b.free > b.miscFrozen ? b.free - b.miscFrozen : 0n;
  const withDeposit = b.forFee + deposit;
  return withDeposit < forReserve ? withDeposit : forReserve;
}

/**
 * Throws {@link InsufficientFeeBalanceError} when `address` cannot pay `fee` (and reserve `deposit`) by the chain's
 * rule; a zero fee and deposit are always covered (nothing is withdrawn). Returns the balance it checked against.
 */
export async function checkFeeCovered(
  api: ApiPromise,
  address: string,
  fee: bigint,
  deposit = 0n,
): Promise<FeeBalance> {
  const balance = await feeSpendable(api, address);
  assertFeeCovered(balance, fee, deposit);
  return balance;
}

/** {@link checkFeeCovered} on a balance already read (pure): throws {@link InsufficientFeeBalanceError}. */
export function assertFeeCovered(balance: FeeBalance, fee: bigint, deposit = 0n): void {
  if (fee === 0n && deposit === 0n) return;
  const available = feeAndDepositAvailable(balance, deposit);
  if (fee + deposit > available)
    throw new InsufficientFeeBalanceError(balance.address, fee, deposit, available);
}

/**
 * A fee estimate already checked against the payer's balance, as {@link OperationChain.check} returns it. Given back
 * to `send` (`checkedFee`), it spares send its own estimate and balance read while it still holds: for the same call,
 * the same payer and the same head block (a new block may have moved the balance or the fee, so then send checks
 * again).
 */
export interface CheckedFee {
  /** who signs and pays, SS58 */
  payer: string;
  /** the call the payer signs (the wrapping call with a proxy or multisig signer), SCALE hex */
  call: string;
  /** the head the estimate and the balance were read at (read before both) */
  blockHash: string;
  /** estimated fee, planck */
  fee: bigint;
  /** deposit the call reserves, planck */
  deposit: bigint;
  /** the most fee + deposit the payer can pay ({@link feeAndDepositAvailable}), planck */
  available: bigint;
}

/**
 * Estimates the fee of `tx` signed by `payer` and checks that the payer covers it and `deposit`: throws
 * {@link InsufficientFeeBalanceError}. The caller stamps the head it read before (see {@link CheckedFee}).
 */
export async function checkTxFee(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  payer: string,
  deposit: bigint,
): Promise<Omit<CheckedFee, 'blockHash'>> {
  const [info, balance] = await Promise.all([tx.paymentInfo(payer), feeSpendable(api, payer)]);
  const fee = info.partialFee.toBigInt();
  assertFeeCovered(balance, fee, deposit);
  return {
    payer,
    call: tx.method.toHex(),
    fee,
    deposit,
    available: feeAndDepositAvailable(balance, deposit),
  };
}

/** The head block's hash: what a {@link CheckedFee} is bound to. */
export async function headHash(api: ApiPromise): Promise<string> {
  return (await api.rpc.chain.getBlockHash()).toHex();
}

/**
 * The check `send` makes before signing: `checked` when it is for this call, payer and deposit and the head has not
 * moved since (one head read instead of an estimate and a balance read), else a fresh {@link checkTxFee}.
 */
export async function ensureFeeCovered(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  payer: string,
  deposit: bigint,
  checked: CheckedFee | undefined,
): Promise<void> {
  if (
    checked !== undefined &&
    sameAccount(checked.payer, payer) &&
    checked.deposit === deposit &&
    checked.call === tx.method.toHex() &&
    // only a new block changes a balance or a fee
    (await headHash(api)) === checked.blockHash
  ) {
    if (checked.fee + checked.deposit > checked.available)
      throw new InsufficientFeeBalanceError(payer, checked.fee, checked.deposit, checked.available);
    return;
  }
  await checkTxFee(api, tx, payer, deposit);
}
