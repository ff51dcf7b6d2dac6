import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { EnginePoint, EyeState } from './face-engine';
import { cropClassProbability } from './onnx-session';

const SIZE = 24;
/** Output index of the "open" class (checked on open and closed eyes of the fixture clips). */
const OPEN_INDEX = 1;

function eyeBox(lm: readonly EnginePoint[], corners: readonly [number, number], lids: readonly number[]) {
  let cx = 0;
  let cy = 0;
  for (const i of lids) {
    cx += (lm[i] as EnginePoint)[0] / lids.length;
    cy += (lm[i] as EnginePoint)[1] / lids.length;
  }
  const a = lm[corners[0]] as EnginePoint;
  const b = lm[corners[1]] as EnginePoint;
  const side = Math.max(4, Math.hypot(b[0] - a[0], b[1] - a[1]) * 1.6);
  return { x: cx - side / 2, y: cy - side / 2, side };
}

function openProbability(session: InferenceSession, image: RgbImage, box: ReturnType<typeof eyeBox>) {
  const crop = { x: box.x, y: box.y, width: box.side, height: box.side };
  return cropClassProbability(session, image, crop, SIZE, GREY, OPEN_INDEX);
}

const GREY = { channels: 'grey', mean: [0], std: [255], border: 'clamp' } as const;

/**
 * Per-eye open probability: a square of 1.6 × the eye-corner distance around
 * the centre of the four lid landmarks, 24×24 grey, v / 255, softmax.
 */
export async function eyeState(
  session: InferenceSession,
  image: RgbImage,
  lm: readonly EnginePoint[],
): Promise<EyeState> {
  const left = await openProbability(session, image, eyeBox(lm, [36, 39], [37, 38, 40, 41]));
  const right = await openProbability(session, image, eyeBox(lm, [42, 45], [43, 44, 46, 47]));
  return { left, right };
}
