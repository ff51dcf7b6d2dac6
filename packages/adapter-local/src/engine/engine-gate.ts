import { EngineBusyError } from '../local-errors';

/**
 * Runs engine work one call at a time (the wasm backend is single-threaded;
 * interleaving calls only adds latency to all of them) and refuses work once
 * `maxPending` calls wait, so a flood turns into `rate_limited` instead of an
 * unbounded queue. Each call honours its abort signal while queued and running.
 */
export class EngineGate {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly maxPending: number) {}

  run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    if (this.pending >= this.maxPending) throw new EngineBusyError(1000);
    this.pending++;
    const turn = this.tail.then(() => {
      signal.throwIfAborted();
      return work();
    });
    this.tail = turn.catch(() => undefined);
    const done = turn.finally(() => {
      this.pending--;
    });
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      done.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
