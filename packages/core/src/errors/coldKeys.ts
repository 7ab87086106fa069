/**
 * Errors of the cold-key signers (proxy and multisig). Each names the rule and carries the figures behind it, like
 * the rest of the SDK's errors; they belong to the error family (a bad signer argument is an input error, the rest are rules), so `instanceof` and `error.code` work.
 */
import type { ProxyTypeName } from '../coldkeys/proxyFilter.js';
import { InputError, RuleError } from './base.js';
import { phaText } from './format.js';

/** A proxy or multisig signer built with bad arguments (threshold, signatories, proxy type). */
export class InvalidColdSignerError extends InputError {
  override readonly name = 'InvalidColdSignerError' as const;
  readonly code = 'InvalidColdSigner' as const;
}

/** The proxy type's filter refuses a call of the operation: the chain would fail it with `CallFiltered`. */
export class ProxyCallFilteredError extends RuleError {
  override readonly name = 'ProxyCallFilteredError' as const;
  readonly code = 'ProxyCallFiltered' as const;
  constructor(
    /** the proxy type whose filter refused it, e.g. `StakePoolManager` */
    readonly proxyType: ProxyTypeName,
    /** the refused call, `section.method`, e.g. `phalaStakePool.setCap` (possibly nested in a batch) */
    readonly call: string,
  ) {
    super(
      `the ${proxyType} proxy filter does not allow ${call}: sign it with the real account or a proxy whose type allows it`,
    );
  }
}

/** The delegate is not a proxy of the real account with that type (`Proxy.NotProxy` on chain). */
export class NotProxyError extends RuleError {
  override readonly name = 'NotProxyError' as const;
  readonly code = 'NotProxy' as const;
  constructor(
    /** the account acted for, SS58 */
    readonly real: string,
    /** the signing delegate, SS58 */
    readonly delegate: string,
    /** the proxy type asked for */
    readonly proxyType: ProxyTypeName,
  ) {
    super(`${delegate} is not a ${proxyType} proxy of ${real} (add it with addProxy signed by ${real})`);
  }
}

/** The proxy has a delay and the call was not announced: announce it, then send after the delay. */
export class ProxyAnnouncementRequiredError extends RuleError {
  override readonly name = 'ProxyAnnouncementRequiredError' as const;
  readonly code = 'ProxyAnnouncementRequired' as const;
  constructor(
    /** the relation's delay, blocks */
    readonly delay: number,
    /** blake2-256 of the call that must be announced, 0x-hex */
    readonly callHash: string,
  ) {
    super(
      `this proxy has a delay of ${delay} blocks: announce the call first (announce(signer)), then send it ${delay} blocks later`,
    );
  }
}

/** The call was announced but its delay has not passed yet. */
export class ProxyAnnouncementPendingError extends RuleError {
  override readonly name = 'ProxyAnnouncementPendingError' as const;
  readonly code = 'ProxyAnnouncementPending' as const;
  constructor(
    /** blake2-256 of the announced call, 0x-hex */
    readonly callHash: string,
    /** the first block at which it may be executed */
    readonly readyAt: number,
    /** the current head */
    readonly now: number,
  ) {
    super(`the announced call can be executed from block ${readyAt}; the chain is at block ${now}`);
  }
}

/** The paying key cannot pay the fee (and deposit) of what it signs: a plain call, or a proxy/multisig wrapper. */
export class InsufficientFeeBalanceError extends RuleError {
  override readonly name = 'InsufficientFeeBalanceError' as const;
  readonly code = 'InsufficientFeeBalance' as const;
  constructor(
    /** who signs and pays, SS58 */
    readonly payer: string,
    /** estimated fee, planck */
    readonly fee: bigint,
    /** deposit the call reserves (multisig first approval, announcement), planck */
    readonly deposit: bigint,
    /** the most fee + deposit the payer can pay (`feeAndDepositAvailable`: free − max(feeFrozen, ED − reserved) …), planck */
    readonly available: bigint,
  ) {
    super(
      `${payer} cannot pay ${phaText(fee + deposit)} (fee ${phaText(fee)}${deposit > 0n ? ` + deposit ${phaText(deposit)}` : ''}): it can spend ${phaText(available)}`,
    );
  }
}

