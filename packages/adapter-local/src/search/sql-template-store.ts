import { createHash } from 'node:crypto';
import { TemplateStoreError } from '../local-errors';
import type {
  FaceTemplate,
  FaceTemplateStore,
  TemplateProbe,
  TemplateSearchResult,
  TemplateSelector,
} from './template-store';

/**
 * Run SQL: PostgreSQL (`pg`) or PGlite behind a two-method shim. A
 * `Uint8Array` parameter should go in binary form (node-postgres does so by
 * itself; PGlite with {@link binaryParameterSerializers}): the store then
 * sends embeddings as pgvector's binary `vector`, not as 512 numbers in text.
 * A shim that sends it as text still works (detected at open), just slower.
 */
export interface SqlQuery {
  /** Run one statement with `$n` parameters; resolves to its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * PGlite query `serializers` that send a `Uint8Array` parameter in binary
 * form (the type's receive function) when PGlite has no serializer of its own
 * for the parameter's type — pgvector's `vector`; every other type keeps
 * PGlite's serializer. Pass `{ serializers: binaryParameterSerializers(pg.serializers) }`
 * as the options of `pg.query` / `tx.query`.
 *
 * @typeParam S - PGlite's serializer type.
 */
export function binaryParameterSerializers<S extends (value: never) => unknown>(
  defaults: Record<number | string, S>,
): Record<number | string, S> {
  const passBinary = (value: unknown) => (ArrayBuffer.isView(value) ? value : String(value));
  return new Proxy(defaults, {
    get: (target, oid) => (typeof oid === 'string' && target[oid]) || passBinary,
  });
}

/** A database for {@link openSqlTemplateStore}: queries, and a transaction that joins the caller's when one is open. */
export interface SqlClient extends SqlQuery {
  /** Run `work` in one transaction (commit when it resolves, roll back when it throws), or in the caller's open one. */
  transaction<T>(work: (tx: SqlQuery) => Promise<T>): Promise<T>;
}

/**
 * How the store searches: `hnsw` — pgvector's approximate HNSW index (PGlite
 * ships pgvector; a PostgreSQL server needs it installed); `exact` — without
 * pgvector, inside the database: a scan of every template's sign signature
 * (`bit_count` of an XOR, C code) keeps a shortlist, whose exact distances
 * come from `cube` columns (PostgreSQL contrib) and `cube_distance`.
 */
export type SqlSearchMethod = 'hnsw' | 'exact';

/** HNSW parameters (pgvector): graph degree, build beam and search beam. */
export interface HnswParameters {
  /** Links per node (pgvector `m`). */
  m: number;
  /** Candidate list while building (`ef_construction`). */
  efConstruction: number;
  /** Candidate list while searching (`hnsw.ef_search`, set per search transaction). */
  efSearch: number;
}

/**
 * Defaults fitted with `pnpm bench -- --sections search` (synthetic unit
 * vectors with planted duplicates; see tools/bench/README.md for the figures).
 */
export const DEFAULT_HNSW: HnswParameters = { m: 16, efConstruction: 64, efSearch: 400 };

/** Options of {@link openSqlTemplateStore}. */
export interface SqlTemplateStoreOptions {
  /** Table name (default `face_templates`). Created when missing; missing columns are added. */
  table?: string;
  /** Force a method (default: `hnsw` when the `vector` extension can be used, else `exact`). */
  method?: SqlSearchMethod;
  /** HNSW parameters (default {@link DEFAULT_HNSW}). */
  hnsw?: Partial<HnswParameters>;
  /** Models to index now (an HNSW index per model, built at start-up; exact search needs none). */
  models?: readonly { model: string; dimensions: number }[];
  /** `exact`: templates kept by signature distance for the exact re-rank (default {@link DEFAULT_EXACT_SHORTLIST}). */
  exactShortlist?: number;
}

/**
 * Shortlist of the exact method: a collection of at most this many templates is
 * searched fully exactly; beyond it a duplicate is missed only when this many
 * others have closer signatures (see tools/bench/README.md for the measured recall).
 */
export const DEFAULT_EXACT_SHORTLIST = 500;

/** What the store runs on, for health reports. */
export interface SqlTemplateStoreInfo {
  method: SqlSearchMethod;
  /** The extension doing the distance work and its version, e.g. `vector 0.8.0`, `cube 1.5`. */
  extension: string;
  /** HNSW parameters in force (`hnsw` only). */
  hnsw?: HnswParameters;
  /** Signature shortlist re-ranked exactly (`exact` only). */
  exactShortlist?: number;
}

/** A {@link FaceTemplateStore} in PostgreSQL or PGlite that searches inside the database. */
export interface SqlTemplateStore extends FaceTemplateStore {
  readonly info: SqlTemplateStoreInfo;
  /** Build the search index for a model now (HNSW; a no-op for exact search). */
  indexModel(model: string, dimensions: number): Promise<void>;
}

/** Exact search keeps an embedding as cubes of at most this many numbers (cube's limit is 100). */
const CUBE_BLOCK = 100;
/** Cube columns of the exact method: embeddings up to 600 numbers. */
const CUBE_BLOCKS = 6;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;
// Any fixed number (not the signup server's migration 4_217_301 or registration 4_217_302 locks): instances starting
// together create the schema once.
const SCHEMA_LOCK = 4_217_321;

/** `'text'` as an SQL literal (for DDL, where parameters are not allowed). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function vectorLiteral(embedding: Float32Array): string {
  return `[${Array.from(embedding, String).join(',')}]`;
}

/** pgvector's binary `vector` (what `vector_recv` reads): int16 dimensions, int16 0, then big-endian float32s. */
export function vectorBinary(embedding: Float32Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * embedding.length);
  const view = new DataView(out.buffer);
  view.setInt16(0, embedding.length);
  for (const [i, x] of embedding.entries()) view.setFloat32(4 + 4 * i, x);
  return out;
}

