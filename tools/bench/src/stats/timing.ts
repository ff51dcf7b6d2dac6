import { performance } from 'node:perf_hooks';

/** Per-call wall times (ms) and CPU time (µs, this process) of two alternated operations. */
export interface PairedTimes {
  a: number[];
  b: number[];
  /** Per-iteration wall-time difference a − b (ms). */
  diff: number[];
  cpuA: number;
  cpuB: number;
}

/** Options for {@link measurePaired}. */
export interface PairedOptions {
  /** Stop after this much wall time (ms). */
  budgetMs: number;
  /** …or after this many pairs. */
  maxPairs: number;
  /** Untimed calls of each before measuring. */
  warmup: number;
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function timed(fn: () => Promise<unknown>): Promise<[number, number]> {
  const c0 = cpuMicros();
  const t0 = performance.now();
  await fn();
  return [performance.now() - t0, cpuMicros() - c0];
}

/**
 * Time two operations side by side, alternating which goes first each
 * iteration so drift (GC, thermal, other load on the machine) hits both alike.
 */
export async function measurePaired(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: PairedOptions,
): Promise<PairedTimes> {
  for (let i = 0; i < options.warmup; i++) {
    await a();
    await b();
  }
  const out: PairedTimes = { a: [], b: [], diff: [], cpuA: 0, cpuB: 0 };
  const start = performance.now();
  for (let i = 0; i < options.maxPairs && performance.now() - start < options.budgetMs; i++) {
    let ta: [number, number];
    let tb: [number, number];
    if (i % 2 === 0) {
      ta = await timed(a);
      tb = await timed(b);
    } else {
      tb = await timed(b);
      ta = await timed(a);
    }
    out.a.push(ta[0]);
    out.b.push(tb[0]);
    out.diff.push(ta[0] - tb[0]);
    out.cpuA += ta[1];
    out.cpuB += tb[1];
  }
  return out;
}

/**
 * Time a fast operation in batches: each sample is the mean per-call time
 * (µs) of `batch` back-to-back calls, so timer resolution does not matter.
 * Also returns the mean CPU time per call (µs).
 */
export async function measureBatches(
  fn: () => Promise<unknown>,
  options: { batch: number; budgetMs: number; maxBatches: number; warmup: number },
): Promise<{ perCallMicros: number[]; cpuMicrosPerCall: number }> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const perCallMicros: number[] = [];
  let cpu = 0;
  let calls = 0;
  const start = performance.now();
  while (perCallMicros.length < options.maxBatches && performance.now() - start < options.budgetMs) {
    const c0 = cpuMicros();
    const t0 = performance.now();
    for (let i = 0; i < options.batch; i++) await fn();
    perCallMicros.push(((performance.now() - t0) * 1000) / options.batch);
    cpu += cpuMicros() - c0;
    calls += options.batch;
  }
  return { perCallMicros, cpuMicrosPerCall: calls === 0 ? Number.NaN : cpu / calls };
}
