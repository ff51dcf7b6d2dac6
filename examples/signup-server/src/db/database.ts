import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { binaryParameterSerializers } from '@facegate/adapter-local';
import { LockTimeoutError } from './keyed-mutex';

/** Something SQL can run on: the database or an open transaction. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The storage the server runs on: embedded PGlite or a PostgreSQL server, same SQL. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `work` in one transaction; it commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Run `work` holding the database-wide lock `key` — not a transaction, so
   * `work` may call vendors and open short transactions of its own. PostgreSQL:
   * a session-level advisory lock on a pooled connection of its own, released
   * by unlock or by that connection dropping (a crashed instance frees it).
   * PGlite: nothing to take — one process owns an embedded database, and the
   * caller's in-process mutex covers it. Gives up after `timeoutMs` with
   * {@link LockTimeoutError}.
   */
  withSessionLock<T>(key: string, timeoutMs: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The transaction the current async call chain runs in, so code deep below
 * (e.g. the local engine's face template store) joins it instead of opening
 * its own connection. PGlite has a single session: a query outside the open
 * transaction would wait for it forever.
 */
export const transactionScope = new AsyncLocalStorage<Queryable>();

/** The open transaction of this call chain, or the database. */
export function currentQueryable(db: Queryable): Queryable {
  return transactionScope.getStore() ?? db;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory`. */
  pgliteDataDir?: string;
}

/** Open the configured database. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.pgliteDataDir ?? 'memory');
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite/vector');
  // pgvector ships with PGlite: the face template store searches with its HNSW index.
  const extensions = { vector };
  const pg = dataDir === 'memory' ? new PGlite({ extensions }) : new PGlite(dataDir, { extensions });
  await pg.waitReady;
  // A Uint8Array goes in binary form: the template store sends embeddings as pgvector's binary vector.
  const options = { serializers: binaryParameterSerializers(pg.serializers) };
  const run = async <T>(q: Pick<typeof pg, 'query'>, sql: string, params?: unknown[]) =>
    (await q.query(sql, params, options)).rows as T[];
  return {
    kind: 'pglite',
    // Inside a transaction's call chain, plain `db.query` joins the transaction.
    query: (sql, params) => transactionScope.getStore()?.query(sql, params) ?? run(pg, sql, params),
    transaction: (work) =>
      pg.transaction((tx) => {
        const scoped: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return transactionScope.run(scoped, () => work(scoped));
      }),
    withSessionLock: (_key, _timeoutMs, work) => work(),
    close: () => pg.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const scoped = transactionScope.getStore();
      if (scoped) return scoped.query<T>(sql, params);
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction(work) {
      const client = await pool.connect();
      const scoped: Queryable = {
        query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      };
      try {
        await client.query('BEGIN');
        const result = await transactionScope.run(scoped, () => work(scoped));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async withSessionLock(key, timeoutMs, work) {
      const client = await pool.connect();
      let healthy = true;
      try {
        await tryLockUntil(timeoutMs, key, async () => {
          const rows = await client.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
            SESSION_LOCK_SPACE,
            key,
          ]);
          return rows.rows[0]?.ok === true;
        });
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SESSION_LOCK_SPACE, key]).catch(() => {
            healthy = false;
          });
        }
      } catch (error) {
        if (!(error instanceof LockTimeoutError)) healthy = false;
        throw error;
      } finally {
        // A connection whose unlock failed may still hold the lock: drop it, which frees the lock.
        client.release(!healthy);
      }
    },
    close: () => pool.end(),
  };
}

// First half of every session lock's key (the second is the hashed name), apart from the migration's lock.
const SESSION_LOCK_SPACE = 4_217_302;

/** Poll `attempt` (a non-blocking lock) until it succeeds or `timeoutMs` passes. */
async function tryLockUntil(timeoutMs: number, key: string, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Polling rather than a blocking pg_advisory_lock: a blocked call cannot be abandoned without killing its connection.
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    if (await attempt()) return;
    if (Date.now() + wait > deadline) throw new LockTimeoutError(key);
    await sleep(wait);
  }
}
