import type { SubmittableResult } from '@polkadot/api';
import type { AddressOrPair, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError as RawDispatchError } from '@polkadot/types/interfaces';
import type { Registry } from '@polkadot/types/types';
import { DispatchError, PalletError, TransactionInvalidError } from './errors.js';

export interface SendTxOptions {
  /** resolve once the extrinsic is in a block (default) or once that block is finalized */
  waitFor?: 'inBlock' | 'finalized';
  /** explicit nonce; default: the next one the node reports (pending transactions included) */
  nonce?: number;
  tip?: bigint;
}

/**
 * Signs and submits `tx`, resolving to the result once it is in a block (or finalized). Rejects with
 * {@link PalletError} when the extrinsic fails with a pallet error, {@link DispatchError} for any other
 * dispatch error, and {@link TransactionInvalidError} when it never makes it into a block.
 */
export function sendTx(
  tx: SubmittableExtrinsic<'promise'>,
  signer: AddressOrPair,
  options: SendTxOptions = {},
): Promise<SubmittableResult> {
  const waitFor = options.waitFor ?? 'inBlock';
  return new Promise<SubmittableResult>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe?.();
      finish();
    };
    tx.signAndSend(
      signer,
      { nonce: options.nonce ?? -1, ...(options.tip === undefined ? {} : { tip: options.tip }) },
      (result: SubmittableResult) => {
        const { status, dispatchError } = result;
        if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
          settle(() =>
            reject(new TransactionInvalidError(`${describe(tx)} was not included: ${status.type}`)),
          );
          return;
        }
        const done = waitFor === 'finalized' ? status.isFinalized : status.isInBlock || status.isFinalized;
        if (!done) return;
        const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        if (dispatchError) settle(() => reject(toDispatchError(tx.registry, dispatchError, blockHash)));
        else settle(() => resolve(result));
      },
    ).then(
      (unsub) => {
        unsubscribe = unsub;
        // the callback can settle before signAndSend hands back its unsubscribe function
        if (settled) unsub();
      },
      (error: unknown) => {
        settle(() =>
          reject(
            new TransactionInvalidError(
              `${describe(tx)} was rejected: ${error instanceof Error ? error.message : String(error)}`,
              {
                cause: error,
              },
            ),
          ),
        );
      },
    );
  });
}

/**
 * Decodes the chain's `DispatchError` into a {@link PalletError} (module errors) or the family's
 * {@link DispatchError}, the same shapes @phala-mining/core rejects with.
 */
export function toDispatchError(
  registry: Registry,
  error: RawDispatchError,
  blockHash?: string,
): PalletError | DispatchError {
  if (error.isModule) {
    const module = error.asModule;
    const meta = registry.findMetaError(module);
    const errorIndex = module.error.toU8a()[0] ?? 0;
    // findMetaError's `index` is the error's position in its pallet; the pallet's own index is the module's
    const palletIndex = module.index.toNumber();
    return new PalletError(
      palletName(registry, palletIndex, meta.section),
      meta.name,
      meta.docs.join(' ').trim(),
      palletIndex,
      errorIndex,
      blockHash,
    );
  }
  // the payload as JSON text, as core decodes it (`null` for a variant without one, e.g. BadOrigin)
  return new DispatchError(error.type, JSON.stringify(error.value.toJSON()), blockHash);
}

/** The pallet's name as the metadata spells it (`PhalaStakePool`); findMetaError gives it camelCased. */
function palletName(registry: Registry, index: number, section: string): string {
  const pallet = registry.metadata.pallets.find((p) => p.index.toNumber() === index);
  return pallet ? pallet.name.toString() : `${section[0]?.toUpperCase() ?? ''}${section.slice(1)}`;
}

function describe(tx: SubmittableExtrinsic<'promise'>): string {
  return `${tx.method.section}.${tx.method.method}`;
}
