// `pnpm bench`: adapter overhead, core cost and the signup server under load,
// printed as one table (stdout) and saved under bench-results/. Figures only:
// nothing here passes or fails.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXACT_SHORTLIST, DEFAULT_HNSW } from '@facegate/adapter-local';
import { runAdapterOverhead } from '../overhead/adapter-overhead';
import { runCoreCost } from '../overhead/core-cost';
import { progressBar } from '../report/progress';
import { resultsDir, stamp } from '../report/results-dir';
import { textTable } from '../report/text-table';
import { runSearchBench } from '../search/search-bench';
import { summarizeProfile } from '../signup/cpu-profile';
import { runLivenessLoad } from '../signup/liveness-load';
import { runSignupLoad, runUploadMemory, SIGNUP_STEPS, startServerProcess } from '../signup/signup-load';
import type { Summary } from '../stats/summary';
import { readArgs } from './args';

const { values: args } = readArgs({
  sections: 'overhead,core,signup,liveness,search',
  latency: 20,
  'overhead-seconds': 6,
  'core-seconds': 1.5,
  users: 16,
  'load-seconds': 15,
  frames: 3,
  sessions: 100,
  'document-mb': 2,
  profile: false,
  'liveness-users': 6,
  'liveness-seconds': 15,
  'search-size': 100_000,
  'search-1m': false,
  'search-planted': 200,
  'search-fresh': 200,
  'search-k': 5,
  'search-m': DEFAULT_HNSW.m,
  'search-ef-construction': DEFAULT_HNSW.efConstruction,
  'search-ef-search': DEFAULT_HNSW.efSearch,
  'search-reuse': false,
  'search-exact-size': 100_000,
  'search-exact-probes': 400,
  'search-exact-checks': 50,
});
const sections = new Set(String(args.sections).split(','));
const log = (s: string) => process.stderr.write(`${s}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const spread = (s: Summary, d = 1) => `${f(s.min, d)} … ${f(s.max, d)}`;
const rows: string[][] = [];
const section = (title: string) => rows.push([`▸ ${title}`]);
const json: Record<string, unknown> = {};
const startedAt = new Date();
const loadAtStart = load();

if (sections.has('overhead')) {
  log(`adapter overhead: stub latency ${args.latency} ms, ≤ ${args['overhead-seconds']} s per vendor…`);
  const bar = progressBar('adapter overhead', 4);
  let done = 0;
  const overhead = await runAdapterOverhead(
    { latencyMs: args.latency, budgetMs: args['overhead-seconds'] * 1000, maxPairs: 400 },
    () => bar.tick(++done),
  );
  bar.done();
  json.overhead = overhead;
  section(
    `Adapter overhead — compare faces, facegate vs raw SDK/axios, same loopback stub (${args.latency} ms per HTTP answer); ms per operation`,
  );
  for (const r of overhead) {
    rows.push([
      `${r.vendor}: ${r.operation}`,
      `facegate ${f(r.facegate.median, 2)} / raw ${f(r.raw.median, 2)}`,
      `${spread(r.facegate, 1)} / ${spread(r.raw, 1)}`,
      `p90 ${f(r.facegate.p90)} / ${f(r.raw.p90)}`,
      `ratio ${f(r.ratio, 3)}; Δ median ${f(r.diff.median, 2)} ms; CPU ${f(r.cpuFacegate / 1000, 2)} vs ${f(r.cpuRaw / 1000, 2)} ms; n=${r.facegate.n}`,
    ]);
  }
}

if (sections.has('core')) {
  log('core cost…');
  const bar = progressBar('core cost', 5);
  let done = 0;
  const core = await runCoreCost({ budgetMs: args['core-seconds'] * 1000 }, () => bar.tick(++done));
  bar.done();
  json.core = core;
  section(
    'Core cost — client validation + resilience + schema + policy + composition, instant in-process provider; µs per call',
  );
  for (const r of core.rows) {
    rows.push([
      `${r.operation} — ${r.input}`,
      `canned ${f(r.core.median, 0)} / scenario ${f(r.scenario.median, 0)}`,
      `${spread(r.core, 0)} / ${spread(r.scenario, 0)}`,
      `p90 ${f(r.core.p90, 0)} / ${f(r.scenario.p90, 0)}`,
      `CPU ${f(r.cpuCore, 0)} / ${f(r.cpuScenario, 0)} µs; batches=${r.core.n}×50`,
    ]);
  }
  const b = core.breakdown;
  rows.push([
    'compareFaces taken apart (µs, medians)',
    `total ${f(b.total.median, 0)}`,
    `resilience ${f(b.resilienceWrapper.median, 1)}, 2 image checks ${f(b.validateTwoImages.median, 1)}`,
    `schema ${f(b.observationSchema.median, 1)}, request ${f(b.requestSchema.median, 1)}`,
    `policy ${f(b.policy.median, 2)}; rest (compose, promise hops) ${f(
      b.total.median -
        b.resilienceWrapper.median -
        b.validateTwoImages.median -
        b.observationSchema.median -
        b.requestSchema.median -
        b.policy.median,
      0,
    )}`,
  ]);
}

if (sections.has('local')) {
  // The offline engine's figures come from its own package's `bench` script (run by the root `pnpm bench`).
}

if (sections.has('signup')) {
  const profileDir = join(resultsDir(), `profile-${stamp(startedAt)}`);
  const baseline = await startServerProcess([], { BENCH_RUNNER_BASELINE: '1' });
  const runnerMb = baseline.memory().rssMb;
  await baseline.stop();
  log(`signup server: ${args.users} virtual users for ${args['load-seconds']} s…`);
  const server = await startServerProcess(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const bar = progressBar('signup load (s)', args['load-seconds']);
  const loadResult = await runSignupLoad(
    server,
    { users: args.users, durationS: args['load-seconds'], framesPerAttempt: args.frames },
    (done) => bar.tick(Math.floor(done)),
  );
  bar.done();
  log(`signup server: ${args.sessions} sessions uploading ~${args['document-mb']} MB documents at once…`);
  const memory = await runUploadMemory(server, {
    sessions: args.sessions,
    documentBytes: args['document-mb'] * 1_000_000,
  });
  await server.stop();
  json.signup = { load: loadResult, memory, runnerMb };
  section(
    `Signup server — scenario provider (latency 0), in-memory PGlite, own process on loopback; ${args.users} virtual users doing full signups for ${f(loadResult.durationS, 0)} s`,
  );
  rows.push([
    'flow steps per second (target ≥ 300)',
    `${f(loadResult.stepsPerSecond)} steps/s`,
    `${loadResult.signupsCompleted} signups (${f(loadResult.signupsPerSecond, 2)}/s)`,
    `server CPU ${f(loadResult.serverCpuPercent, 0)} % of one core`,
    `${loadResult.steps} steps; failures: ${JSON.stringify(loadResult.failures)}`,
  ]);
  rows.push([
    'step latency, all steps (ms)',
    `p50 ${f(loadResult.latency.median)}`,
    spread(loadResult.latency),
    `p90 ${f(loadResult.latency.p90)} p99 ${f(loadResult.latency.p99)}`,
    `frames ${args.frames}×${Math.round(loadResult.frameBytes / 1024)} KB, document ${Math.round(loadResult.documentBytes / 1024)} KB`,
  ]);
  for (const step of SIGNUP_STEPS) {
    const s = loadResult.perStep[step];
    rows.push([`  ${step}`, `p50 ${f(s.median)}`, spread(s), `p90 ${f(s.p90)} p99 ${f(s.p99)}`, `n=${s.n}`]);
  }
  rows.push([
    `RSS, ${memory.sessions} sessions uploading ${f(memory.documentBytes / 1e6, 1)} MB documents at once (target ≤ 400 MB)`,
    `peak ${f(memory.peakMb, 0)} MB`,
    `idle ${f(memory.idleMb, 0)}, before uploads ${f(memory.beforeUploadsMb, 0)}, after ${f(memory.afterMb, 0)} MB`,
    `runner alone ${f(runnerMb, 0)} MB`,
    `uploads took ${f(memory.uploadSeconds, 1)} s; answers ${JSON.stringify(memory.statuses)}`,
  ]);
  if (args.profile) {
    const p = summarizeProfile(profileDir, 8);
    json.profile = p;
    rows.push([
      'server CPU profile (main thread, self time)',
      p.byArea
        .slice(0, 4)
        .map((a) => `${a.area} ${f(a.share * 100, 0)} %`)
        .join(', '),
    ]);
    for (const fn of p.byFunction.slice(0, 5)) rows.push([`  ${f(fn.share * 100, 1)} % ${fn.name}`]);
  }
}

if (sections.has('liveness')) {
  const users = args['liveness-users'];
  log(
    `signup server on the offline engine: ${users} clients sending liveness checks for ${args['liveness-seconds']} s…`,
  );
  const server = await startServerProcess([], { BENCH_PROVIDER: 'local' });
  const bar = progressBar('liveness load (s)', args['liveness-seconds']);
  const r = await runLivenessLoad(
    server,
    { users, durationS: args['liveness-seconds'], framesPerCheck: args.frames },
    (done) => bar.tick(Math.floor(done)),
  );
  bar.done();
  const peak = server.memory().peakMb;
  await server.stop();
  json.liveness = { ...r, serverPeakMb: peak };
  section(
    `Signup server — offline engine (worker pool, one worker per core), in-memory PGlite; ${users} clients each doing start → challenge → ${r.framesPerCheck} frames (640×480) for ${f(r.durationS, 0)} s, /api/health polled every 50 ms in the same run`,
  );
  rows.push([
    'liveness checks per second (target ≥ 3/s on 2 cores)',
    `${f(r.checksPerSecond, 2)} checks/s`,
    `${r.checks} checks answered 200`,
    `check p50 ${f(r.checkLatency.median, 0)} ms, p90 ${f(r.checkLatency.p90, 0)} ms`,
    `answers ${JSON.stringify(r.answers)}; server peak RSS ${f(peak, 0)} MB`,
  ]);
  rows.push([
    '/api/health latency during the checks (target p99 ≤ 50 ms)',
    `p50 ${f(r.health.median)}`,
    spread(r.health),
    `p90 ${f(r.health.p90)} p99 ${f(r.health.p99)}`,
    `n=${r.health.n}; failures ${r.healthFailures}`,
  ]);
}

if (sections.has('search')) {
  const size = args['search-1m'] ? 1_000_000 : args['search-size'];
  const hnsw = {
    m: args['search-m'],
    efConstruction: args['search-ef-construction'],
    efSearch: args['search-ef-search'],
  };
  const r = await runSearchBench({
    size,
    planted: args['search-planted'],
    fresh: args['search-fresh'],
    k: args['search-k'],
    hnsw,
    reuse: args['search-reuse'],
    exactSize: args['search-exact-size'],
    exactProbes: args['search-exact-probes'],
    exactChecks: args['search-exact-checks'],
    log,
  });
  json.search = r;
  section(
    `1:N search in the database — ${size} synthetic unit templates (512-d, uniform: no clusters), file-backed PGlite + pgvector HNSW (m ${hnsw.m}, ef_construction ${hnsw.efConstruction}, ef_search ${hnsw.efSearch}), through the server's TemplateRepository; ${r.plantedProbes} probes planted at cosine distance 0.2–0.45 of a member + ${args['search-fresh']} new faces, k ${args['search-k']}`,
  );
  const target = size >= 1_000_000 ? 50 : 10;
  rows.push([
    `search latency (target p99 ≤ ${target} ms)`,
    `p50 ${f(r.latency.median, 2)} ms`,
    spread(r.latency, 2),
    `p90 ${f(r.latency.p90, 2)} p99 ${f(r.latency.p99, 2)}`,
    `n=${r.latency.n}, each one statement: the other-models skip scan + the nearest function (index scan, ef_search per call); probe in pgvector's binary form`,
  ]);
  rows.push([
    'recall@1 of planted duplicates (target ≥ 99.5 %)',
    `${f(r.recallAt1 * 100, 2)} %`,
    `of ${r.plantedProbes}`,
    `exact (sequential) search agrees with the planted id: ${r.exactAgrees}`,
    'planted = exact nearest (checked on a subset with index scans off)',
  ]);
  rows.push([
    'index build / bulk load',
    `${f(r.indexSeconds, 1)} s index`,
    `${f(r.loadSeconds, 1)} s load`,
    r.reused ? 'reused from an earlier run (--search-reuse)' : 'built in this run',
    'CREATE INDEX … USING hnsw after the rows are in (maintenance_work_mem 512 MB / 1.5 GB at 1 M)',
  ]);
  rows.push([
    'database size',
    `${f(r.dbMb, 0)} MB`,
    `table ${f(r.tableMb, 0)} MB`,
    `HNSW index ${f(r.indexMb, 0)} MB`,
    'pg_database_size of the PGlite data folder',
  ]);
  rows.push([
    'process RSS growth over an empty gallery (target ≤ 200 MB at 1 M)',
    `${f(r.rssGrowthMb, 0)} MB`,
    `empty ${f(r.rssEmptyMb, 0)} → full ${f(r.rssFullMb, 0)} MB`,
    'after warm-up + all probes',
    'fresh process each: openDatabase + TemplateRepository.open, same probes',
  ]);
  if (r.exactFallback) {
    const e = r.exactFallback;
    rows.push([
      `exact fallback, PostgreSQL 15 without pgvector, ${e.size} templates (target p99 ≤ 300 ms at 100 k)`,
      `p50 ${f(e.latency.median, 1)} ms`,
      spread(e.latency, 1),
      `p90 ${f(e.latency.p90, 1)} p99 ${f(e.latency.p99, 1)}`,
      `recall@1 ${f(e.recallAt1 * 100, 1)} % (sign shortlist ${DEFAULT_EXACT_SHORTLIST} + exact re-rank); n=${e.latency.n}; table ${f(e.tableMb, 0)} MB; load ${f(e.loadSeconds, 0)} s`,
    ]);
  }
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, ${process.platform}`;
const header = `facegate bench — ${startedAt.toISOString()} — ${machine}\nload average (1/5/15 min) at start ${loadAtStart}, at end ${load()}\n`;
const table = textTable(['measure', 'median', 'min … max', 'tail', 'notes'], rows);
const text = `${header}\n${table}\n`;
process.stdout.write(text);
const dir = resultsDir();
writeFileSync(join(dir, `bench-${stamp(startedAt)}.txt`), text);
writeFileSync(join(dir, `bench-${stamp(startedAt)}.json`), JSON.stringify({ machine, startedAt, ...json }, null, 2));
log(`saved to ${join(dir, `bench-${stamp(startedAt)}.txt`)} (+ .json)`);
