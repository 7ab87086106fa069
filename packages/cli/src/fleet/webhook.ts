/** Options of {@link postWithRetries}. */
export interface WebhookOptions {
  /** attempts in all (default 5) */
  attempts?: number;
  /** first backoff, ms; doubled after each failure (default 500) */
  backoffMs?: number;
  /** per-attempt timeout, ms (default 10 000) */
  timeoutMs?: number;
}

/**
 * POSTs a JSON body, retrying network failures, timeouts and 5xx/429 answers with exponential backoff. A 4xx other
 * than 429 is not retried: the endpoint refused the payload and would refuse it again. Resolves with the final
 * status, or rejects with the last error once the attempts are spent.
 */
export async function postWithRetries(url: string, body: unknown, o: WebhookOptions = {}): Promise<number> {
  const attempts = o.attempts ?? 5;
  let wait = o.backoffMs ?? 500;
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return res.status;
      last = new Error(`webhook answered ${res.status}`);
      if (res.status < 500 && res.status !== 429) throw last;
    } catch (error) {
      last = error;
      if (error instanceof Error && /^webhook answered 4(?!29)/.test(error.message)) throw error;
    }
    if (i < attempts) {
      await new Promise((r) => setTimeout(r, wait));
      wait *= 2;
    }
  }
  throw last;
}

/** Delivers alerts one after another (in order), never blocking the caller; failures go to `onError`. */
export class WebhookQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void,
    private readonly options: WebhookOptions = {},
  ) {}

  push(body: unknown): void {
    this.tail = this.tail.then(() =>
      postWithRetries(this.url, body, this.options).then(
        () => undefined,
        (e) => this.onError(e),
      ),
    );
  }

  /** Resolves when everything pushed so far was delivered or given up. */
  drain(): Promise<void> {
    return this.tail;
  }
}