/**
 * The sign of every number, as a bit string: two unit vectors at cosine c
 * differ in a fraction arccos(c)/π of these bits (for directions spread over
 * the sphere), so the Hamming distance orders candidates cheaply.
 */
function signature(embedding: Float32Array): string {
  return Array.from(embedding, (x) => (x >= 0 ? '1' : '0')).join('');
}

function cubeLiterals(embedding: Float32Array): (string | null)[] {
  return Array.from({ length: CUBE_BLOCKS }, (_, b) => {
    const part = embedding.subarray(b * CUBE_BLOCK, (b + 1) * CUBE_BLOCK);
    return part.length ? `(${Array.from(part, String).join(',')})` : null;
  });
}

function checkEmbedding(embedding: Float32Array, method: SqlSearchMethod): void {
  if (!(embedding instanceof Float32Array) || embedding.length === 0 || !embedding.every(Number.isFinite))
    throw new TemplateStoreError('embedding must be finite numbers');
  if (method === 'exact' && embedding.length > CUBE_BLOCK * CUBE_BLOCKS)
    throw new TemplateStoreError(`exact search holds embeddings of at most ${CUBE_BLOCK * CUBE_BLOCKS} numbers`);
}

/**
 * Open (and create, idempotently) a template store in a PostgreSQL database.
 * With the `vector` extension each model gets a partial HNSW index (cosine)
 * on `embedding::vector(n)`; a search is an index scan that returns the k
 * nearest ids and distances. Without it, `cube` columns and an exact scan —
 * still inside the database, still ids and distances only.
 */
