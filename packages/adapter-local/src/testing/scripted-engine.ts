import type { ConformanceOperation, DocumentedVendorError, MockOutcome, VendorMock } from '@facegate/core/testing';
import { distanceForSimilarity } from '../analysis/similarity';
import type { RgbImage } from '../engine/decode-image';
import type { DescribedFace, EngineFace, EngineFrame, FaceEngine } from '../engine/face-engine';
import { fivePointsFrom68 } from '../engine/face-landmarks';
import { EngineBusyError, EngineLoadError, TemplateStoreError } from '../local-errors';
import { createLocalProvider, LOCAL_CAPABILITIES, type LocalProvider } from '../local-provider';
import { createMemoryTemplateStore, type FaceTemplateStore, type TemplateSearchResult } from '../search/template-store';
import { syntheticLandmarks } from './synthetic-face';

const MODEL = 'scripted-engine';
const LENGTH = 128;
const never = <T>() => new Promise<T>(() => undefined);

/** A unit descriptor at cosine distance `distance` (0..2) from the base descriptor. */
function descriptorAt(distance: number): Float32Array {
  const cos = Math.max(-1, Math.min(1, 1 - distance));
  const d = new Float32Array(LENGTH);
  d[0] = cos;
  d[1] = Math.sqrt(1 - cos * cos);
  return d;
}
const BASE = descriptorAt(0);

function distanceFor(score: number | undefined): number {
  const s = score ?? 0.97;
  if (s <= 0.0001) return 2;
  if (s >= 0.9999) return 0;
  return Math.min(2, Math.max(0, distanceForSimilarity(s)));
}

function faceOn(image: RgbImage): EngineFace {
  const landmarks = syntheticLandmarks({ center: [image.width / 2, image.height * 0.45], scale: image.width * 0.12 });
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    score: 0.95,
    landmarks,
    landmarks5: fivePointsFrom68(landmarks),
    pose: { yaw: 0, pitch: 0, roll: 0 },
    eyes: { left: 0.98, right: 0.98 },
    antiSpoof: null,
  };
}

const ENGINE_OPERATIONS: ConformanceOperation[] = ['match', 'quality', 'search.index', 'search.search'];

/** Documented failures of the local provider, as the scripted engine can raise them. */
export const LOCAL_DOCUMENTED_ERRORS: readonly DocumentedVendorError[] = [
  {
    name: 'ModelLoadFailed',
    expected: { code: 'provider_unavailable', retryable: true },
    operations: ENGINE_OPERATIONS,
  },
  { name: 'InferenceFailed', expected: { code: 'provider_error', retryable: true }, operations: ENGINE_OPERATIONS },
  { name: 'EngineBusy', expected: { code: 'provider_unavailable', retryable: true }, operations: ENGINE_OPERATIONS },
  {
    name: 'TemplateStoreFailed',
    expected: { code: 'provider_unavailable', retryable: true },
    operations: ['search.index', 'search.search', 'search.remove'],
  },
  { name: 'NoFace', expected: { code: 'invalid_input', retryable: false }, operations: ['search.index'] },
];

/**
 * A {@link VendorMock} for the local provider: the "vendor" is the model
 * engine and the template store, both scripted. Success outcomes produce
 * synthetic landmarks and descriptors whose calibrated similarity equals the
 * arranged score; errors are raised as the engine or store would raise them.
 */
export interface LocalVendorMock extends VendorMock {
  /** A provider wired to the scripted engine and store (build one per client). */
  provider(): LocalProvider;
}

