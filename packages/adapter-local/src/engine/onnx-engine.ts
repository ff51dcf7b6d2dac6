import type { RgbImage } from './decode-image';
import { EnginePool, type EnginePoolOptions } from './engine-pool';
import type { WirePixels } from './engine-protocol';
import { EMBEDDING_LENGTH } from './face-embedding';
import type { FaceEngine } from './face-engine';

/**
 * The embedding model version stored with every template. It names the
 * weights and the alignment: templates made under any other value (e.g. the
 * tfjs engine's `face-api@1.7.15/face_recognition_model`, 128-d) are refused.
 */
export const RECOGNITION_MODEL = 'onnx/faceplugin-0.0.1/fr_feature-512/align5-arcface112';

/** The ONNX engine: a {@link FaceEngine} with its worker pool. */
export interface OnnxEngine extends FaceEngine {
  /** The engine's worker pool (created on first use). */
  pool(): EnginePool;
  /** Stop the workers; the next call starts a new pool. */
  close(): Promise<void>;
}

/** A transferable copy of the pixels (the caller keeps using its own). */
function wire(image: RgbImage): WirePixels {
  return { data: image.data.slice(), width: image.width, height: image.height };
}

/**
 * The ONNX engine: detector, landmarks, pose, eye state, anti-spoof and
 * embedding models on onnxruntime-node, in a pool of worker threads so the
 * caller's event loop never runs inference. Models load once per worker.
 */
export function createOnnxEngine(options: EnginePoolOptions = {}): OnnxEngine {
  let pool: EnginePool | undefined;
  let warming: Promise<void> | undefined;
  let state: 'cold' | 'warming_up' | 'ready' | 'down' = 'cold';
  const getPool = () => {
    pool ??= new EnginePool(options);
    return pool;
  };
  const warmUp = (): Promise<void> => {
    warming ??= (async () => {
      state = 'warming_up';
      const p = getPool();
      // One warm task per worker: each loads its sessions; the pool spreads idle-time tasks over idle workers.
      await Promise.all(Array.from({ length: p.workers }, () => p.run({ op: 'warm' })));
      state = 'ready';
    })().catch((error: unknown) => {
      state = 'down';
      warming = undefined;
      throw error;
    });
    return warming;
  };
  return {
    model: RECOGNITION_MODEL,
    embeddingLength: EMBEDDING_LENGTH,
    warmUp,
    state: () => state,
    pool: getPool,
    async analyzeFrame(image, options = {}) {
      const { signal, ...analyze } = options;
      return getPool().run({ op: 'analyze', image: wire(image), options: analyze }, signal);
    },
    async describeFaces(image, options = {}) {
      return getPool().run({ op: 'describe', image: wire(image) }, options.signal);
    },
    async describeAt(image, points, options = {}) {
      return getPool().run({ op: 'embed', image: wire(image), points }, options.signal);
    },
    async close() {
      const p = pool;
      pool = undefined;
      warming = undefined;
      state = 'cold';
      await p?.close();
    },
  };
}

let shared: OnnxEngine | undefined;

/** The process-wide engine every provider uses by default (one pool, models loaded once per worker). */
export function sharedOnnxEngine(): OnnxEngine {
  shared ??= createOnnxEngine();
  return shared;
}
