// The search section of `pnpm bench`: a synthetic gallery in a file-backed
// PGlite (the server's embedded database) searched through the server's own
// template store, and the exact fallback on a PostgreSQL server without
// pgvector. Builds the gallery with bulk inserts, times the index build, then
// measures searches in fresh processes (one over an empty gallery, one over
// the full one) so RSS growth is the gallery's alone.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HnswParameters, openSqlTemplateStore } from '@facegate/adapter-local';
import { type Database, openDatabase } from '../../../../examples/signup-server/src/db/database';
import { migrate } from '../../../../examples/signup-server/src/db/migrations';
import { startTempPostgres } from '../../../../examples/signup-server/src/db/temp-postgres';
import { TemplateRepository } from '../../../../examples/signup-server/src/db/template-repository';
import { resultsDir } from '../report/results-dir';
import { type Summary, summarize } from '../stats/summary';
import type { ProbeJob, ProbeResult } from './search-probe-process';
import { type BenchProbe, generateGallery } from './synthetic-gallery';

const here = dirname(fileURLToPath(import.meta.url));
const DIMS = 512;
const MODEL = 'bench-synthetic-512';
const COLLECTION = 'bench';
/** The provider's search distance at the default review similarity 0.4 (d0 0.6, k 12): 0.6 + ln(1.5)/12. */
const MAX_DISTANCE = 0.6 + Math.log(1.5) / 12;

/** Options of {@link runSearchBench}. */
export interface SearchBenchOptions {
  size: number;
  planted: number;
  fresh: number;
  k: number;
  hnsw: HnswParameters;
  /** Reuse a gallery built by an earlier run with the same size and parameters. */
  reuse: boolean;
  /** Gallery size for the exact fallback on PostgreSQL (0: skip). */
  exactSize: number;
  /** Probes timed on the exact fallback (each is a full scan). */
  exactProbes: number;
  exactChecks: number;
  log: (line: string) => void;
}

/** What the section prints. */
export interface SearchBenchResult {
  size: number;
  hnsw: HnswParameters;
  loadSeconds: number;
  indexSeconds: number;
  dbMb: number;
  tableMb: number;
  indexMb: number;
  latency: Summary;
  recallAt1: number;
  plantedProbes: number;
  exactAgrees: string;
  rssEmptyMb: number;
  rssFullMb: number;
  rssGrowthMb: number;
  reused: boolean;
  exactFallback?: { size: number; loadSeconds: number; latency: Summary; recallAt1: number; tableMb: number };
}

function sqlClient(db: Database) {
  return { query: db.query, transaction: db.transaction };
}

const vectorText = (e: Float32Array) => `[${Array.from(e, String).join(',')}]`;

/** Bulk-load the gallery into the store's table (hnsw: `embedding`; exact: six cube columns). */
async function load(db: Database, method: 'hnsw' | 'exact', size: number, opts: SearchBenchOptions) {
  return generateGallery(
    { size, dims: DIMS, planted: opts.planted, fresh: opts.fresh, seed: 21, batch: 500 },
    async (ids, embeddings) => {
      if (method === 'hnsw')
        await db.query(
          `INSERT INTO face_templates (collection, face_id, external_id, model, created_at, embedding)
           SELECT $1, id, id, $2, now(), e::vector FROM unnest($3::text[], $4::text[]) AS u(id, e)`,
          [COLLECTION, MODEL, ids, embeddings.map(vectorText)],
        );
      else {
        const blocks = Array.from({ length: 6 }, (_, b) =>
          embeddings.map((e) => {
            const part = e.subarray(b * 100, (b + 1) * 100);
            return part.length ? `(${Array.from(part, String).join(',')})` : null;
          }),
        );
        // The signature as the store writes it: one sign bit per number (its trigger copies it to the shortlist table).
        const signs = embeddings.map((e) => Array.from(e, (x) => (x >= 0 ? '1' : '0')).join(''));
        await db.query(
          `INSERT INTO face_templates (collection, face_id, external_id, model, created_at, dimensions, sig, c1, c2, c3, c4, c5, c6)
           SELECT $1, id, id, $2, now(), ${DIMS}, sig::varbit, c1::cube, c2::cube, c3::cube, c4::cube, c5::cube, c6::cube
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             AS u(id, sig, c1, c2, c3, c4, c5, c6)`,
          [COLLECTION, MODEL, ids, signs, ...blocks],
        );
      }
      const done = Number(ids[ids.length - 1]?.slice(1)) + 1;
      if (done % Math.max(500, Math.floor(size / 10)) < 500) opts.log(`  loaded ${done}/${size}`);
    },
  );
}

