/** SQL the slot store runs: embedded PGlite or a PostgreSQL server, same statements. */
export interface Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Run one statement with `$1…` parameters; the rows it returns. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Run statements in one transaction, holding an advisory lock (so instances starting together agree). */
  script(statements: readonly string[], lock: number): Promise<void>;
  /** Close the connection(s). */
  close(): Promise<void>;
}

/** Open PostgreSQL when `databaseUrl` is set, else PGlite in `pgliteDataDir` (`memory` for a throwaway one). */
export async function openSql(options: { databaseUrl?: string; pgliteDataDir?: string }): Promise<Sql> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    await pool.query('SELECT 1');
    return {
      kind: 'postgres',
      query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
      async script(statements, lock) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
          for (const statement of statements) await client.query(statement);
          await client.query('COMMIT');
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
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = options.pgliteDataDir ?? 'memory';
  const db = dir === 'memory' ? new PGlite() : new PGlite(dir);
  await db.waitReady;
  return {
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[],
    async script(statements) {
      // One embedded session: nobody else can race it.
      await db.transaction(async (tx) => {
        for (const statement of statements) await tx.query(statement);
      });
    },
    close: () => db.close(),
  };
}

/**
 * The slot tables. Applied with IF NOT EXISTS under an advisory lock, so
 * instances starting together agree; a later change gets its own statement.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS esignet_slots (
     slot_id text PRIMARY KEY,
     state jsonb NOT NULL,
     expires_at timestamptz NOT NULL,   -- the slot fails after this
     purge_at timestamptz NOT NULL,     -- the row (result only, no biometrics) is deleted after this
     lease_id text,                     -- who is working on the slot …
     lease_until timestamptz            -- … until when (another instance waits)
   )`,
  'CREATE INDEX IF NOT EXISTS esignet_slots_expires ON esignet_slots (expires_at)',
  // Frames of the current attempt only: deleted when the attempt is analysed and when the slot ends.
  `CREATE TABLE IF NOT EXISTS esignet_frames (
     slot_id text NOT NULL REFERENCES esignet_slots (slot_id) ON DELETE CASCADE,
     frame_order integer NOT NULL,
     attempt integer NOT NULL,
     captured_ms integer NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (slot_id, frame_order)
   )`,
];

const SCHEMA_LOCK = 20_020_020;

/** Create the tables if missing. */
export async function ensureSchema(sql: Sql): Promise<void> {
  await sql.script(SCHEMA, SCHEMA_LOCK);
}
