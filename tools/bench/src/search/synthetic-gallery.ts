// Synthetic face templates for the search bench: uniform random unit vectors
// (the hardest case for a graph index: no clusters), and probes planted near
// chosen gallery members, as a second photo of an enrolled person would be.

/** A seeded uniform generator (mulberry32): the same seed gives the same gallery on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** A unit vector uniform on the sphere (normalised Gaussian, Box–Muller). */
export function randomUnit(rnd: () => number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    const x = Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
    v[i] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** A unit vector at cosine `cos` from `base` (cosine distance 1 − cos), in a random direction. */
export function plantedNear(base: Float32Array, rnd: () => number, cos: number): Float32Array {
  const noise = randomUnit(rnd, base.length);
  let dot = 0;
  for (let i = 0; i < base.length; i++) dot += (base[i] as number) * (noise[i] as number);
  let norm = 0;
  for (let i = 0; i < base.length; i++) {
    noise[i] = (noise[i] as number) - dot * (base[i] as number);
    norm += (noise[i] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  const sin = Math.sqrt(1 - cos * cos);
  return base.map((x, i) => cos * x + (sin * (noise[i] as number)) / norm);
}

/** One search of the bench: the probe, and the gallery id planted near it (null for a new person). */
export interface BenchProbe {
  embedding: number[];
  planted: string | null;
}

/**
 * Walk a gallery of `size` templates in batches (ids `t0`…), and build the
 * probes on the way: `planted` of them near chosen members at cosine distance
 * 0.2–0.45 (a second photo of the same person under the engine's 0.56–0.6
 * threshold), `fresh` new random faces.
 */
export async function generateGallery(
  options: { size: number; dims: number; planted: number; fresh: number; seed: number; batch: number },
  onBatch: (ids: string[], embeddings: Float32Array[]) => Promise<void>,
): Promise<BenchProbe[]> {
  const rnd = seededRandom(options.seed);
  const pick = seededRandom(options.seed + 1);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(options.planted, options.size)) chosen.add(Math.floor(pick() * options.size));
  const probes: BenchProbe[] = [];
  for (let start = 0; start < options.size; start += options.batch) {
    const ids: string[] = [];
    const embeddings: Float32Array[] = [];
    for (let i = start; i < Math.min(options.size, start + options.batch); i++) {
      const e = randomUnit(rnd, options.dims);
      ids.push(`t${i}`);
      embeddings.push(e);
      if (chosen.has(i))
        probes.push({ embedding: Array.from(plantedNear(e, pick, 0.55 + 0.25 * pick())), planted: `t${i}` });
    }
    await onBatch(ids, embeddings);
  }
  for (let i = 0; i < options.fresh; i++)
    probes.push({ embedding: Array.from(randomUnit(pick, options.dims)), planted: null });
  // Interleave planted and fresh probes, deterministically.
  return probes
    .map((p, i) => ({ p, k: seededRandom(options.seed + 2 + i)() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
}
