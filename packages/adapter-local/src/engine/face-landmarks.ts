import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { EngineBox, EnginePoint, FivePoints } from './face-engine';
import { runModel } from './onnx-session';
import { rectMap, warpToTensor } from './pixel-warp';

const SIZE = 64;

/** The square the landmark model looks at: side = box height, centred on the detector box. */
export function landmarkCrop(box: EngineBox): EngineBox {
  const side = box.height;
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side };
}

/**
 * 68 iBUG landmarks from a 64×64 grey crop (v / 256) of the square around
 * the detector box; the model outputs (x, y) as fractions of the crop.
 */
export async function detectLandmarks(
  session: InferenceSession,
  image: RgbImage,
  box: EngineBox,
): Promise<EnginePoint[]> {
  const crop = landmarkCrop(box);
  const input = warpToTensor(image, rectMap(crop.x, crop.y, crop.width, crop.height, SIZE, SIZE), SIZE, SIZE, {
    channels: 'grey',
    mean: [0],
    std: [256],
    border: 'clamp',
  });
  const out = (await runModel(session, input, [1, 1, SIZE, SIZE])).output as Float32Array;
  const points: EnginePoint[] = [];
  for (let i = 0; i < 68; i++)
    points.push([crop.x + (out[i * 2] as number) * crop.width, crop.y + (out[i * 2 + 1] as number) * crop.height]);
  return points;
}

const mean = (pts: readonly EnginePoint[], idx: readonly number[]): EnginePoint => {
  let x = 0;
  let y = 0;
  for (const i of idx) {
    x += (pts[i] as EnginePoint)[0] / idx.length;
    y += (pts[i] as EnginePoint)[1] / idx.length;
  }
  return [x, y];
};

/**
 * The 5 alignment points from 68 landmarks: eye centres (mean of the four
 * lid points), nose tip, mouth corners (outer and inner lip corners averaged).
 * Order: the eye on the image's left first, as in the ArcFace template.
 */
export function fivePointsFrom68(lm: readonly EnginePoint[]): FivePoints {
  return [
    mean(lm, [37, 38, 40, 41]),
    mean(lm, [43, 44, 46, 47]),
    lm[30] as EnginePoint,
    mean(lm, [48, 60]),
    mean(lm, [54, 64]),
  ];
}