export async function openSqlTemplateStore(
  client: SqlClient,
  options: SqlTemplateStoreOptions = {},
): Promise<SqlTemplateStore> {
  const table = options.table ?? 'face_templates';
  if (!IDENTIFIER.test(table)) throw new TemplateStoreError('table name must be a plain lower-case identifier');
  const hnsw: HnswParameters = { ...DEFAULT_HNSW, ...options.hnsw };
  for (const [k, v] of Object.entries(hnsw))
    if (!Number.isInteger(v) || v < 2 || v > 1000) throw new TemplateStoreError(`hnsw.${k} must be an integer 2..1000`);
  const shortlist = options.exactShortlist ?? DEFAULT_EXACT_SHORTLIST;
  if (!Number.isInteger(shortlist) || shortlist < 1 || shortlist > 100_000)
    throw new TemplateStoreError('exactShortlist must be an integer 1..100000');

  const info = await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    const method = options.method ?? ((await canUse(tx, 'vector')) ? 'hnsw' : 'exact');
    const extension = method === 'hnsw' ? 'vector' : 'cube';
    if (!(await canUse(tx, extension)))
      throw new TemplateStoreError(
        method === 'hnsw'
          ? 'the vector extension (pgvector) is not installed on this PostgreSQL server'
          : 'neither the vector (pgvector) nor the cube extension is available on this PostgreSQL server',
      );
    await tx.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
         collection text NOT NULL,
         face_id text NOT NULL,
         external_id text NOT NULL,
         model text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (collection, face_id)
       )`,
    );
    // DDL only for what is missing: an ALTER TABLE locks the gallery even when it changes nothing.
    const columns = new Set(
      (
        await tx.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1`,
          [table],
        )
      ).map((c) => c.name),
    );
    const [relation] = await tx.query<{ o: string[] | null }>(
      'SELECT reloptions AS o FROM pg_class WHERE oid = $1::regclass',
      [table],
    );
    // Rows of 2–5 kB stay in the table page instead of TOAST: a scan reads one page per row, not an index lookup more.
    if (!(relation?.o ?? []).includes('toast_tuple_target=8160'))
      await tx.query(`ALTER TABLE ${table} SET (toast_tuple_target = 8160)`);
    await tx.query(`CREATE INDEX IF NOT EXISTS ${table}_external ON ${table} (collection, external_id)`);
    await tx.query(`CREATE INDEX IF NOT EXISTS ${table}_model ON ${table} (collection, model)`);
    if (method === 'hnsw') {
      if (!columns.has('embedding')) await tx.query(`ALTER TABLE ${table} ADD COLUMN embedding vector`);
      if (columns.has('c1')) await moveCubeRows(tx, table);
      await createNearestFunction(tx, table);
    } else {
      if (!columns.has('dimensions')) await tx.query(`ALTER TABLE ${table} ADD COLUMN dimensions integer`);
      for (let b = 1; b <= CUBE_BLOCKS; b++)
        if (!columns.has(`c${b}`)) await tx.query(`ALTER TABLE ${table} ADD COLUMN c${b} cube`);
      if (!columns.has('sig')) await tx.query(`ALTER TABLE ${table} ADD COLUMN sig bit varying`);
      await keepSignatureTable(tx, table);
      await signCubeRows(tx, table);
    }
    const [version] = await tx.query<{ v: string }>('SELECT extversion AS v FROM pg_extension WHERE extname = $1', [
      extension,
    ]);
    return {
      method,
      extension: `${extension} ${version?.v ?? '?'}`,
      ...(method === 'hnsw' ? { hnsw } : { exactShortlist: shortlist }),
    } satisfies SqlTemplateStoreInfo;
  });

  // Probes and templates in pgvector's binary form when the client sends a Uint8Array as such (no text parse).
  const binary = info.method === 'hnsw' && (await client.transaction(sendsBinary));
  const vectorParam = (e: Float32Array) => (binary ? vectorBinary(e) : vectorLiteral(e));

  const indexName = (model: string, dimensions: number) =>
    `${table}_hnsw_${createHash('sha256').update(`${model}\n${dimensions}`).digest('hex').slice(0, 16)}`;

  async function indexModel(model: string, dimensions: number): Promise<void> {
    if (info.method !== 'hnsw') return;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000)
      throw new TemplateStoreError('dimensions must be an integer 1..16000');
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${indexName(model, dimensions)} ON ${table}
       USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops)
       WITH (m = ${hnsw.m}, ef_construction = ${hnsw.efConstruction})
       WHERE model = ${literal(model)}`,
    );
  }

  for (const m of options.models ?? []) await indexModel(m.model, m.dimensions);

  /** The distinct models of a collection other than `$2` (a skip scan over the (collection, model) index). */
  const otherModelNames = `(SELECT coalesce(array_agg(model ORDER BY model), '{}') FROM (
       WITH RECURSIVE m(model) AS (
         SELECT min(model) FROM ${table} WHERE collection = $1
         UNION ALL
         SELECT (SELECT min(model) FROM ${table} WHERE collection = $1 AND model > m.model) FROM m WHERE m.model IS NOT NULL
       ) SELECT model FROM m WHERE model IS NOT NULL AND model <> $2) other)`;

  /** Counts per other model (only when there are any: the rare, failing path). */
  async function countModels(q: SqlQuery, collection: string, models: string[]) {
    const out: { model: string; templates: number }[] = [];
    for (const model of models) {
      const [c] = await q.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM ${table} WHERE collection = $1 AND model = $2`,
        [collection, model],
      );
      out.push({ model, templates: Number(c?.n ?? 0) });
    }
    return out;
  }

  async function otherModels(q: SqlQuery, collection: string, model: string) {
    const [row] = await q.query<{ models: string[] }>(`SELECT ${otherModelNames} AS models`, [collection, model]);
    return countModels(q, collection, row?.models ?? []);
  }

  /**
   * One statement: the other-models check and the index scan (the nearest
   * function, see {@link createNearestFunction}), so a search is one round
   * trip and needs no transaction of its own.
   */
  async function searchHnsw(q: SqlQuery, collection: string, probe: TemplateProbe, k: number, maxDistance: number) {
    const found = await q.query<{ models: string[]; face_id: string | null; external_id: string; distance: number }>(
      `SELECT o.models, n.face_id, n.external_id, n.distance
       FROM (SELECT ${otherModelNames} AS models) o
       LEFT JOIN LATERAL ${table}_nearest($1, $2, $3, $4, $5, $6) n ON true`,
      [collection, probe.model, vectorParam(probe.embedding), k, maxDistance, Math.max(hnsw.efSearch, k)],
    );
    const rows = found.flatMap((r) => (r.face_id === null ? [] : [{ ...r, face_id: r.face_id }]));
    return { rows, otherModels: await countModels(q, collection, found[0]?.models ?? []) };
  }

  async function searchExact(q: SqlQuery, collection: string, probe: TemplateProbe, k: number, maxDistance: number) {
    // Unit vectors: cosine distance = squared Euclidean distance / 2, summed over the cube blocks.
    const cubes = cubeLiterals(probe.embedding).filter((c) => c !== null);
    const squared = cubes.map((_, i) => `power(cube_distance(c${i + 1}, $${i + 7}::cube), 2)`).join(' + ');
    // The shortlist comes from the narrow signature table (~100 bytes a template, not the 5 kB rows); only its rows
    // are read for the cubes, by primary key. A row without a signature sorts first: it is always compared.
    return q.query<{ face_id: string; external_id: string; distance: number }>(
      `SELECT face_id, external_id, distance FROM (
           SELECT face_id, external_id, (${squared}) / 2 AS distance
           FROM ${table}
           WHERE face_id = ANY (ARRAY(
               SELECT face_id FROM ${table}_signatures
               WHERE collection = $1 AND model = $2 AND dimensions = $3
               ORDER BY coalesce(bit_count(sig # $5::varbit), -1) LIMIT $6))
             AND collection = $1 AND model = $2
         ) scored WHERE distance <= $4
         ORDER BY distance LIMIT ${Math.floor(k)}`,
      [
        collection,
        probe.model,
        probe.embedding.length,
        maxDistance,
        signature(probe.embedding),
        Math.max(shortlist, k),
        ...cubes,
      ],
    );
  }

  const match = (r: { face_id: string; external_id: string; distance: number }) => ({
    faceId: r.face_id,
    externalId: r.external_id,
    distance: Number(r.distance),
  });

  return {
    info,
    indexModel,
    async search(collection, probe, k, maxDistance): Promise<TemplateSearchResult> {
      checkEmbedding(probe.embedding, info.method);
      if (!Number.isInteger(k) || k < 0) throw new TemplateStoreError('k must be a whole number');
      if (k > 0 && info.method === 'hnsw') {
        const found = await searchHnsw(client, collection, probe, k, maxDistance);
        return { matches: found.rows.map(match), otherModels: found.otherModels, method: info.method };
      }
      return client.transaction(async (q) => {
        const rows = k > 0 ? await searchExact(q, collection, probe, k, maxDistance) : [];
        return {
          matches: rows.map(match),
          otherModels: await otherModels(q, collection, probe.model),
          method: info.method,
        };
      });
    },
    async save(t: FaceTemplate) {
      checkEmbedding(t.embedding, info.method);
      const ids = [t.collection, t.faceId, t.externalId, t.model];
      if (info.method === 'hnsw')
        await client.query(
          `INSERT INTO ${table} (collection, face_id, external_id, model, created_at, embedding)
           VALUES ($1, $2, $3, $4, now(), $5::vector)
           ON CONFLICT (collection, face_id) DO UPDATE SET external_id = EXCLUDED.external_id,
             model = EXCLUDED.model, created_at = EXCLUDED.created_at, embedding = EXCLUDED.embedding`,
          [...ids, vectorParam(t.embedding)],
        );
      else {
        const cols = Array.from({ length: CUBE_BLOCKS }, (_, b) => `c${b + 1}`);
        await client.query(
          `INSERT INTO ${table} (collection, face_id, external_id, model, created_at, dimensions, sig, ${cols.join(', ')})
           VALUES ($1, $2, $3, $4, now(), $5, $6::varbit, ${cols.map((_, b) => `$${b + 7}::cube`).join(', ')})
           ON CONFLICT (collection, face_id) DO UPDATE SET external_id = EXCLUDED.external_id,
             model = EXCLUDED.model, created_at = EXCLUDED.created_at, dimensions = EXCLUDED.dimensions,
             sig = EXCLUDED.sig, ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
          [...ids, t.embedding.length, signature(t.embedding), ...cubeLiterals(t.embedding)],
        );
      }
    },
    async remove(collection: string, selector: TemplateSelector) {
      const rows = await client.query<{ face_id: string }>(
        `DELETE FROM ${table} WHERE collection = $1 AND (external_id = ANY($2) OR face_id = ANY($3)) RETURNING face_id`,
        [collection, [...(selector.externalIds ?? [])], [...(selector.faceIds ?? [])]],
      );
      return rows.map((r) => r.face_id);
    },
  };
}

/**
 * `<table>_nearest(collection, model, probe, k, max_distance, ef_search)`:
 * the k templates of one model nearest to the probe, within the distance, by
 * the model's HNSW index. A function so that one statement can carry the
 * planner and index settings a search needs — its SET clauses apply while it
 * runs and are undone when it returns, also inside a caller's transaction:
 * `enable_sort` off (without fresh statistics — PGlite runs no autovacuum —
 * the planner may prefer a btree on `collection` and sort the whole
 * collection; with sorting off the HNSW index is the only ordered path),
 * `hnsw.iterative_scan` (a collection filter on a shared index still yields k
 * rows) and `hnsw.ef_search` (the beam, per call). The model goes into the
 * query as a literal (`format %L`): the planner must see it to pick the
 * model's partial index.
 */
async function createNearestFunction(q: SqlQuery, table: string): Promise<void> {
  await q.query(
    `CREATE OR REPLACE FUNCTION ${table}_nearest(
       p_collection text, p_model text, p_probe vector, p_k integer, p_max_distance double precision, p_ef integer)
     RETURNS TABLE (face_id text, external_id text, distance double precision)
     LANGUAGE plpgsql
     SET enable_sort = off SET hnsw.iterative_scan = strict_order SET hnsw.ef_search = 40
     AS $fn$
     BEGIN
       PERFORM set_config('hnsw.ef_search', p_ef::text, true);
       RETURN QUERY EXECUTE format(
         'SELECT face_id, external_id, distance FROM (
            SELECT face_id, external_id, embedding::vector(%1$s) <=> $2 AS distance
            FROM ${table} WHERE model = %2$L AND collection = $1
            ORDER BY embedding::vector(%1$s) <=> $2 LIMIT $3) nearest
          WHERE distance <= $4',
         vector_dims(p_probe), p_model)
       USING p_collection, p_probe, p_k, p_max_distance;
     END $fn$`,
  );
}

/**
 * The client sends a `Uint8Array` parameter in binary form (as text it fails
 * to parse as a vector). Under a savepoint: the failure must not end the
 * transaction it runs in.
 */
async function sendsBinary(q: SqlQuery): Promise<boolean> {
  await q.query('SAVEPOINT facegate_binary_check');
  try {
    const [row] = await q.query<{ n: number }>('SELECT vector_dims($1::vector) AS n', [
      vectorBinary(Float32Array.of(1, 0, 0)),
    ]);
    await q.query('RELEASE SAVEPOINT facegate_binary_check');
    return Number(row?.n) === 3;
  } catch {
    await q.query('ROLLBACK TO SAVEPOINT facegate_binary_check');
    return false;
  }
}

/**
 * Rows saved by the exact method (pgvector installed since): copy their cube
 * columns into `embedding`, or an HNSW search would not see them and a
 * duplicate could pass.
 */
async function moveCubeRows(q: SqlQuery, table: string): Promise<void> {
  const blocks = Array.from({ length: CUBE_BLOCKS }, (_, b) => `(${b + 1}, c${b + 1})`).join(', ');
  await q.query(
    `UPDATE ${table} SET embedding = (
       SELECT array_agg(cube_ll_coord(b.c, i) ORDER BY b.n, i)::real[]::vector
       FROM (VALUES ${blocks}) AS b(n, c), generate_series(1, cube_dim(b.c)) AS i
       WHERE b.c IS NOT NULL)
     WHERE embedding IS NULL AND c1 IS NOT NULL`,
  );
}

/**
 * The exact method's shortlist table: (collection, face_id, model,
 * dimensions, sig) of every template, kept by a trigger on the template table,
 * so every write path (the store, a user's deletion, a cascade) stays in step
 * inside its own transaction. A scan of it reads ~100 bytes a template; the
 * template rows hold 5 kB of cubes each.
 */
async function keepSignatureTable(q: SqlQuery, table: string): Promise<void> {
  const narrow = `${table}_signatures`;
  await q.query(
    `CREATE TABLE IF NOT EXISTS ${narrow} (
       collection text NOT NULL, face_id text NOT NULL, model text NOT NULL, dimensions integer, sig bit varying,
       PRIMARY KEY (collection, face_id))`,
  );
  await q.query(
    `CREATE OR REPLACE FUNCTION ${narrow}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN
         DELETE FROM ${narrow} WHERE collection = OLD.collection AND face_id = OLD.face_id;
       END IF;
       IF TG_OP <> 'DELETE' THEN
         INSERT INTO ${narrow} VALUES (NEW.collection, NEW.face_id, NEW.model, NEW.dimensions, NEW.sig);
       END IF;
       RETURN NULL;
     END $$`,
  );
  const [trigger] = await q.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2',
    [table, `${narrow}_sync`],
  );
  if (Number(trigger?.n ?? 0) === 0) {
    await q.query(
      `CREATE TRIGGER ${narrow}_sync AFTER INSERT OR UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION ${narrow}_sync()`,
    );
    // Rows written before the trigger existed.
    await q.query(
      `INSERT INTO ${narrow} SELECT collection, face_id, model, dimensions, sig FROM ${table}
       ON CONFLICT (collection, face_id) DO NOTHING`,
    );
  }
}

/** Rows saved before signatures existed: sign them from their cubes (the same sign rule as {@link signature}). */
async function signCubeRows(q: SqlQuery, table: string): Promise<void> {
  const blocks = Array.from({ length: CUBE_BLOCKS }, (_, b) => `(${b + 1}, c${b + 1})`).join(', ');
  await q.query(
    `UPDATE ${table} SET sig = (
       SELECT string_agg(CASE WHEN cube_ll_coord(b.c, i) >= 0 THEN '1' ELSE '0' END, '' ORDER BY b.n, i)::varbit
       FROM (VALUES ${blocks}) AS b(n, c), generate_series(1, cube_dim(b.c)) AS i
       WHERE b.c IS NOT NULL)
     WHERE sig IS NULL AND c1 IS NOT NULL`,
  );
}

/** The extension is installed, or available to install. */
async function canUse(q: SqlQuery, name: string): Promise<boolean> {
  const rows = await q.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = $1)
         OR EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = $1) AS ok`,
    [name],
  );
  return rows[0]?.ok === true;
}
