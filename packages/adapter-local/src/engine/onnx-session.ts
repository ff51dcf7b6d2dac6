import { createRequire } from 'node:module';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { EngineBox } from './face-engine';
import { type ModelRole, modelPath } from './model-files';
import { rectMap, softmax, type TensorLayout, warpToTensor } from './pixel-warp';

type Ort = typeof import('onnxruntime-node');
const require = createRequire(import.meta.url);
let ort: Ort | undefined;

/** onnxruntime-node, loaded on first use (its native binding is only needed where models run). */
export function onnxRuntime(): Ort {
  ort ??= require('onnxruntime-node') as Ort;
  return ort;
}

/** CPU threading of each session. */
export interface SessionThreads {
  /** Threads one inference may use (default 1: the pool runs one worker per core). */
  readonly intraOp: number;
}

/**
 * One CPU inference session for a model file. Spinning is off: with it on, idle
 * intra-op threads busy-wait and two threads ran slower than one on this
 * 2-core machine (see the reference measurements in docs/models.md). The CPU
 * memory arena and memory patterns are off: they keep each session's largest
 * buffers for good, which cost ~30 MB of peak RSS per process here for no
 * measurable speed (the models are small; see docs/adapters/local.md#memory).
 */
export async function openSession(role: ModelRole, threads: SessionThreads): Promise<InferenceSession> {
  return onnxRuntime().InferenceSession.create(modelPath(role), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads.intraOp,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: false,
    enableMemPattern: false,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
}

/** Run a single-input model on an NCHW float tensor and return its outputs' data by name. */
export async function runModel(
  session: InferenceSession,
  input: Float32Array,
  dims: readonly number[],
): Promise<Record<string, Float32Array>> {
  const { Tensor: OrtTensor } = onnxRuntime();
  const feeds: Record<string, Tensor> = { [session.inputNames[0] as string]: new OrtTensor('float32', input, dims) };
  const results = await session.run(feeds);
  const out: Record<string, Float32Array> = {};
  for (const [name, tensor] of Object.entries(results)) {
    out[name] = tensor.data as Float32Array;
    tensor.dispose?.();
  }
  return out;
}

/**
 * A classifier on one crop: resize the source rectangle to `size`×`size` in the
 * given layout, run the model, softmax its only output, return class `index`'s
 * probability.
 */
export async function cropClassProbability(
  session: InferenceSession,
  image: RgbImage,
  crop: EngineBox,
  size: number,
  layout: TensorLayout,
  index: number,
): Promise<number> {
  const input = warpToTensor(image, rectMap(crop.x, crop.y, crop.width, crop.height, size, size), size, size, layout);
  const planes = layout.channels === 'grey' ? 1 : 3;
  const out = await runModel(session, input, [1, planes, size, size]);
  return softmax(out[session.outputNames[0] as string] as Float32Array)[index] as number;
}