function runProbeProcess(job: ProbeJob, jobFile: string): Promise<ProbeResult> {
  writeFileSync(jobFile, JSON.stringify(job));
  const require = createRequire(import.meta.url);
  const viteNode = join(dirname(require.resolve('vite-node/package.json')), 'vite-node.mjs');
  const config = join(here, '../../vite-node.config.ts');
  const child = spawn(
    process.execPath,
    [viteNode, '--config', config, join(here, 'search-probe-process.ts'), jobFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as ProbeResult);
      else reject(new Error(`search probe process exited with ${code}`));
    });
  });
}

const sizeMb = async (db: Database, sql: string) => Number((await db.query<{ b: string }>(sql))[0]?.b ?? 0) / 2 ** 20;

function recall(probes: BenchProbe[], top: (string | null)[]) {
  const planted = probes.flatMap((p, i) => (p.planted ? [{ want: p.planted, got: top[i] }] : []));
  return { n: planted.length, recall: planted.filter((p) => p.want === p.got).length / Math.max(1, planted.length) };
}

/** Build (or reuse) the gallery, measure, and the exact fallback on PostgreSQL. */
export async function runSearchBench(opts: SearchBenchOptions): Promise<SearchBenchResult> {
  const base = join(resultsDir(), 'search-db');
  const name = `pglite-${opts.size}-m${opts.hnsw.m}-efc${opts.hnsw.efConstruction}-p${opts.planted}-f${opts.fresh}`;
  const dir = join(base, name);
  const metaFile = join(base, `${name}.json`);
  const probesFile = join(base, `${name}.probes.json`);
  let meta: { loadSeconds: number; indexSeconds: number; dbMb: number; tableMb: number; indexMb: number };
  const reused = opts.reuse && existsSync(metaFile) && existsSync(probesFile) && existsSync(dir);
  if (reused) {
    opts.log(`search: reusing the ${opts.size}-template gallery in ${dir}`);
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    opts.log(`search: building a ${opts.size}-template gallery (PGlite, ${dir})…`);
    const db = await openDatabase({ pgliteDataDir: dir });
    await migrate(db);
    const store = await openSqlTemplateStore(sqlClient(db), { hnsw: opts.hnsw });
    let t = performance.now();
    const probes = await load(db, 'hnsw', opts.size, opts);
    const loadSeconds = (performance.now() - t) / 1000;
    writeFileSync(probesFile, JSON.stringify(probes));
    opts.log(`search: building the HNSW index (m ${opts.hnsw.m}, ef_construction ${opts.hnsw.efConstruction})…`);
    // The graph fits in memory while it is built (pgvector writes it out at the end): much faster than on-page inserts.
    await db.query(`SET maintenance_work_mem = '${opts.size > 200_000 ? 1536 : 512}MB'`);
    t = performance.now();
    await store.indexModel(MODEL, DIMS);
    const indexSeconds = (performance.now() - t) / 1000;
    await db.query('RESET maintenance_work_mem');
    await db.query('ANALYZE face_templates');
    meta = {
      loadSeconds,
      indexSeconds,
      dbMb: await sizeMb(db, 'SELECT pg_database_size(current_database()) AS b'),
      tableMb: await sizeMb(db, "SELECT pg_table_size('face_templates') AS b"),
      indexMb: await sizeMb(
        db,
        `SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) AS b FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE i.indrelid = 'face_templates'::regclass AND c.relname LIKE 'face_templates_hnsw_%'`,
      ),
    };
    await db.close();
    writeFileSync(metaFile, JSON.stringify(meta));
  }
  const probes = JSON.parse(readFileSync(probesFile, 'utf8')) as BenchProbe[];

  // The same store over an empty gallery: the RSS baseline.
  const emptyDir = join(base, 'pglite-empty');
  rmSync(emptyDir, { recursive: true, force: true });
  const job = (pgliteDir: string, exactChecks: number): ProbeJob => ({
    pgliteDir,
    probesFile,
    collection: COLLECTION,
    model: MODEL,
    k: opts.k,
    maxDistance: MAX_DISTANCE,
    efSearch: opts.hnsw.efSearch,
    warmup: 20,
    exactChecks,
  });
  opts.log('search: probes over an empty gallery (RSS baseline)…');
  const empty = await runProbeProcess(job(emptyDir, 0), join(base, 'job-empty.json'));
  opts.log(`search: ${probes.length} probes over ${opts.size} templates, ${opts.exactChecks} checked exactly…`);
  const full = await runProbeProcess(job(dir, opts.exactChecks), join(base, 'job-full.json'));
  const r = recall(probes, full.top);
  const agree = full.exact.filter((e) => e.top === probes[e.probe]?.planted).length;

  const result: SearchBenchResult = {
    size: opts.size,
    hnsw: opts.hnsw,
    ...meta,
    latency: summarize(full.latencies),
    recallAt1: r.recall,
    plantedProbes: r.n,
    exactAgrees: `${agree}/${full.exact.length}`,
    rssEmptyMb: empty.rssMb,
    rssFullMb: full.rssMb,
    rssGrowthMb: full.rssMb - empty.rssMb,
    reused,
  };

  if (opts.exactSize > 0) {
    opts.log(`search: exact fallback, ${opts.exactSize} templates on PostgreSQL without pgvector…`);
    const pg = await startTempPostgres();
    try {
      const db = await openDatabase({ databaseUrl: pg.url });
      const repo = await TemplateRepository.open(db);
      const health = repo.health();
      if (health.status !== 'ready' || health.method !== 'exact')
        throw new Error(`expected the exact method, got ${JSON.stringify(health)}`);
      const t = performance.now();
      const exactProbes = await load(db, 'exact', opts.exactSize, opts);
      const loadSeconds = (performance.now() - t) / 1000;
      await db.query('VACUUM ANALYZE face_templates');
      await db.query('VACUUM ANALYZE face_templates_signatures');
      const tableMb = await sizeMb(db, "SELECT pg_table_size('face_templates') AS b");
      const timed = exactProbes.slice(0, opts.exactProbes);
      for (const p of timed.slice(0, 3))
        await repo.search(
          COLLECTION,
          { model: MODEL, embedding: Float32Array.from(p.embedding) },
          opts.k,
          MAX_DISTANCE,
        );
      const latencies: number[] = [];
      const top: (string | null)[] = [];
      for (const p of timed) {
        const start = performance.now();
        const found = await repo.search(
          COLLECTION,
          { model: MODEL, embedding: Float32Array.from(p.embedding) },
          opts.k,
          MAX_DISTANCE,
        );
        latencies.push(performance.now() - start);
        top.push(found.matches[0]?.faceId ?? null);
      }
      await db.close();
      result.exactFallback = {
        size: opts.exactSize,
        loadSeconds,
        latency: summarize(latencies),
        recallAt1: recall(timed, top).recall,
        tableMb,
      };
    } finally {
      await pg.stop();
    }
  }
  return result;
}
