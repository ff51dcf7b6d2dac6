// One process opening a template database as the signup server does
// (openDatabase + TemplateRepository.open) and running the bench's probes
// through the store's search, so its RSS is what the gallery costs a server
// process. Reads its job from argv[2] (a JSON file), prints one JSON line.
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../../../examples/signup-server/src/db/database';
import { TemplateRepository } from '../../../../examples/signup-server/src/db/template-repository';
import type { BenchProbe } from './synthetic-gallery';

/** What the parent asks of this process. */
export interface ProbeJob {
  pgliteDir?: string;
  databaseUrl?: string;
  probesFile: string;
  collection: string;
  model: string;
  k: number;
  maxDistance: number;
  efSearch: number;
  /** Searches before timing starts (page cache, plan cache). */
  warmup: number;
  /** How many planted probes also get an exact (sequential) search, for recall against exact. */
  exactChecks: number;
}

/** What this process prints. */
export interface ProbeResult {
  method: string;
  openMs: number;
  latencies: number[];
  top: (string | null)[];
  exact: { probe: number; top: string | null }[];
  rssMb: number;
  peakMb: number;
}

const job = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as ProbeJob;
const probes = JSON.parse(readFileSync(job.probesFile, 'utf8')) as BenchProbe[];
const t0 = performance.now();
const db = await openDatabase(job.databaseUrl ? { databaseUrl: job.databaseUrl } : { pgliteDataDir: job.pgliteDir });
const store = await TemplateRepository.open(db, {
  hnsw: { efSearch: job.efSearch },
  models: [{ model: job.model, dimensions: probes[0]?.embedding.length ?? 512 }],
});
const health = store.health();
if (health.status !== 'ready') throw new Error(`template store unavailable: ${health.reason}`);
const openMs = performance.now() - t0;
const search = (p: BenchProbe) =>
  store.search(job.collection, { model: job.model, embedding: Float32Array.from(p.embedding) }, job.k, job.maxDistance);

for (let i = 0; i < job.warmup; i++) await search(probes[i % probes.length] as BenchProbe);
const latencies: number[] = [];
const top: (string | null)[] = [];
for (const p of probes) {
  const start = performance.now();
  const found = await search(p);
  latencies.push(performance.now() - start);
  top.push(found.matches[0]?.faceId ?? null);
}

// Exact answers for some planted probes: a sequential scan over the same rows (index scans off).
const exact: { probe: number; top: string | null }[] = [];
const planted = probes.flatMap((p, i) => (p.planted ? [i] : [])).slice(0, job.exactChecks);
if (health.method === 'hnsw')
  for (const i of planted) {
    const e = `[${(probes[i] as BenchProbe).embedding.join(',')}]`;
    const n = (probes[i] as BenchProbe).embedding.length;
    const rows = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_indexscan = off');
      return tx.query<{ face_id: string }>(
        `SELECT face_id FROM face_templates WHERE collection = $1 AND model = $2
         ORDER BY embedding::vector(${n}) <=> $3::vector(${n}) LIMIT 1`,
        [job.collection, job.model, e],
      );
    });
    exact.push({ probe: i, top: rows[0]?.face_id ?? null });
  }

const status = readFileSync('/proc/self/status', 'utf8');
const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
const result: ProbeResult = {
  method: health.method,
  openMs,
  latencies,
  top,
  exact,
  rssMb: kb('VmRSS') / 1024,
  peakMb: kb('VmHWM') / 1024,
};
await db.close();
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
