import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { vector } from '@electric-sql/pglite/vector';
import { afterAll, describe, expect, it } from 'vitest';
import {
  binaryParameterSerializers,
  openSqlTemplateStore,
  type SqlClient,
  type SqlQuery,
  type SqlSearchMethod,
} from './sql-template-store';
import { createMemoryTemplateStore, type FaceTemplate, type FaceTemplateStore } from './template-store';

const DIMS = 512;
/** Deterministic unit vectors (mulberry32 + Box–Muller). */
function randomUnit(seed: number): Float32Array {
  let s = seed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const v = Float32Array.from({ length: DIMS }, () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd()));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
/** `base` turned by an angle whose cosine is `cos`, towards `noise`. */
function near(base: Float32Array, noise: Float32Array, cos: number): Float32Array {
  const dot = base.reduce((a, x, i) => a + x * (noise[i] as number), 0);
  const ortho = noise.map((x, i) => x - dot * (base[i] as number));
  const n = Math.hypot(...ortho);
  const sin = Math.sqrt(1 - cos * cos);
  return base.map((x, i) => cos * x + (sin * (ortho[i] as number)) / n);
}
const template = (faceId: string, embedding: Float32Array, extra: Partial<FaceTemplate> = {}): FaceTemplate => ({
  collection: 'people',
  faceId,
  externalId: `person-${faceId}`,
  embedding,
  model: 'model-a',
  ...extra,
});

/** A client over PGlite; `binary`: Uint8Array parameters in binary form (as the server's and the CLI's shims). */
function pgliteClient(pg: PGlite, { binary = true } = {}): SqlClient {
  const options = binary ? { serializers: binaryParameterSerializers(pg.serializers) } : {};
  return {
    query: async (sql, params) => (await pg.query(sql, params, options)).rows as never[],
    transaction: (work) =>
      pg.transaction((tx) => work({ query: async (s, p) => (await tx.query(s, p, options)).rows as never[] })),
  };
}

/** Records the parameters of every statement that goes through `client`. */
function recording(client: SqlClient) {
  const params: unknown[][] = [];
  const wrap = (q: SqlQuery): SqlQuery => ({
    query: (sql, p) => {
      params.push(p ?? []);
      return q.query(sql, p);
    },
  });
  return {
    params,
    client: { ...wrap(client), transaction: (work) => client.transaction((tx) => work(wrap(tx))) } as SqlClient,
  };
}

const databases: PGlite[] = [];
afterAll(async () => {
  for (const pg of databases) await pg.close();
});

async function pgliteStore(method: SqlSearchMethod) {
  const pg = new PGlite({ extensions: method === 'hnsw' ? { vector } : { cube } });
  databases.push(pg);
  const store = await openSqlTemplateStore(pgliteClient(pg), { models: [{ model: 'model-a', dimensions: DIMS }] });
  return { store, pg };
}

const stores: [string, () => Promise<FaceTemplateStore>][] = [
  ['memory', async () => createMemoryTemplateStore()],
  ['PGlite + pgvector HNSW', async () => (await pgliteStore('hnsw')).store],
  ['PGlite + cube, exact', async () => (await pgliteStore('exact')).store],
];

// PGlite inserts into an HNSW graph in WebAssembly: slow on a loaded machine, hence the long timeouts.
describe.each(stores)('template store contract: %s', { timeout: 120_000 }, (_name, open) => {
  it('finds a planted near-duplicate among random faces, within the distance, nearest first', async () => {
    const store = await open();
    const gallery = Array.from({ length: 120 }, (_, i) => randomUnit(i + 1));
    for (const [i, e] of gallery.entries()) await store.save(template(`f${i}`, e));
    const probe = near(gallery[42] as Float32Array, randomUnit(9999), 0.7);
    const found = await store.search('people', { model: 'model-a', embedding: probe }, 3, 0.6);
    expect(found.matches.map((m) => m.faceId)).toEqual(['f42']);
    expect(found.matches[0]?.distance).toBeCloseTo(0.3, 4);
    expect(found.otherModels).toEqual([]);
    // A wider threshold returns k results, nearest first; a tighter one none.
    const wide = await store.search('people', { model: 'model-a', embedding: probe }, 3, 2);
    expect(wide.matches).toHaveLength(3);
    expect(wide.matches[0]?.faceId).toBe('f42');
    expect(wide.matches.map((m) => m.distance)).toEqual([...wide.matches.map((m) => m.distance)].sort((a, b) => a - b));
    expect((await store.search('people', { model: 'model-a', embedding: probe }, 3, 0.2)).matches).toEqual([]);
    expect((await store.search('nobody', { model: 'model-a', embedding: probe }, 3, 2)).matches).toEqual([]);
  });

  it('never compares across models: another model’s identical template is counted, not matched', async () => {
    const store = await open();
    const e = randomUnit(7);
    await store.save(template('mine', e));
    await store.save(template('old', e, { model: 'model-b' }));
    await store.save(template('older', e, { model: 'model-0' }));
    await store.save(template('elsewhere', e, { collection: 'other', model: 'model-c' }));
    const found = await store.search('people', { model: 'model-a', embedding: e }, 5, 0.5);
    expect(found.matches.map((m) => m.faceId)).toEqual(['mine']);
    expect(found.otherModels).toEqual([
      { model: 'model-0', templates: 1 },
      { model: 'model-b', templates: 1 },
    ]);
  });

  it('replaces a face id on save and removes by external id or face id', async () => {
    const store = await open();
    const a = randomUnit(1);
    const b = randomUnit(2);
    await store.save(template('f1', a));
    await store.save(template('f1', b));
    const probe = { model: 'model-a', embedding: a };
    expect((await store.search('people', probe, 5, 0.5)).matches).toEqual([]);
    await store.save(template('f2', a, { externalId: 'p' }));
    await store.save(template('f3', a, { externalId: 'p' }));
    expect((await store.remove('people', { externalIds: ['p'] })).sort()).toEqual(['f2', 'f3']);
    expect(await store.remove('people', { faceIds: ['f1', 'nope'] })).toEqual(['f1']);
    expect(await store.remove('people', { faceIds: ['f1'] })).toEqual([]);
    expect((await store.search('people', probe, 5, 2)).matches).toEqual([]);
  });
});

