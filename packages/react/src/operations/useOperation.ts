import type {
  AnySigner,
  DryRunResult,
  MiningClient,
  MiningError,
  OperationChain,
  TxResult,
  TxStage,
  WaitFor,
} from '@phala-mining/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Subscription } from 'rxjs';
import { asMiningError, ClientNotReadyError, NoSignerError, OperationSupersededError } from '../errors.js';
import { useMiningRuntime } from '../provider/context.js';

/**
 * Where a sent operation is: `validating` (rules checked against chain state, nothing signed yet), `signing` (the
 * wallet is asking the user), then the transaction's own stages; `failed` carries the typed error.
 */
export type OperationStage = 'idle' | 'validating' | 'signing' | TxStage['stage'];

/** `pending` from send until the result (at `waitFor`), `success` or `error` after. */
export type OperationStatus = 'idle' | 'pending' | 'success' | 'error';

export interface OperationState<V> {
  stage: OperationStage;
  status: OperationStatus;
  /** the typed error: a rule broken before signing (e.g. `ContributionBelowMinimum`), a rejection or a pallet error */
  error: MiningError | undefined;
  result: TxResult<V> | undefined;
  /** the extrinsic hash once signed */
  hash: string | undefined;
  /** the block it landed in */
  blockNumber: number | undefined;
}

export interface OperationOptions {
  /**
   * who signs: a keyring pair, or `{ address, signer }` from {@link useSigner}; or that key acting for a cold owner,
   * `asProxy(signer, { real })` or `asMultisig(signer, { threshold, others })` (rules are then checked as the owner)
   */
  signer?: AnySigner | undefined;
  /** when `send` resolves; default the client's */
  waitFor?: WaitFor;
}

export interface OperationHook<A extends unknown[], V> extends OperationState<V> {
  /**
   * Validates against chain state, then signs and sends. Never rejects: resolves with the result, or undefined on
   * failure (the typed error is in `error`). Safe to call from an event handler as it is.
   */
  send(...args: A): Promise<TxResult<V> | undefined>;
  /** As `send`, but rejects with the typed error. */
  sendAsync(...args: A): Promise<TxResult<V>>;
  /** Checks every rule for these arguments without signing; rejects with the first broken rule's typed error. */
  dryRun(...args: A): Promise<DryRunResult>;
  /** Validates, then asks the node for the fee (planck). */
  estimateFee(...args: A): Promise<bigint>;
  /** Back to `idle`, forgetting the last error and result (a transaction in flight is still followed on chain). */
  reset(): void;
}

const IDLE: OperationState<never> = Object.freeze({
  stage: 'idle',
  status: 'idle',
  error: undefined,
  result: undefined,
  hash: undefined,
  blockNumber: undefined,
});

/**
 * Any operation — or batch of operations — of the client as a hook. `build` turns the hook's arguments into an
 * operation chain; everything else (validation before the signing prompt, the stages, the typed error) is here.
 *
 * ```ts
 * const configure = useOperation((client, payout: number, cap: bigint) => client.pool(pid).setPayout(payout).setCap(cap), { signer });
 * configure.send(20, pha('50000'));
 * ```
 */
export function useOperation<A extends unknown[], V>(
  build: (client: MiningClient, ...args: A) => OperationChain<V>,
  options: OperationOptions = {},
): OperationHook<A, V> {
  const runtime = useMiningRuntime('useOperation');
  const [state, setState] = useState<OperationState<V>>(IDLE);
  const latest = useRef({ build, options, runtime });
  latest.current = { build, options, runtime };
  const run = useRef(0);
  const subscription = useRef<Subscription | undefined>(undefined);

  useEffect(
    () => () => {
      // stop following on unmount; the transaction itself cannot be recalled
      run.current++;
      subscription.current?.unsubscribe();
    },
    [],
  );

  const prepare = useCallback((args: A): { chain: OperationChain<V>; signer: AnySigner } => {
    const { build, options, runtime } = latest.current;
    const client = runtime.getSnapshot().client;
    if (!client) throw new ClientNotReadyError();
    if (!options.signer) throw new NoSignerError();
    // building never throws: a bad argument (a payout of 101 %) is refused by the chain's dryRun, like a rule
    return { chain: build(client, ...args), signer: options.signer };
  }, []);

  const sendAsync = useCallback(
    async (...args: A): Promise<TxResult<V>> => {
      subscription.current?.unsubscribe();
      const id = ++run.current;
      const update = (patch: Partial<OperationState<V>>) => {
        if (run.current === id) setState((s) => ({ ...s, ...patch }));
      };
      setState({ ...IDLE, stage: 'validating', status: 'pending' });
      try {
        const { chain, signer } = prepare(args);
        // the rules run before anything reaches the wallet, so a bad input never shows a signing prompt
        await chain.dryRun(signer);
        if (run.current !== id) throw new OperationSupersededError();
        update({ stage: 'signing' });
        const submission = chain.send(
          signer,
          latest.current.options.waitFor ? { waitFor: latest.current.options.waitFor } : {},
        );
        subscription.current = submission.subscribe((s) => {
          if (s.stage === 'failed')
            update({ stage: 'failed', status: 'error', error: s.error, hash: s.hash });
          else if (s.stage === 'inBlock' || s.stage === 'finalized')
            update({ stage: s.stage, hash: s.hash, blockNumber: s.blockNumber });
          else update({ stage: s.stage, hash: s.hash });
        });
        const result = await submission.result();
        update({ status: 'success', result });
        return result;
      } catch (error) {
        const typed = asMiningError(error);
        update({ stage: 'failed', status: 'error', error: typed });
        throw typed;
      }
    },
    [prepare],
  );

  const send = useCallback((...args: A) => sendAsync(...args).catch(() => undefined), [sendAsync]);

  const dryRun = useCallback(
    async (...args: A) => {
      try {
        const { chain, signer } = prepare(args);
        return await chain.dryRun(signer);
      } catch (error) {
        throw asMiningError(error);
      }
    },
    [prepare],
  );

  const estimateFee = useCallback(
    async (...args: A) => {
      try {
        const { chain, signer } = prepare(args);
        return await chain.estimateFee(signer);
      } catch (error) {
        throw asMiningError(error);
      }
    },
    [prepare],
  );

  const reset = useCallback(() => {
    run.current++;
    subscription.current?.unsubscribe();
    subscription.current = undefined;
    setState(IDLE);
  }, []);

  return { ...state, send, sendAsync, dryRun, estimateFee, reset };
}
