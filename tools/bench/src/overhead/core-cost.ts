// Core cost: what facegate's client adds per call on the CPU — request
// validation (zod + image header sniffing), the resilience wrapper (timeout,
// abort), the observation schema check, the policy and result composition —
// measured with providers that answer at once, in process.
import {
  createChallenge,
  createFacegate,
  DEFAULT_IMAGE_CONSTRAINTS,
  DEFAULT_POLICY,
  evaluateMatch,
  type FaceProvider,
  silentLogger,
  validateImage,
} from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import { createScenarioProvider } from '@facegate/core/scenario';
import { type MatchObservation, matchObservationSchema, SPECIFICATION_VERSION } from '@facegate/core/spec';
import sharp from 'sharp';
// Internal (not exported by core): the request schemas the client checks first, the retry loop.
import { checkRequest, requestSchemas } from '../../../../packages/core/src/client/request-checks';
import { resolveResilience } from '../../../../packages/core/src/resilience/resilience-options';
import { runWithResilience } from '../../../../packages/core/src/resilience/run-with-resilience';
import { readFixture } from '../fixtures';
import { type Summary, summarize } from '../stats/summary';
import { measureBatches } from '../stats/timing';

/** One operation's cost. */
export interface CoreCostRow {
  operation: string;
  /** What the call carries. */
  input: string;
  /** Per-call wall time (µs) through the client with a canned provider: core alone. */
  core: Summary;
  /** Per-call wall time (µs) with the scenario provider at latency 0 (core + the scenario's simulated wire). */
  scenario: Summary;
  cpuCore: number;
  cpuScenario: number;
}

/** The parts of a compareFaces call, timed on their own (µs per call, median of batches). */
export interface CoreBreakdown {
  requestSchema: Summary;
  validateTwoImages: Summary;
  resilienceWrapper: Summary;
  observationSchema: Summary;
  policy: Summary;
  total: Summary;
}

const raw = () => toRawResponse({ bench: true }, 'bench-request', 200);

function matchObservation(): MatchObservation {
  return { similarity: 0.97, reasons: [], faces: { source: 1, target: 1 }, raw: raw(), warnings: [] };
}

/** A provider whose every operation answers a fixed observation at once: the client's own cost is all that is left. */
function cannedProvider(): FaceProvider {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: 'canned',
    capabilities: ['liveness.frames', 'liveness.image', 'match', 'search', 'quality'],
    mediaConstraints: {
      image: DEFAULT_IMAGE_CONSTRAINTS,
      frames: { minFrames: 1, maxFrames: 40 },
    },
    policyDefaults: {},
    async doCompareFaces() {
      return matchObservation();
    },
    async doCheckLiveness() {
      return { verdict: 'live', confidence: 0.97, reasons: [], raw: raw(), warnings: [] };
    },
    async doSearchFaces() {
      return {
        matches: [{ faceId: 'f1', externalId: 'u1', similarity: 0.05 }],
        reasons: [],
        raw: raw(),
        warnings: [],
      };
    },
    async doIndexFace(request) {
      return { faceId: 'f1', externalId: request.externalId, reasons: [], raw: raw(), warnings: [] };
    },
    async doAnalyzeQuality() {
      return {
        faces: [{ box: { left: 0.3, top: 0.2, width: 0.4, height: 0.5 }, confidence: 0.99 }],
        metrics: { brightness: 0.55, sharpness: 0.8, faceAreaRatio: null, centerOffset: null, eyesOpen: null },
        reasons: [],
        raw: raw(),
        warnings: [],
      };
    },
  };
}

interface Operation {
  name: string;
  input: string;
  run: (client: ReturnType<typeof createFacegate>) => Promise<unknown>;
}