describe('SQL template store', { timeout: 120_000 }, () => {
  it('answers from the HNSW index in one statement and reports what it runs on', async () => {
    const { store, pg } = await pgliteStore('hnsw');
    expect(store.info).toMatchObject({ method: 'hnsw', extension: expect.stringMatching(/^vector \d/) });
    for (let i = 0; i < 50; i++) await store.save(template(`f${i}`, randomUnit(i + 1)));
    // Index scans of the model's HNSW index so far (pending and flushed: PGlite may never flush its statistics).
    const scans = async () =>
      Number(
        (
          await pg.query<{ n: number }>(
            `SELECT sum(pg_stat_get_xact_numscans(indexrelid) + pg_stat_get_numscans(indexrelid))::int AS n
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = 'face_templates'::regclass AND c.relname LIKE 'face_templates_hnsw_%'`,
          )
        ).rows[0]?.n,
      );
    const before = await scans();
    const found = await store.search('people', { model: 'model-a', embedding: randomUnit(2) }, 1, 0.01);
    expect(found).toMatchObject({ method: 'hnsw', matches: [{ faceId: 'f1' }] });
    expect(await scans()).toBe(before + 1);
    // The search's planner and index settings end with it.
    const settings = await pg.query<{ sort: string; iterative: string }>(
      "SELECT current_setting('enable_sort') AS sort, current_setting('hnsw.iterative_scan') AS iterative",
    );
    expect(settings.rows).toEqual([{ sort: 'on', iterative: 'off' }]);
  });

  it('sends embeddings in binary form when the client can, as text when it cannot; same answers', async () => {
    const probe = randomUnit(11);
    const results = [];
    for (const binary of [true, false]) {
      const pg = new PGlite({ extensions: { vector } });
      databases.push(pg);
      const { client, params } = recording(pgliteClient(pg, { binary }));
      const store = await openSqlTemplateStore(client, { models: [{ model: 'model-a', dimensions: DIMS }] });
      for (let i = 0; i < 20; i++) await store.save(template(`f${i}`, randomUnit(i + 1)));
      params.length = 0;
      const found = await store.search('people', { model: 'model-a', embedding: probe }, 3, 2);
      const sent = params.flat().find((p) => p instanceof Uint8Array || (typeof p === 'string' && p.startsWith('[')));
      expect(sent instanceof Uint8Array).toBe(binary);
      results.push(found);
    }
    expect(results[0]?.matches).toHaveLength(3);
    expect(results[1]?.matches.map((m) => m.faceId)).toEqual(results[0]?.matches.map((m) => m.faceId));
    for (const [i, m] of (results[0]?.matches ?? []).entries())
      expect(m.distance).toBeCloseTo(results[1]?.matches[i]?.distance ?? Number.NaN, 6);
  });

  it('a search inside a caller’s transaction leaves its settings as they were', async () => {
    const { store, pg } = await pgliteStore('hnsw');
    await store.save(template('f1', randomUnit(1)));
    const settings = await pg.transaction(async (tx) => {
      const inTx: SqlClient = {
        query: async (s, p) => (await tx.query(s, p)).rows as never[],
        transaction: (work) => work(inTx),
      };
      await tx.query("SET LOCAL hnsw.ef_search = '77'");
      const scoped = await openSqlTemplateStore(inTx);
      await scoped.search('people', { model: 'model-a', embedding: randomUnit(1) }, 1, 0.01);
      return (
        await tx.query<{ ef: string; sort: string }>(
          "SELECT current_setting('hnsw.ef_search') AS ef, current_setting('enable_sort') AS sort",
        )
      ).rows;
    });
    expect(settings).toEqual([{ ef: '77', sort: 'on' }]);
  });

  it('refuses a malformed embedding and a template of the wrong length for its model’s index', async () => {
    const { store } = await pgliteStore('hnsw');
    await expect(store.save(template('bad', new Float32Array([Number.NaN, 1])))).rejects.toThrow(/finite/);
    await expect(store.save(template('short', new Float32Array(8).fill(0.1)))).rejects.toThrow();
    expect((await store.search('people', { model: 'model-a', embedding: randomUnit(3) }, 5, 2)).matches).toEqual([]);
  });

  it('templates saved by exact search are searched by HNSW once pgvector arrives', async () => {
    const pg = new PGlite({ extensions: { vector, cube } });
    databases.push(pg);
    const exact = await openSqlTemplateStore(pgliteClient(pg), { method: 'exact' });
    const e = randomUnit(5);
    await exact.save(template('before', e));
    const hnsw = await openSqlTemplateStore(pgliteClient(pg), { models: [{ model: 'model-a', dimensions: DIMS }] });
    expect(hnsw.info.method).toBe('hnsw');
    const found = await hnsw.search('people', { model: 'model-a', embedding: e }, 3, 0.01);
    expect(found.matches.map((m) => m.faceId)).toEqual(['before']);
    expect(found.matches[0]?.distance).toBeCloseTo(0, 5);
  });

  it('falls back to exact search when pgvector is missing, and says so', async () => {
    const { store } = await pgliteStore('exact');
    expect(store.info).toEqual({ method: 'exact', extension: expect.stringMatching(/^cube \d/), exactShortlist: 500 });
  });

  it('exact: a short signature shortlist still finds the duplicate; the signature table follows writes', async () => {
    const pg = new PGlite({ extensions: { cube } });
    databases.push(pg);
    const store = await openSqlTemplateStore(pgliteClient(pg), { exactShortlist: 4 });
    const gallery = Array.from({ length: 200 }, (_, i) => randomUnit(i + 1));
    for (const [i, e] of gallery.entries()) await store.save(template(`f${i}`, e));
    for (const i of [3, 77, 150]) {
      const probe = near(gallery[i] as Float32Array, randomUnit(5000 + i), 0.6);
      const found = await store.search('people', { model: 'model-a', embedding: probe }, 3, 0.6);
      expect(found.matches.map((m) => m.faceId)).toEqual([`f${i}`]);
      expect(found.matches[0]?.distance).toBeCloseTo(0.4, 4);
    }
    // k beyond the shortlist: k rows, nearest first.
    const wide = await store.search('people', { model: 'model-a', embedding: randomUnit(1) }, 10, 2);
    expect(wide.matches).toHaveLength(10);
    expect(wide.matches[0]?.faceId).toBe('f0');
    // The shortlist table follows every write, inside the writer's transaction.
    const count = async () =>
      Number((await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM face_templates_signatures')).rows[0]?.n);
    expect(await count()).toBe(200);
    await store.remove('people', { faceIds: ['f1', 'f2'] });
    await pg.transaction(async (tx) => {
      await tx.query("DELETE FROM face_templates WHERE face_id = 'f3'");
      await tx.query('ROLLBACK');
    });
    expect(await count()).toBe(198);
  });

  it('exact: a template saved without a signature is always compared, and signed when the store opens', async () => {
    const pg = new PGlite({ extensions: { cube } });
    databases.push(pg);
    const store = await openSqlTemplateStore(pgliteClient(pg), { exactShortlist: 2 });
    const gallery = Array.from({ length: 30 }, (_, i) => randomUnit(i + 1));
    for (const [i, e] of gallery.entries()) await store.save(template(`f${i}`, e));
    // An older store wrote no signature: a wrong one must not hide the face either way.
    await pg.query("UPDATE face_templates SET sig = NULL WHERE face_id IN ('f9', 'f10')");
    const probe = { model: 'model-a', embedding: gallery[9] as Float32Array };
    expect((await store.search('people', probe, 1, 0.01)).matches.map((m) => m.faceId)).toEqual(['f9']);
    await openSqlTemplateStore(pgliteClient(pg));
    const signed = await pg.query<{ face_id: string; sig: string }>(
      "SELECT face_id, sig::text AS sig FROM face_templates WHERE face_id IN ('f9', 'f10') ORDER BY face_id",
    );
    const signs = (e: Float32Array) => Array.from(e, (x) => (x >= 0 ? '1' : '0')).join('');
    expect(signed.rows).toEqual([
      { face_id: 'f10', sig: signs(gallery[10] as Float32Array) },
      { face_id: 'f9', sig: signs(gallery[9] as Float32Array) },
    ]);
  });
});
