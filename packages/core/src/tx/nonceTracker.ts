import type { ApiPromise } from '@polkadot/api';

/**
 * Per-account nonces kept locally so many sends from one account in parallel get consecutive nonces without a race:
 * the node is asked once (`system_accountNextIndex`), then each send takes the next number. Sends of one account are
 * also serialised up to the node's acceptance, so the node sees them in nonce order.
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
    let nonce = this.next.get(account);
    if (nonce === undefined) nonce = (await this.api.rpc.system.accountNextIndex(account)).toNumber();
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
