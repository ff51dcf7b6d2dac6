import { AsyncLocalStorage } from 'node:async_hooks';

/** Something SQL can run on: the database or an open transaction. */
export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The storage the server runs on: embedded PGlite or a PostgreSQL server, same SQL. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `work` in one transaction; it commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
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
  const run = async <T>(
    q: { query: (s: string, p?: unknown[]) => Promise<{ rows: unknown[] }> },
    sql: string,
    params?: unknown[],
  ) => (await q.query(sql, params)).rows as T[];
  return {
    kind: 'pglite',
    query: (sql, params) => run(currentQueryableFor(pg), sql, params),
    transaction: (work) =>
      pg.transaction((tx) => {
        const scoped: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return transactionScope.run(scoped, () => work(scoped));
      }),
    close: () => pg.close(),
  };

  /** Inside a transaction's call chain, plain `db.query` joins the transaction. */
  function currentQueryableFor(fallback: { query: (s: string, p?: unknown[]) => Promise<{ rows: unknown[] }> }) {
    const scoped = transactionScope.getStore();
    return scoped ? { query: async (s: string, p?: unknown[]) => ({ rows: await scoped.query(s, p) }) } : fallback;
  }
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
    close: () => pool.end(),
  };
}