/** This signatory already approved the pending multisig operation (`Multisig.AlreadyApproved`). */
export class MultisigAlreadyApprovedError extends RuleError {
  override readonly name = 'MultisigAlreadyApprovedError' as const;
  readonly code = 'MultisigAlreadyApproved' as const;
  constructor(
    /** the multisig account, SS58 */
    readonly multisig: string,
    /** blake2-256 of the pending call, 0x-hex */
    readonly callHash: string,
    /** the signatory who tried to approve again, SS58 */
    readonly approver: string,
    /** approvals so far */
    readonly approvals: number,
    /** approvals needed */
    readonly threshold: number,
  ) {
    super(
      `${approver} already approved ${callHash} of multisig ${multisig} (${approvals} of ${threshold}): another signatory must approve`,
    );
  }
}

/** No pending multisig operation with this call hash (`Multisig.NotFound`). */
export class MultisigNotFoundError extends RuleError {
  override readonly name = 'MultisigNotFoundError' as const;
  readonly code = 'MultisigNotFound' as const;
  constructor(
    /** the multisig account, SS58 */
    readonly multisig: string,
    /** blake2-256 of the call looked for, 0x-hex */
    readonly callHash: string,
  ) {
    super(`multisig ${multisig} has no pending operation ${callHash}`);
  }
}

/** Only the signatory who opened a multisig operation (its depositor) may cancel it (`Multisig.NotOwner`). */
export class NotMultisigDepositorError extends RuleError {
  override readonly name = 'NotMultisigDepositorError' as const;
  readonly code = 'NotMultisigDepositor' as const;
  constructor(
    /** blake2-256 of the pending call, 0x-hex */
    readonly callHash: string,
    /** the signatory who opened it, SS58 */
    readonly depositor: string,
    /** the signatory who tried to cancel, SS58 */
    readonly caller: string,
  ) {
    super(`only ${depositor}, who opened ${callHash}, can cancel it (not ${caller})`);
  }
}

/** The final approval must carry the call data unless it is stored on chain. */
export class MultisigCallDataRequiredError extends RuleError {
  override readonly name = 'MultisigCallDataRequiredError' as const;
  readonly code = 'MultisigCallDataRequired' as const;
  constructor(
    /** blake2-256 of the pending call, 0x-hex */
    readonly callHash: string,
  ) {
    super(
      `this approval reaches the threshold, so it executes ${callHash}: give the call data (it is not stored on chain)`,
    );
  }
}

/** The call data given does not hash to the pending operation's call hash. */
export class MultisigCallMismatchError extends RuleError {
  override readonly name = 'MultisigCallMismatchError' as const;
  readonly code = 'MultisigCallMismatch' as const;
  constructor(
    /** the pending operation's call hash, 0x-hex */
    readonly expected: string,
    /** blake2-256 of the call data given, 0x-hex */
    readonly actual: string,
  ) {
    super(`the call data hashes to ${actual}, not to the pending operation ${expected}`);
  }
}

/** `addProxy` for a relation that exists already (`Proxy.Duplicate`). */
export class ProxyAlreadyExistsError extends RuleError {
  override readonly name = 'ProxyAlreadyExistsError' as const;
  readonly code = 'ProxyAlreadyExists' as const;
  constructor(
    /** the delegating account, SS58 */
    readonly real: string,
    /** the delegate, SS58 */
    readonly delegate: string,
    /** the relation's proxy type */
    readonly proxyType: ProxyTypeName,
    /** the relation's delay, blocks */
    readonly delay: number,
  ) {
    super(`${delegate} is already a ${proxyType} proxy of ${real} with delay ${delay}`);
  }
}

/** `removeProxy` for a relation that does not exist (`Proxy.NotFound`). */
export class ProxyNotFoundError extends RuleError {
  override readonly name = 'ProxyNotFoundError' as const;
  readonly code = 'ProxyNotFound' as const;
  constructor(
    /** the delegating account, SS58 */
    readonly real: string,
    /** the delegate, SS58 */
    readonly delegate: string,
    /** the relation's proxy type */
    readonly proxyType: ProxyTypeName,
    /** the relation's delay, blocks */
    readonly delay: number,
  ) {
    super(`${delegate} is not a ${proxyType} proxy of ${real} with delay ${delay}`);
  }
}
