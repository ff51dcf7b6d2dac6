import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { FivePoints } from './face-engine';
import { runModel } from './onnx-session';
import { similarityMap, warpToTensor } from './pixel-warp';

/** Where the 5 points land in the 112×112 aligned crop (the ArcFace/InsightFace template). */
export const ALIGNED_TEMPLATE: FivePoints = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];
const SIZE = 112;

/** Length of the embedding vector. */
export const EMBEDDING_LENGTH = 512;

/**
 * The face embedding: the face warped by the least-squares similarity that puts
 * its 5 points on {@link ALIGNED_TEMPLATE} (112×112, black outside the image),
 * RGB, (v − 127) / 128; the 512 outputs are scaled to unit length, so the
 * cosine similarity of two embeddings is their dot product.
 */
export async function embedFace(session: InferenceSession, image: RgbImage, points: FivePoints): Promise<Float32Array> {
  const map = similarityMap(points, ALIGNED_TEMPLATE);
  const input = warpToTensor(image, map, SIZE, SIZE, { channels: 'rgb', mean: [127], std: [128], border: 'zero' });
  const raw = (await runModel(session, input, [1, 3, SIZE, SIZE])).output as Float32Array;
  let norm = 0;
  for (const v of raw) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(raw, (v) => v / norm);
}
