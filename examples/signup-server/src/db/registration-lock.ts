import type { Database } from './database';
import { KeyedMutex } from './keyed-mutex';

export { LockTimeoutError } from './keyed-mutex';

/**
 * The registration's critical section, taken explicitly: one registration per
 * face collection at a time, across every instance on the database. Under it
 * the duplicate search is repeated and the face indexed — vendor or engine
 * calls, so it is NOT a transaction: other signups keep using the database
 * meanwhile (PGlite has a single session, which a transaction would hold).
 */
export class RegistrationLock {
  private readonly local = new KeyedMutex();

  constructor(
    private readonly db: Database,
    /** Longest wait for the lock before giving up. */
    private readonly timeoutMs = 45_000,
  ) {}

  /**
   * Run `work` holding the lock of `collection`: first this process's queue
   * (so an instance holds at most one database connection per collection for
   * it), then the database-wide lock.
   */
  hold<T>(collection: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    return this.local.run(collection, this.timeoutMs, () =>
      this.db.withSessionLock(`registration:${collection}`, Math.max(0, this.timeoutMs - (Date.now() - started)), work),
    );
  }
}
