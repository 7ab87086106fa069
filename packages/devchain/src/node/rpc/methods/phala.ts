import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { type DevAction, DevActionError, type DevActionResult } from '../../../runtime/interface.js';
import { Overlay } from '../../../runtime/state.js';
import type { Hex } from '../../../scale/types.js';
import { DevControlError, InvalidParamsError } from '../../errors.js';
import type { MethodTable } from '../dispatcher.js';
import type { Params } from '../params.js';
import type { RpcEnv } from './env.js';

/** actions in one batched call: a block of 1,000 registrations stays well under the response and time limits */
const MAX_BATCH = 1000;

function accountParam(value: unknown, name: string): Hex {
  if (typeof value !== 'string')
    throw new InvalidParamsError(`${name}: expected an SS58 address or 32-byte hex`);
  try {
    const bytes = decodeAddress(value);
    if (bytes.length !== 32) throw new Error('not 32 bytes');
    return u8aToHex(bytes) as Hex;
  } catch {
    throw new InvalidParamsError(`${name}: ${value} is not an SS58 address or 32-byte hex`);
  }
}

function intIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidParamsError(`${name}: expected an integer in ${min}..=${max}`);
  }
  return value;
}

/**
 * Controls of the simulated pRuntime workers and gatekeeper. Each applies its storage changes in a new block on
 * top of the head, so their effect (and the gatekeeper's reaction) is visible as soon as the call returns.
 */
export function phalaMethods(env: RpcEnv): MethodTable {
  const { node } = env;
  /**
   * Several actions in one block, each computed on the state the ones before it left (as a sequence of single calls
   * would, save that they share one block, so one block number and one time): the bulk set-up of benchmarks.
   */
  const applyAll = (actions: readonly DevAction[]) => {
    const runtime = node.runtime;
    if (!runtime.devAction) throw new DevControlError('this runtime has no simulated Phala workers');
    return node.producer.enqueue(() => {
      const head = node.chain.head;
      const state = new Overlay(node.chain.stateAt(head.hash));
      const results: DevActionResult[] = [];
      actions.forEach((action, i) => {
        let result: DevActionResult;
        try {
          result = runtime.devAction!(state, { number: head.number, hash: head.hash }, action);
        } catch (error) {
          // nothing was built: an action refused part-way leaves the chain as it was
          if (error instanceof DevActionError) throw new InvalidParamsError(`[${i}]: ${error.message}`);
          throw error;
        }
        for (const [key, value] of result.changes) state.changes.set(key, value);
        results.push(result);
      });
      const block = node.producer.buildNow({ storage: state.changes, includePool: false });
      return { results, block: block.hash };
    });
  };
  const apply = (action: DevAction) => {
    const runtime = node.runtime;
    if (!runtime.devAction) throw new DevControlError('this runtime has no simulated Phala workers');
    // Computed and applied in one producer turn, so no block slips in between and the changes land on the state
    // they were computed from.
    return node.producer.enqueue(() => {
      const head = node.chain.head;
      let result: ReturnType<NonNullable<typeof runtime.devAction>>;
      try {
        result = runtime.devAction!(
          node.chain.stateAt(head.hash),
          { number: head.number, hash: head.hash },
          action,
        );
      } catch (error) {
        if (error instanceof DevActionError) throw new InvalidParamsError(error.message);
        throw error;
      }
      const block = node.producer.buildNow({ storage: new Map(result.changes), includePool: false });
      return { ...result, block: block.hash };
    });
  };
  const pubkeyOf = (p: Params) => p.hex(0, 'pubkey');
  const registration = (options: unknown, where: string): DevAction => {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new InvalidParamsError(`${where}: expected { operator, score?, cores?, confidence?, pubkey? }`);
    }
    const o = options as Record<string, unknown>;
    const action: DevAction = {
      kind: 'registerWorker',
      operator: accountParam(o.operator, 'operator'),
      score: intIn(o.score, 'score', 0, 6000, 2000),
      cores: intIn(o.cores, 'cores', 1, 4096, 4),
      confidence: intIn(o.confidence, 'confidence', 1, 128, 1),
    };
    if (o.pubkey !== undefined) action.pubkey = accountParam(o.pubkey, 'pubkey');
    return action;
  };
  const list = (p: Params, name: string): unknown[] => {
    const value = p.raw(0);
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BATCH)
      throw new InvalidParamsError(`${name}: expected an array of 1..=${MAX_BATCH} items`);
    return value;
  };
  return {
    /** `({ operator, score = 2000, cores = 4, confidence = 1, pubkey? })` → the worker's public key */
    phala_registerWorker: async (p) => {
      p.atMost(1);
      const result = await apply(registration(p.raw(0), 'params'));
      return result.pubkey;
    },
    /** `([{ operator, score?, … }, …])` → the workers' public keys, in order, all registered in one block */
    phala_registerWorkers: async (p) => {
      p.atMost(1);
      const actions = list(p, 'workers').map((o, i) => registration(o, `workers[${i}]`));
      return (await applyAll(actions)).results.map((r) => r.pubkey);
    },
    phala_setWorkerOnline: async (p) => {
      p.atMost(2);
      return (await apply({ kind: 'setWorkerOnline', pubkey: pubkeyOf(p), online: p.boolean(1, 'online') }))
        .block;
    },
    /** `([pubkey, …], online)` → the block in which all of them went online (or offline) */
    phala_setWorkersOnline: async (p) => {
      p.atMost(2);
      const online = p.boolean(1, 'online');
      list(p, 'pubkeys');
      const pubkeys = p.hexList(0, 'pubkeys');
      return (await applyAll(pubkeys.map((pubkey) => ({ kind: 'setWorkerOnline', pubkey, online })))).block;
    },
    phala_setInstantScore: async (p) => {
      p.atMost(2);
      return (await apply({ kind: 'setInstantScore', pubkey: pubkeyOf(p), score: p.uint(1, 'score') })).block;
    },
    phala_setGatekeeperPaused: async (p) => {
      p.atMost(1);
      return (await apply({ kind: 'setGatekeeperPaused', paused: p.boolean(0, 'paused') })).block;
    },
    /** a gatekeeper round now: every responsive mining worker is settled in the returned block */
    phala_settle: async (p) => {
      p.atMost(0);
      return (await apply({ kind: 'settle' })).block;
    },
  };
}
