import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { EngineBox, EnginePose } from './face-engine';
import { runModel } from './onnx-session';
import { rectMap, softmax, warpToTensor } from './pixel-warp';

const SIZE = 224;
const IMAGENET = { mean: [0.485 * 255, 0.456 * 255, 0.406 * 255], std: [0.229 * 255, 0.224 * 255, 0.225 * 255] };

const expectedAngle = (logits: Float32Array) => {
  const p = softmax(logits);
  let e = 0;
  for (let i = 0; i < p.length; i++) e += (p[i] as number) * i;
  return e * 3 - 99;
};

/**
 * Head pose from the Hopenet-type model: the square face crop enlarged by a
 * quarter on each side, 224×224 RGB with ImageNet mean/std; each angle is the
 * expectation over 66 bins of 3° (−99°…+99°). Signs are converted to the
 * engine's convention (see {@link EnginePose}).
 */
export async function headPose(session: InferenceSession, image: RgbImage, square: EngineBox): Promise<EnginePose> {
  const x = square.x - square.width / 4;
  const y = square.y - square.height / 4;
  const side = square.width * 1.5;
  const input = warpToTensor(image, rectMap(x, y, side, side, SIZE, SIZE), SIZE, SIZE, {
    channels: 'rgb',
    ...IMAGENET,
    border: 'clamp',
  });
  const out = await runModel(session, input, [1, 3, SIZE, SIZE]);
  const names = session.outputNames;
  const yaw = expectedAngle(out[names[0] as string] as Float32Array);
  const pitch = expectedAngle(out[names[1] as string] as Float32Array);
  const roll = expectedAngle(out[names[2] as string] as Float32Array);
  return { yaw: YAW_SIGN * yaw, pitch, roll };
}

// Hopenet's yaw is positive when the nose points to the image's left (checked against the 68-landmark pose on the
// turned fixtures); its roll already follows the engine's convention (clockwise positive).
const YAW_SIGN = -1;
