import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ExtrinsicStatus } from '@polkadot/types/interfaces';
import type { ReplaySubject } from 'rxjs';
import type { ConnectionMonitor } from '../connection.js';
import {
  MiningError,
  StaleNonceError,
  TransactionExpiredError,
  TransactionRejectedError,
} from '../errors/index.js';
import { type DecodedEvent, decodeEvent, dispatchErrorToMiningError } from './events.js';
import type { NonceTracker } from './nonceTracker.js';
import { isLocalSigner, type MiningSigner, signingArgs } from './signer.js';
import type { TxStage } from './txSubmission.js';

/** What sending needs from the client. */
export interface SendDeps {
  api: ApiPromise;
  nonces: NonceTracker;
  connection: ConnectionMonitor;
  ss58: number;
}

interface Inclusion {
  blockHash: string;
  blockNumber: number;
  events: DecodedEvent[];
  failed: MiningError | undefined;
}

const LOST = Symbol('lost');

/** Node messages for a nonce that is already used (Substrate: 1010 Stale / "outdated"; the dev chain's wording). */
const STALE_NONCE = /stale|outdated|already used/i;

/**
 * Signs with the account's next local nonce, submits, and reports each stage into `stages`. If the connection drops
 * while the transaction is in flight (the node's watch subscription dies with it and @polkadot/api does not renew
 * author_* subscriptions), it waits for the reconnection and looks for the transaction in the blocks produced since
 * it was signed; if it is in none and no longer in the pool, the *same signed bytes* are submitted again — they can be
 * included at most once (same nonce), so the transaction is neither lost nor executed twice.
 */
