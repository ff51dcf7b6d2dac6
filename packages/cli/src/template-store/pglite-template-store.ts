import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { CliError } from '../cli-error';
import type { FaceTemplateStore } from './face-template-store';

/** A template store in a PGlite folder, open until `close()`. */
export interface OpenTemplateStore {
  readonly store: FaceTemplateStore;
  /** How it searches (`hnsw` with PGlite's pgvector). */
  readonly method: string;
  /** Flush and close the database (call it before the process ends). */
  close(): Promise<void>;
}

const storeError = (path: string, what: string, cause?: unknown) =>
  new CliError('store_error', `--store ${path}: ${what}`, cause === undefined ? undefined : { cause });

/** `path` is a folder we may open as a database: missing, empty, or holding a PostgreSQL data directory. */
function checkFolder(path: string): void {
  if (!existsSync(path)) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return;
  }
  if (!statSync(path).isDirectory())
    throw storeError(path, 'is a file; --store takes a folder (a PGlite database, created when missing)');
  const entries = readdirSync(path);
  if (entries.length > 0 && !entries.includes('PG_VERSION'))
    throw storeError(
      path,
      'is not a facegate template store (a PGlite database folder); point --store at a new folder',
    );
}

/**
 * Open the local engine's gallery in a PGlite database folder (created when
 * missing): the adapter's SQL template store on PGlite's pgvector, so a
 * search runs in the database's HNSW index, not over a file read into memory.
 * One process at a time may open a folder.
 */
export async function openPgliteTemplateStore(path: string): Promise<OpenTemplateStore> {
  checkFolder(path);
  let pglite: typeof import('@electric-sql/pglite');
  let vector: typeof import('@electric-sql/pglite/vector');
  let local: typeof import('@facegate/adapter-local');
  try {
    [pglite, vector, local] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/vector'),
      import('@facegate/adapter-local'),
    ]);
  } catch (error) {
    throw storeError(path, 'needs @facegate/adapter-local and @electric-sql/pglite installed', error);
  }
  let db: InstanceType<typeof pglite.PGlite>;
  try {
    db = new pglite.PGlite(path, { extensions: { vector: vector.vector } });
    await db.waitReady;
  } catch (error) {
    throw storeError(path, 'cannot open it as a PGlite database (is another facegate process using it?)', error);
  }
  // A Uint8Array goes in binary form: the store sends embeddings as pgvector's binary vector.
  const options = { serializers: local.binaryParameterSerializers(db.serializers) };
  const rows = async <T>(q: { query: typeof db.query }, sql: string, params?: unknown[]) =>
    (await q.query<T>(sql, params, options)).rows;
  try {
    const store = await local.openSqlTemplateStore(
      {
        query: (sql, params) => rows(db, sql, params),
        transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => rows(tx, sql, params) })),
      },
      { models: [{ model: local.RECOGNITION_MODEL, dimensions: local.EMBEDDING_LENGTH }] },
    );
    // Templates are biometric data: only this user may read the folder (PGlite creates it with the umask's mode).
    chmodSync(path, 0o700);
    return { store, method: store.info.method, close: () => db.close() };
  } catch (error) {
    await db.close().catch(() => {});
    throw storeError(path, 'cannot set up the template tables', error);
  }
}