async function operations(): Promise<Operation[]> {
  const photoA = readFixture('faces/obama-1.jpg');
  const photoB = readFixture('faces/obama-2.jpg');
  const frame = new Uint8Array(
    await sharp(photoA).resize({ width: 640, height: 480, fit: 'cover' }).jpeg({ quality: 85 }).toBuffer(),
  );
  const frames = Array.from({ length: 10 }, (_, i) => ({ image: frame, capturedAtMs: i * 150 }));
  const kb = (b: Uint8Array) => `${Math.round(b.byteLength / 1024)} KB`;
  return [
    {
      name: 'compareFaces',
      input: `2 JPEGs (${kb(photoA)}, ${kb(photoB)})`,
      run: (c) => c.compareFaces({ source: photoA, target: photoB }),
    },
    {
      name: 'checkLiveness (frames)',
      input: `10 frames 640×480 (${kb(frame)} each) + challenge`,
      run: (c) => c.checkLiveness({ media: { kind: 'frames', frames }, challenge: createChallenge() }),
    },
    {
      name: 'searchFaces',
      input: `1 JPEG (${kb(photoA)})`,
      run: (c) => c.searchFaces({ collection: 'bench', image: photoA }),
    },
    {
      name: 'indexFace',
      input: `1 JPEG (${kb(photoA)})`,
      run: (c) => c.indexFace({ collection: 'bench', externalId: 'user-1', image: photoA }),
    },
    {
      name: 'analyzeQuality',
      input: `1 frame (${kb(frame)})`,
      run: (c) => c.analyzeQuality({ image: frame }),
    },
  ];
}

/** Options for {@link runCoreCost}. */
export interface CoreCostOptions {
  /** Wall-time budget per operation and provider (ms). */
  budgetMs: number;
}

/** Measure every operation with the canned and the scenario provider. */
export async function runCoreCost(
  options: CoreCostOptions,
  onRow: (row: CoreCostRow) => void = () => {},
): Promise<{ rows: CoreCostRow[]; breakdown: CoreBreakdown }> {
  const canned = createFacegate({ provider: cannedProvider() });
  const scenario = createFacegate({ provider: createScenarioProvider({ latencyMs: 0 }) });
  await scenario.ensureCollection({ collection: 'bench' });
  const measure = (fn: () => Promise<unknown>) =>
    measureBatches(fn, { batch: 50, budgetMs: options.budgetMs, maxBatches: 40, warmup: 100 });
  const rows: CoreCostRow[] = [];
  for (const op of await operations()) {
    const core = await measure(() => op.run(canned));
    const withScenario = await measure(() => op.run(scenario));
    const row: CoreCostRow = {
      operation: op.name,
      input: op.input,
      core: summarize(core.perCallMicros),
      scenario: summarize(withScenario.perCallMicros),
      cpuCore: core.cpuMicrosPerCall,
      cpuScenario: withScenario.cpuMicrosPerCall,
    };
    rows.push(row);
    onRow(row);
  }

  // compareFaces taken apart: the pieces core runs, each on its own.
  const photoA = readFixture('faces/obama-1.jpg');
  const photoB = readFixture('faces/obama-2.jpg');
  const obs = matchObservation();
  const part = async (fn: () => unknown) =>
    summarize(
      (
        await measureBatches(async () => fn(), {
          batch: 200,
          budgetMs: options.budgetMs / 3,
          maxBatches: 30,
          warmup: 200,
        })
      ).perCallMicros,
    );
  const resilience = resolveResilience({});
  const label = { provider: 'canned', operation: 'compareFaces' };
  const breakdown: CoreBreakdown = {
    requestSchema: await part(() =>
      checkRequest(requestSchemas.compare, { source: photoA, target: photoB }, 'compareFaces'),
    ),
    resilienceWrapper: await part(() => runWithResilience(async () => obs, resilience, label, silentLogger)),
    validateTwoImages: await part(() => {
      validateImage(photoA, DEFAULT_IMAGE_CONSTRAINTS, 'source');
      validateImage(photoB, DEFAULT_IMAGE_CONSTRAINTS, 'target');
    }),
    observationSchema: await part(() => matchObservationSchema.safeParse(obs)),
    policy: await part(() => evaluateMatch(obs, DEFAULT_POLICY)),
    total: rows[0]?.core ?? summarize([]),
  };
  return { rows, breakdown };
}