export async function sendTransaction(
  deps: SendDeps,
  tx: SubmittableExtrinsic<'promise'>,
  signer: MiningSigner,
  address: string,
  stages: ReplaySubject<TxStage>,
): Promise<void> {
  const { api, nonces, connection } = deps;
  let hash: string | undefined;
  let done = false;
  let broadcast = false;
  let inBlock: Inclusion | undefined;
  let startBlock = 0;
  let unsubscribe: (() => void) | undefined;
  let lost = false;
  let signedNonce: number | undefined;
  let wake: (() => void) | undefined;

  const finish = (stage: TxStage) => {
    if (done) return;
    done = true;
    stages.next(stage);
    stages.complete();
    unsubscribe?.();
    api.off('disconnected', onDisconnected);
    wake?.();
  };
  const fail = (error: MiningError, extra: Partial<Extract<TxStage, { stage: 'failed' }>> = {}) =>
    finish({ stage: 'failed', hash, error, ...extra });

  const onDisconnected = () => {
    if (done || hash === undefined) return;
    lost = true;
    unsubscribe?.();
    unsubscribe = undefined;
    wake?.();
  };

  // InBlock and Finalized statuses can both arrive while the block is still being read: read each block once and
  // report inBlock once, so the stages stay in order
  const inspections = new Map<string, Promise<Inclusion | undefined>>();
  const included = async (blockHash: string, finalized: boolean) => {
    if (done) return;
    let inspection = inspections.get(blockHash);
    if (!inspection) {
      inspection = inspectBlock(deps, blockHash, hash!);
      inspections.set(blockHash, inspection);
    }
    const found = await inspection;
    if (done || !found) return;
    if (inBlock?.blockHash !== blockHash) {
      inBlock = found;
      if (found.failed) {
        fail(found.failed, { blockHash, events: found.events });
        return;
      }
      stages.next({
        stage: 'inBlock',
        hash: hash!,
        blockHash,
        blockNumber: found.blockNumber,
        events: found.events,
      });
    }
    if (finalized) {
      finish({
        stage: 'finalized',
        hash: hash!,
        blockHash,
        blockNumber: found.blockNumber,
        events: found.events,
      });
    }
  };

  const onStatus = (status: ExtrinsicStatus) => {
    if (done) return;
    if ((status.isReady || status.isBroadcast || status.isFuture) && !broadcast) {
      broadcast = true;
      stages.next({ stage: 'broadcast', hash: hash! });
    } else if (status.isInBlock) {
      void included(status.asInBlock.toHex(), false).catch(onWatchError);
    } else if (status.isFinalized) {
      void included(status.asFinalized.toHex(), true).catch(onWatchError);
    } else if (status.isInvalid || status.isDropped || status.isUsurped) {
      nonces.resync(address);
      fail(new TransactionRejectedError(status.type, hash));
    }
  };

  const onWatchError = (error: unknown) => {
    if (done) return;
    if (!api.isConnected) {
      onDisconnected();
      return;
    }
    fail(
      error instanceof MiningError
        ? error
        : new TransactionRejectedError(String((error as Error)?.message ?? error), hash),
    );
  };

  const watch = async (): Promise<void> => {
    unsubscribe = await api.rpc.author.submitAndWatchExtrinsic(tx, onStatus);
    if (done) unsubscribe();
  };

  api.on('disconnected', onDisconnected);
  try {
    let submitted: typeof LOST | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        submitted = await submitOnce();
        break;
      } catch (error) {
        // another client used this account's nonce: the node refused the bytes without keeping them, so signing
        // again with a freshly read nonce cannot duplicate anything — but an extension would ask its user again
        // without a word, so only local keys are re-signed; anyone else learns why with a typed error
        if (attempt >= 3 || !STALE_NONCE.test(String((error as Error)?.message ?? error))) throw error;
        if (!isLocalSigner(signer)) {
          nonces.resync(address);
          throw new StaleNonceError(address, signedNonce ?? -1);
        }
      }
    }
    if (submitted === LOST) lost = true;
  } catch (error) {
    api.off('disconnected', onDisconnected);
    fail(
      error instanceof MiningError
        ? error
        : new TransactionRejectedError(String((error as Error)?.message ?? error), hash),
    );
    return;
  }

  function submitOnce(): Promise<typeof LOST | undefined> {
    return nonces.withNonce(address, async (nonce) => {
      startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
      const { account, options } = signingArgs(signer);
      await tx.signAsync(account as never, { ...options, nonce });
      signedNonce = nonce;
      hash = tx.hash.toHex();
      stages.next({ stage: 'signed', hash, nonce });
      try {
        await watch();
      } catch (error) {
        if (!api.isConnected || lost) {
          // unknown whether the node got it; the nonce is re-read after the reconnection
          nonces.resync(address);
          return LOST;
        }
        throw error;
      }
      return undefined;
    });
  }

  // recovery loop: runs each time the connection dropped while the transaction was in flight
  while (!done) {
    if (!lost) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (done || lost) resolve();
      });
      wake = undefined;
      continue;
    }
    try {
      await connection.whenConnected();
    } catch (error) {
      fail(error as MiningError);
      break;
    }
    if (done) break;
    lost = false;
    try {
      await recover();
    } catch {
      if (api.isConnected && !lost) {
        // the connection is fine, so this is not a transport failure: try again after the next block
        await new Promise((r) => setTimeout(r, 1000));
      }
      lost = true;
    }
  }

  async function recover(): Promise<void> {
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    const found = await findInBlocks(deps, hash!, startBlock, head);
    if (found) {
      await included(found, false);
      await waitFinalized(found);
      return;
    }
    const pending = await api.rpc.author.pendingExtrinsics();
    if (pending.some((x) => x.hash.toHex() === hash)) {
      // still in the pool: follow new blocks until it lands
      await followHeads(head + 1);
      return;
    }
    try {
      // not `watch()`: @polkadot/rpc-core memoizes subscriptions by their parameters and keeps an unsubscribed one
      // alive for 1.75 s (drr/refCountDelay), so submitAndWatchExtrinsic with these same bytes shortly after the
      // drop would get the dead pre-drop subscription back (replaying its old Ready) and send nothing to the node
      await api.rpc.author.submitExtrinsic(tx);
    } catch (error) {
      if (!api.isConnected) throw error;
      // "stale"/"outdated": the nonce was used meanwhile, so it was included after our scan
      const again = await findInBlocks(
        deps,
        hash!,
        startBlock,
        (await api.rpc.chain.getHeader()).number.toNumber(),
      );
      if (again) {
        await included(again, false);
        await waitFinalized(again);
        return;
      }
      nonces.resync(address);
      fail(new TransactionRejectedError(String((error as Error)?.message ?? error), hash));
      return;
    }
    await followHeads(head + 1);
  }

  async function followHeads(from: number): Promise<void> {
    let next = from;
    const era = tx.era;
    const death: number | undefined = era.isMortalEra ? era.asMortalEra.death(startBlock) : undefined;
    await new Promise<void>((resolve, reject) => {
      let unsub: (() => void) | undefined;
      const stop = () => {
        unsub?.();
        api.off('disconnected', stopOnDrop);
      };
      const stopOnDrop = () => {
        stop();
        reject(new Error('disconnected'));
      };
      api.on('disconnected', stopOnDrop);
      api.rpc.chain
        .subscribeNewHeads(async (header) => {
          const n = header.number.toNumber();
          try {
            const found = await findInBlocks(deps, hash!, next, n);
            next = n + 1;
            if (found) {
              stop();
              await included(found, false);
              resolve();
            } else if (death !== undefined && n >= death) {
              // past its mortal era the transaction can never be included: report it instead of waiting forever
              stop();
              fail(new TransactionExpiredError(hash!, death - 1));
              resolve();
            }
          } catch (error) {
            stop();
            reject(error);
          }
        })
        .then((u) => {
          unsub = u;
        }, reject);
    });
    if (inBlock) await waitFinalized(inBlock.blockHash);
  }

  async function waitFinalized(blockHash: string): Promise<void> {
    if (done || !inBlock) return;
    const target = inBlock.blockNumber;
    await new Promise<void>((resolve, reject) => {
      let unsub: (() => void) | undefined;
      const stopOnDrop = () => {
        unsub?.();
        reject(new Error('disconnected'));
      };
      api.once('disconnected', stopOnDrop);
      api.rpc.chain
        .subscribeFinalizedHeads((header) => {
          if (header.number.toNumber() >= target) {
            unsub?.();
            api.off('disconnected', stopOnDrop);
            void included(blockHash, true).then(resolve, reject);
          }
        })
        .then((u) => {
          unsub = u;
          if (done) u();
        }, reject);
    });
  }
}

