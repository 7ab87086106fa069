/** What the heap orders by: priority, then arrival. */
interface Queued {
  readonly seq: number;
  readonly validity: { readonly priority: bigint };
}

/** A binary heap ordered as a block applies transactions: higher priority first, then earlier arrival. */
export class ReadyHeap<T extends Queued> {
  private readonly items: T[] = [];

  push(tx: T): void {
    const items = this.items;
    items.push(tx);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && before(items[l]!, items[best]!)) best = l;
        if (r < items.length && before(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

function before(a: Queued, b: Queued): boolean {
  if (a.validity.priority !== b.validity.priority) return a.validity.priority > b.validity.priority;
  return a.seq < b.seq;
}
