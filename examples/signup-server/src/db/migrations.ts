import type { Database } from './database';

/** Schema changes, applied once each, in order. Never edit a released one: add a new one. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'signup flow, short-lived media, users, face templates',
    sql: `
      CREATE TABLE signup_sessions (
        id text PRIMARY KEY,               -- SHA-256 of the session token; the token itself is never stored
        status text NOT NULL,              -- active | completed | failed | needs_review
        step text NOT NULL,                -- liveness | document | match | uniqueness | register | done
        step_deadline timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts jsonb NOT NULL DEFAULT '{}'::jsonb,
        challenges_issued integer NOT NULL DEFAULT 0,
        challenge jsonb,
        vendor_session jsonb,
        results jsonb NOT NULL DEFAULT '{}'::jsonb,
        failure_reason text,
        user_id uuid,
        busy_until timestamptz,
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX signup_sessions_expires_at ON signup_sessions (expires_at);

      -- Biometric media the flow still needs (live reference frame, document face).
      -- Deleted when the step that needs them completes, and by the sweeper at expires_at.
      CREATE TABLE signup_media (
        session_id text NOT NULL REFERENCES signup_sessions (id) ON DELETE CASCADE,
        kind text NOT NULL,
        media_type text NOT NULL,
        data bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, kind)
      );
      CREATE INDEX signup_media_expires_at ON signup_media (expires_at);

      CREATE TABLE users (
        id uuid PRIMARY KEY,
        full_name text NOT NULL,
        email text NOT NULL UNIQUE,
        phone text,
        face_provider text NOT NULL,
        face_collection text NOT NULL,
        face_id text NOT NULL,
        signup_session_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      );

      -- Face templates (embeddings) of registered users, for the offline engine's
      -- duplicate search. Kept as long as the registration they belong to.
      CREATE TABLE face_templates (
        collection text NOT NULL,
        face_id text NOT NULL,
        external_id text NOT NULL,
        template bytea NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (collection, face_id)
      );
      CREATE INDEX face_templates_external ON face_templates (collection, external_id);
    `,
  },
  {
    version: 2,
    name: 'face template model',
    sql: `
      -- Which model made a template: templates of another model are not comparable.
      ALTER TABLE face_templates ADD COLUMN model text NOT NULL DEFAULT '';
    `,
  },
  {
    version: 3,
    name: 'face templates searched in the database',
    sql: `
      -- Search moved into the database: the template store (adapter-local's SQL store, opened at start-up) adds
      -- its searchable columns (pgvector, or cube without it) and moves these bytes there, then clears them.
      ALTER TABLE face_templates ALTER COLUMN template DROP NOT NULL;
    `,
  },
];

// Any fixed number: every instance takes the same lock, so two instances starting together migrate once.
const MIGRATION_LOCK = 4_217_301;

/** Apply pending migrations in one transaction, under an advisory lock. Returns the versions applied. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** Split a migration into statements: comments dropped first (they may hold semicolons); no literal holds one. */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