/** Finds the extrinsic in blocks [from, to]; returns the block hash. */
async function findInBlocks(
  deps: SendDeps,
  hash: string,
  from: number,
  to: number,
): Promise<string | undefined> {
  for (let n = Math.max(from, 0); n <= to; n++) {
    const blockHash = (await deps.api.rpc.chain.getBlockHash(n)).toHex();
    const block = await deps.api.rpc.chain.getBlock(blockHash);
    if (block.block.extrinsics.some((x) => x.hash.toHex() === hash)) return blockHash;
  }
  return undefined;
}

/** The extrinsic's events in a block and whether its dispatch failed. */
async function inspectBlock(deps: SendDeps, blockHash: string, hash: string): Promise<Inclusion | undefined> {
  const { api, ss58 } = deps;
  const block = await api.rpc.chain.getBlock(blockHash);
  const index = block.block.extrinsics.findIndex((x) => x.hash.toHex() === hash);
  if (index < 0) return undefined;
  const at = await api.at(blockHash);
  const records = await at.query.system.events();
  const mine = records.filter(
    (r) => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index,
  );
  let failed: MiningError | undefined;
  for (const r of mine) {
    if (api.events.system.ExtrinsicFailed.is(r.event)) {
      failed = dispatchErrorToMiningError(api, r.event.data.dispatchError);
    }
  }
  return {
    blockHash,
    blockNumber: block.block.header.number.toNumber(),
    events: mine.map((r) => decodeEvent(r.event, ss58)),
    failed,
  };
}
