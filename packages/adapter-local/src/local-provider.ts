import { DEFAULT_IMAGE_CONSTRAINTS, type MediaConstraints, type PolicyOverrides } from '@facegate/core';
import { type Capability, type FaceProvider, SPECIFICATION_VERSION } from '@facegate/core/spec';
import type { FaceEngine } from './engine/face-engine';
import { createOnnxEngine, sharedOnnxEngine } from './engine/onnx-engine';
import { LOCAL_PROVIDER_ID } from './local-errors';
import { checkLiveness } from './operations/liveness-operation';
import type { LocalContext } from './operations/local-context';
import { compareFaces } from './operations/match-operation';
import { analyzeQuality } from './operations/quality-operation';
import { ensureCollection, indexFace, removeFaces, searchFaces } from './operations/search-operations';
import { createMemoryTemplateStore, type FaceTemplateStore } from './search/template-store';

/** What the local provider does. No `liveness.image` / `liveness.video`: one picture cannot show it is not a replay. */
export const LOCAL_CAPABILITIES: readonly Capability[] = ['liveness.frames', 'match', 'search', 'quality', 'health'];

/** Media the engine accepts (core validates against these before any call). */
export const LOCAL_MEDIA_CONSTRAINTS: MediaConstraints = {
  image: {
    ...DEFAULT_IMAGE_CONSTRAINTS,
    formats: ['jpeg', 'png', 'webp'],
    maxBytes: 15 * 1024 * 1024,
    maxPixels: 40_000_000,
  },
  frames: { minFrames: 3, maxFrames: 60 },
};

/**
 * Thresholds on the local score scales (see the docs page for the measurements):
 * match similarity 0.5 ⇔ the calibration's cosine distance `d0`
 * (MATCH_CALIBRATION, fitted with `pnpm eval`); liveness confidence ≥ 0.5 means
 * every rule passed, and below 0.6 some rule passed with a thin margin (review).
 */
export const LOCAL_POLICY_DEFAULTS: PolicyOverrides = {
  match: { passAt: 0.5, reviewAt: 0.4 },
  duplicate: { rejectAt: 0.5, reviewAt: 0.4 },
  liveness: { passAt: 0.6, reviewAt: 0.5 },
};

/** Options of {@link createLocalProvider}. */
export interface LocalProviderOptions {
  /** Where search templates live (default: in memory, per provider instance). */
  templateStore?: FaceTemplateStore;
  /** Longest side images are reduced to before inference (default 640). */
  maxImageSide?: number;
  /**
   * Engine calls that may wait for a free worker before new ones fail at once
   * with a retryable `provider_unavailable` carrying `retryAfterMs` (default 8
   * per worker). Setting this or `workers` gives the provider its own pool.
   */
  maxPendingCalls?: number;
  /** Engine worker threads (default: one per core, at most 4, shared by every provider of the process). */
  workers?: number;
  /** The model engine (default: the process-wide ONNX engine pool). Tests pass a scripted one. */
  engine?: FaceEngine;
  /** Clock for challenge expiry (tests). */
  now?: () => number;
}

/** The local provider: a {@link FaceProvider} with warm-up and close. */
export type LocalProvider = FaceProvider & {
  /** Load the models now (once per process; concurrent callers share the load). */
  warmUp(): Promise<void>;
  /** Stops the provider's own worker pool, if it has one; the shared pool stays for the process (its idle workers never keep it alive). */
  close(): Promise<void>;
};

/**
 * An offline provider running ONNX face models (onnxruntime-node) in a pool of
 * worker threads; weights ship in the package, nothing touches the network.
 * Models load on the first call or on `warmUp()`, once per worker.
 */
export function createLocalProvider(options: LocalProviderOptions = {}): LocalProvider {
  const own =
    !options.engine && (options.workers !== undefined || options.maxPendingCalls !== undefined)
      ? createOnnxEngine({
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          ...(options.maxPendingCalls === undefined ? {} : { maxQueue: options.maxPendingCalls }),
        })
      : undefined;
  const engine = options.engine ?? own ?? sharedOnnxEngine();
  const local: LocalContext = {
    engine,
    store: options.templateStore ?? createMemoryTemplateStore(),
    maxSide: options.maxImageSide ?? 640,
    now: options.now ?? Date.now,
  };
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: LOCAL_PROVIDER_ID,
    capabilities: LOCAL_CAPABILITIES,
    mediaConstraints: LOCAL_MEDIA_CONSTRAINTS,
    policyDefaults: LOCAL_POLICY_DEFAULTS,
    doCheckLiveness: (request, ctx) => checkLiveness(local, request, ctx),
    doCompareFaces: (request, ctx) => compareFaces(local, request, ctx),
    doAnalyzeQuality: (request, ctx) => analyzeQuality(local, request, ctx),
    doEnsureCollection: (request, ctx) => ensureCollection(local, request, ctx),
    doIndexFace: (request, ctx) => indexFace(local, request, ctx),
    doSearchFaces: (request, ctx) => searchFaces(local, request, ctx),
    doRemoveFaces: (request, ctx) => removeFaces(local, request, ctx),
    async doCheckHealth() {
      const state = engine.state();
      if (state === 'ready') return { status: 'ready' };
      if (state === 'down') return { status: 'down', detail: 'the face models failed to load' };
      return {
        status: 'warming_up',
        detail: state === 'cold' ? 'models load on first use or warmUp()' : 'loading models',
      };
    },
    warmUp: () => engine.warmUp(),
    async close() {
      await own?.close?.();
    },
  };
}
