import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { AntiSpoof, EngineBox } from './face-engine';
import { cropClassProbability } from './onnx-session';

const SIZE = 80;
/** Softmax index of the "real face" class (upstream test.py: label 1). */
const REAL = 1;

/**
 * The box upstream's RetinaFace would give, from an RFB-320 box: a square of
 * side √(w·h) centred 0.06·h below the RFB box centre (measured on 24 stills,
 * see models/minifasnet/README.md).
 */
export function adaptedSquare(box: EngineBox): EngineBox {
  const side = Math.sqrt(box.width * box.height);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 + 0.06 * box.height;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/**
 * Upstream's `CropImage._get_new_box`: enlarge the box `scale` times about its
 * centre (less when it would not fit), shift it back inside the image, truncate
 * to integers; the crop is inclusive of its last row and column.
 */
export function enlargedCrop(box: EngineBox, image: { width: number; height: number }, wanted: number): EngineBox {
  const W = image.width;
  const H = image.height;
  const scale = Math.min((H - 1) / box.height, (W - 1) / box.width, wanted);
  const nw = box.width * scale;
  const nh = box.height * scale;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  let l = cx - nw / 2;
  let t = cy - nh / 2;
  let r = cx + nw / 2;
  let b = cy + nh / 2;
  if (l < 0) {
    r -= l;
    l = 0;
  }
  if (t < 0) {
    b -= t;
    t = 0;
  }
  if (r > W - 1) {
    l -= r - W + 1;
    r = W - 1;
  }
  if (b > H - 1) {
    t -= b - H + 1;
    b = H - 1;
  }
  const [li, ti, ri, bi] = [Math.trunc(l), Math.trunc(t), Math.trunc(r), Math.trunc(b)];
  return { x: li, y: ti, width: ri - li + 1, height: bi - ti + 1 };
}

// BGR, 0..255 as float, no mean/std (upstream's to_tensor has its /255 commented out).
const BGR_RAW = { channels: 'bgr', mean: [0], std: [1], border: 'clamp' } as const;

function realScore(session: InferenceSession, image: RgbImage, box: EngineBox, scale: number): Promise<number> {
  return cropClassProbability(session, image, enlargedCrop(box, image, scale), SIZE, BGR_RAW, REAL);
}

/** Both MiniFASNet models on the adapted square; `real` is the mean of their real-face probabilities. */
export async function antiSpoof(
  sessions: { v2: InferenceSession; v1se: InferenceSession },
  image: RgbImage,
  detectorBox: EngineBox,
): Promise<AntiSpoof> {
  const square = adaptedSquare(detectorBox);
  const v2 = await realScore(sessions.v2, image, square, 2.7);
  const v1se = await realScore(sessions.v1se, image, square, 4.0);
  return { real: (v2 + v1se) / 2, v2, v1se };
}
