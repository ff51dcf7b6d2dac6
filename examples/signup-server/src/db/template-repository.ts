import {
  decodeEmbedding,
  type FaceTemplate,
  type FaceTemplateStore,
  openSqlTemplateStore,
  type SqlClient,
  type SqlTemplateStore,
  type SqlTemplateStoreInfo,
  type SqlTemplateStoreOptions,
  type TemplateProbe,
  type TemplateSelector,
} from '@facegate/adapter-local';
import { currentQueryable, type Database, transactionScope } from './database';
import { migrate } from './migrations';

/** How the server's template search runs, for `/api/health`. */
export type TemplateSearchHealth =
  | ({ status: 'ready' } & SqlTemplateStoreInfo)
  | { status: 'unavailable'; reason: string };

/**
 * The offline engine's face templates in the signup database, searched there
 * (pgvector HNSW index, or an exact in-database scan without pgvector), so
 * every server instance searches the same gallery and a search moves ids and
 * distances only. A registration writes its template under the registration
 * lock, before (not inside) the user's transaction, and removes it again if
 * that transaction fails. Embeddings are
 * biometric data: they go into the database and never come out.
 */
export class TemplateRepository implements FaceTemplateStore {
  private constructor(
    private readonly db: Database,
    private readonly store: SqlTemplateStore | undefined,
    /** Why there is no store (neither pgvector nor cube on the server). */
    private readonly unavailable?: string,
  ) {}

  /**
   * Open the store on `db`: detect pgvector (else cube), create what is
   * missing, index the given models, and move templates of the earlier
   * `bytea` column into the searchable columns. When the database offers
   * neither extension the repository opens anyway and fails every call
   * (uniqueness fails closed); `health()` says why.
   */
  static async open(db: Database, options: SqlTemplateStoreOptions = {}): Promise<TemplateRepository> {
    const client: SqlClient = {
      query: (sql, params) => currentQueryable(db).query(sql, params),
      // Join the caller's transaction when there is one (deleting an account removes its template with the user row).
      transaction: (work) => {
        const open = transactionScope.getStore();
        return open ? work(open) : db.transaction(work);
      },
    };
    // The table is the server's (migrations 1–3); the store adds its searchable columns to it.
    await migrate(db);
    let store: SqlTemplateStore;
    try {
      store = await openSqlTemplateStore(client, options);
    } catch (error) {
      return new TemplateRepository(
        db,
        undefined,
        error instanceof Error ? error.message : 'template store failed to open',
      );
    }
    await moveLegacyTemplates(db, store);
    return new TemplateRepository(db, store);
  }

  /** What the search runs on, or why it cannot run. */
  health(): TemplateSearchHealth {
    return this.store
      ? { status: 'ready', ...this.store.info }
      : { status: 'unavailable', reason: this.unavailable ?? 'unknown' };
  }

  private get open(): SqlTemplateStore {
    if (!this.store) throw new Error(`face template search unavailable: ${this.unavailable}`);
    return this.store;
  }

  search(collection: string, probe: TemplateProbe, k: number, maxDistance: number) {
    return this.open.search(collection, probe, k, maxDistance);
  }

  save(template: FaceTemplate): Promise<void> {
    return this.open.save(template);
  }

  remove(collection: string, selector: TemplateSelector): Promise<string[]> {
    return this.open.remove(collection, selector);
  }

  /**
   * Delete templates of `collections` older than `olderThanMs` whose person
   * has no account in that collection: a
   * registration indexes the face before it inserts the user, so a crash in
   * between leaves a template that would block that face as a duplicate for
   * ever. The age guard keeps registrations in flight (they hold the
   * registration lock for seconds). Ages are taken on the database's clock.
   * Resolves to the number of templates deleted.
   */
  async sweepOrphans(collections: readonly string[], olderThanMs: number): Promise<number> {
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) throw new RangeError('olderThanMs must be ≥ 0');
    if (collections.length === 0) return 0;
    // Only the collections this server writes: another writer's templates in a shared table are not ours to judge.
    // An account owns a template when its id and its collection both match.
    const rows = await this.db.query<{ face_id: string }>(
      `DELETE FROM face_templates t
       WHERE t.collection = ANY($2::text[])
         AND t.created_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id::text = t.external_id AND u.face_collection = t.collection)
       RETURNING t.face_id`,
      [olderThanMs / 1000, [...collections]],
    );
    return rows.length;
  }
}

/** Templates stored before search moved into the database (a `bytea` column): re-saved as searchable rows, once. */
async function moveLegacyTemplates(db: Database, store: SqlTemplateStore): Promise<void> {
  const legacy = await db.query<{ has: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'face_templates' AND column_name = 'template') AS has`,
  );
  if (legacy[0]?.has !== true) return;
  await db.transaction(async () => {
    const rows = await db.query<{ collection: string; face_id: string; external_id: string; model: string; t: string }>(
      `SELECT collection, face_id, external_id, model, encode(template, 'base64') AS t
       FROM face_templates WHERE template IS NOT NULL FOR UPDATE`,
    );
    for (const r of rows) {
      await store.save({
        collection: r.collection,
        faceId: r.face_id,
        externalId: r.external_id,
        model: r.model,
        embedding: decodeEmbedding(new Uint8Array(Buffer.from(r.t, 'base64'))),
      });
      await db.query('UPDATE face_templates SET template = NULL WHERE collection = $1 AND face_id = $2', [
        r.collection,
        r.face_id,
      ]);
    }
  });
}
