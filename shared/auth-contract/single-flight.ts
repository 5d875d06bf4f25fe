/**
 * Coalesces concurrent work per key: while a task for a key is running, every other `run` for that key
 * gets the same promise (its result or its error). Nothing is cached once it settles.
 */
export class SingleFlight<K, V> {
  readonly #inFlight = new Map<K, Promise<V>>();

  run(key: K, task: () => Promise<V>): Promise<V> {
    const running = this.#inFlight.get(key);
    if (running !== undefined) return running;
    // The task starts a microtask later, so the entry exists before it can settle (even synchronously).
    const promise = Promise.resolve()
      .then(task)
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }

  /** Keys with work in flight. */
  get size(): number {
    return this.#inFlight.size;
  }
}
