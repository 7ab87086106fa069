import type { ApiPromise } from '@polkadot/api';

/**
 * Per-account nonces for sends from one account in parallel: sends of one account are serialised up to the node's
 * acceptance, so the node sees them in nonce order, and each takes the larger of the chain's next index
 * (`system_accountNextIndex`, which counts the pool's transactions too) read at signing time and the local next
 * number. Reading the chain each time is what lets another connection sign for the same account (a CLI, a second
 * tab) without this client's next send being refused for a nonce already used; the local number covers a node whose
 * index lags behind what it accepted.
 */
export class NonceTracker {
  private readonly next = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly api: ApiPromise) {}

  /**
   * Runs `submit` with the account's next nonce, one submission per account at a time. If `submit` throws, the
   * nonce was not used (or its use is unknown), so the local counter is dropped and read again next time.
   */
  withNonce<T>(account: string, submit: (nonce: number) => Promise<T>): Promise<T> {
    const previous = this.queues.get(account) ?? Promise.resolve();
    const run = previous.then(
      () => this.take(account, submit),
      () => this.take(account, submit),
    );
    const settled = run.catch(() => undefined);
    this.queues.set(account, settled);
    void settled.then(() => {
      if (this.queues.get(account) === settled) this.queues.delete(account);
    });
    return run;
  }

  /** Forgets the local nonce of an account (after a rejected or dropped transaction). */
  resync(account: string): void {
    this.next.delete(account);
  }

  private async take<T>(account: string, submit: (nonce: number) => Promise<T>): Promise<T> {
    const onChain = (await this.api.rpc.system.accountNextIndex(account)).toNumber();
    const local = this.next.get(account);
    const nonce = local === undefined || onChain > local ? onChain : local;
    try {
      const result = await submit(nonce);
      this.next.set(account, nonce + 1);
      return result;
    } catch (error) {
      this.next.delete(account);
      throw error;
    }
  }
}
