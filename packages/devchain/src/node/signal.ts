/**
 * A minimal typed event source. A failing listener is reported and skipped so one bad subscriber (a socket that
 * just closed, say) cannot stop the others from hearing about a block.
 */
export class Signal<T> {
  private readonly listeners = new Set<(value: T) => void>();

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('[phala-devchain] listener failed', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
