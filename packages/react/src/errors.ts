import {
  AbortedError,
  InputError,
  MiningError,
  SignerError,
  TransportError,
  UnexpectedError,
} from '@phala-mining/core';

/** A hook ran outside `<MiningProvider>`. */
export class MissingProviderError extends InputError {
  override readonly name = 'MissingProviderError' as const;
  readonly code = 'MissingProvider' as const;
  constructor(readonly hook: string) {
    super(`${hook} must be used inside <MiningProvider>`);
  }
}

/** An operation was sent before the provider's client had connected. */
export class ClientNotReadyError extends TransportError {
  override readonly name = 'ClientNotReadyError' as const;
  readonly code = 'ClientNotReady' as const;
  constructor() {
    super('the mining client is not connected yet');
  }
}

/** An operation was sent without a signer (no account selected, or the wallet is still loading). */
export class NoSignerError extends SignerError {
  override readonly name = 'NoSignerError' as const;
  readonly code = 'NoSigner' as const;
  constructor() {
    super('no signer: pass { signer } (e.g. from useSigner(address)) to the operation hook');
  }
}

/** A send that was still validating when `send` was called again, `reset()` ran or the component unmounted; nothing was signed. */
export class OperationSupersededError extends AbortedError {
  override readonly name = 'OperationSupersededError' as const;
  readonly code = 'OperationSuperseded' as const;
  constructor() {
    super('the operation was superseded before signing: nothing was sent');
  }
}

/** The wallet cannot sign for the account: no extension holds it and it is not a dev account. */
export class AccountUnavailableError extends SignerError {
  override readonly name = 'AccountUnavailableError' as const;
  readonly code = 'AccountUnavailable' as const;
  constructor(readonly address: string) {
    super(`no wallet account ${address}: it is neither in an enabled extension nor a dev account`);
  }
}

/** No Polkadot{.js}-compatible extension is installed or the user refused access. */
export class WalletUnavailableError extends SignerError {
  override readonly name = 'WalletUnavailableError' as const;
  readonly code = 'WalletUnavailable' as const;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`wallet unavailable: ${reason}`, options);
  }
}

/** Anything thrown is reported as a typed {@link MiningError}, so `error.code` is always there to branch on. */
export function asMiningError(error: unknown): MiningError {
  if (error instanceof MiningError) return error;
  return new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
}