/** Build the scripted engine + store and the VendorMock driving them. */
export function createLocalVendorMock(): LocalVendorMock {
  let queue: MockOutcome[] = [];
  let op: ConformanceOperation = 'match';
  let calls = 0;
  let pendingTarget: number | null = null;
  let memory = createMemoryTemplateStore();

  const next = (): MockOutcome => {
    calls++;
    const outcome = queue.length > 1 ? (queue.shift() as MockOutcome) : (queue[0] ?? { type: 'success' });
    return outcome;
  };

  /** Apply a failure outcome (throws or hangs); returns the outcome when it is a success or malformed. */
  async function fail(outcome: MockOutcome, where: 'engine' | 'store'): Promise<void> {
    switch (outcome.type) {
      case 'hang':
        return never();
      case 'rate_limited':
        throw new EngineBusyError(outcome.retryAfterSeconds * 1000);
      case 'server_error':
        throw outcome.status === 503 ? new EngineLoadError('models unavailable') : new Error('wasm runtime error');
      case 'documented_error':
        if (outcome.name === 'ModelLoadFailed') throw new EngineLoadError('model files unreadable');
        if (outcome.name === 'EngineBusy') throw new EngineBusyError(1000);
        if (outcome.name === 'TemplateStoreFailed') {
          if (where === 'store') throw new TemplateStoreError('database down');
          return;
        }
        if (outcome.name === 'NoFace') return;
        throw new Error('inference failed');
      default:
        return;
    }
  }

  let current: MockOutcome = { type: 'success' };

  const engine: FaceEngine = {
    model: MODEL,
    embeddingLength: LENGTH,
    async warmUp() {},
    state: () => 'ready',
    async analyzeFrame(image: RgbImage): Promise<EngineFrame> {
      current = next();
      await fail(current, 'engine');
      const face = faceOn(image);
      if (current.type === 'malformed') return { faces: [{ ...face, landmarks: face.landmarks.slice(0, 5) }] };
      return { faces: [face] };
    },
    async describeFaces(image: RgbImage): Promise<DescribedFace[]> {
      if (pendingTarget !== null) {
        const d = pendingTarget;
        pendingTarget = null;
        return [{ ...faceOn(image), descriptor: descriptorAt(d) }];
      }
      current = next();
      await fail(current, 'engine');
      if (current.type === 'documented_error' && current.name === 'NoFace') return [];
      if (current.type === 'malformed') {
        const descriptor =
          current.variant === 'truncated' ? new Float32Array(LENGTH / 2) : new Float32Array(LENGTH).fill(Number.NaN);
        return [{ ...faceOn(image), descriptor }];
      }
      const score = current.type === 'success' ? current.score : undefined;
      if (op === 'match') pendingTarget = distanceFor(score);
      if (op === 'search.search')
        await memory.save({
          collection: 'conformance-suite',
          faceId: 'face-1',
          externalId: 'person-1',
          embedding: descriptorAt(distanceFor(score)),
          model: MODEL,
        });
      return [{ ...faceOn(image), descriptor: BASE }];
    },
    async describeAt() {
      return BASE;
    },
  };

  const store: FaceTemplateStore = {
    async search(collection, probe, k, maxDistance) {
      await fail(current, 'store');
      if (op === 'search.search' && current.type === 'malformed')
        return { matches: [{ faceId: 'x' }], otherModels: [] } as unknown as TemplateSearchResult;
      return memory.search(collection, probe, k, maxDistance);
    },
    async save(template) {
      await fail(current, 'store');
      return memory.save(template);
    },
    async remove(collection, selector) {
      current = next();
      await fail(current, 'store');
      if (current.type === 'malformed') return [1] as unknown as string[];
      return memory.remove(collection, selector);
    },
  };

  return {
    livenessScoring: 'score_and_label',
    documentedErrors: LOCAL_DOCUMENTED_ERRORS,
    reset() {
      queue = [];
      calls = 0;
      pendingTarget = null;
      current = { type: 'success' };
      memory = createMemoryTemplateStore();
    },
    arrange(operation, ...outcomes) {
      op = operation;
      queue = outcomes;
    },
    calls: () => calls,
    provider: () => createLocalProvider({ engine, templateStore: store }),
  };
}

/** The capabilities the conformance kit can drive on the local provider (all but `liveness.frames`, see the docs). */
export const LOCAL_KIT_CAPABILITIES = LOCAL_CAPABILITIES.filter((c) => c !== 'liveness.frames');
