/** Thrown when a lock was not free within the wait allowed. */
export class LockTimeoutError extends Error {
  constructor(readonly key: string) {
    super('lock wait timed out');
    this.name = 'LockTimeoutError';
  }
}

/**
 * One holder per key at a time, in arrival order, within this process. A
 * waiter that gives up (timeout) leaves the queue without taking the lock.
 */
export class KeyedMutex {
  /** Per key: the promise the next waiter waits on (the current tail of the queue). */
  private readonly tails = new Map<string, Promise<void>>();

  /** Run `work` holding `key`; waits at most `timeoutMs` for it. */
  async run<T>(key: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The next waiter waits for us, and we for the previous one, whether or not we time out.
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        previous,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LockTimeoutError(key)), timeoutMs);
          timer.unref?.();
        }),
      ]);
      clearTimeout(timer);
      return await work();
    } finally {
      clearTimeout(timer);
      // A timed-out waiter releases at once: the ones behind it wait only for the holder before it.
      release();
      void tail.then(() => {
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
    }
  }

  /** Keys held or waited on (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
