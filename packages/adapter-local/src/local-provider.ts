import { DEFAULT_IMAGE_CONSTRAINTS, type MediaConstraints, type PolicyOverrides } from '@facegate/core';
import { type Capability, type FaceProvider, SPECIFICATION_VERSION } from '@facegate/core/spec';
import { EngineGate } from './engine/engine-gate';
import type { FaceEngine } from './engine/face-engine';
import { createModelEngine } from './engine/model-engine';
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
  frames: { minFrames: 3, maxFrames: 40 },
};

/**
 * Thresholds on the local score scales (see the docs page for the measurements):
 * match similarity 0.5 ⇔ descriptor distance 0.60, which separated all 253
 * fixture pairs; liveness confidence ≥ 0.5 means every rule passed, and below
 * 0.6 some rule passed with a thin margin (review).
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
  /** Most engine calls that may wait before new ones get `rate_limited` (default 64). */
  maxPendingCalls?: number;
  /** The model engine (default: the shared face-api + Human engine). Tests pass a scripted one. */
  engine?: FaceEngine;
  /** Clock for challenge expiry (tests). */
  now?: () => number;
}

/** The local provider: a {@link FaceProvider} with warm-up and close. */
export type LocalProvider = FaceProvider & {
  /** Load the models now (once per process; concurrent callers share the load). */
  warmUp(): Promise<void>;
  /** Nothing to release per instance: the models stay loaded for the process. */
  close(): Promise<void>;
};

/**
 * An offline provider running face models in-process (tfjs wasm, weights from
 * the installed npm packages, no network). Models load on the first call or on
 * `warmUp()`, once per process.
 */
export function createLocalProvider(options: LocalProviderOptions = {}): LocalProvider {
  const engine = options.engine ?? createModelEngine();
  const local: LocalContext = {
    engine,
    gate: new EngineGate(options.maxPendingCalls ?? 64),
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
      // The models are shared by the process and stay loaded; nothing per instance to release.
    },
  };
}
