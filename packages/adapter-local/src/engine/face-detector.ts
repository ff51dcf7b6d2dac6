import type { InferenceSession } from 'onnxruntime-node';
import type { RgbImage } from './decode-image';
import type { EngineBox } from './face-engine';
import { runModel } from './onnx-session';
import { rectMap, warpToTensor } from './pixel-warp';

const INPUT_W = 320;
const INPUT_H = 240;

/** A detector hit in image pixels. */
export interface Detection {
  box: EngineBox;
  score: number;
}

/** Detector settings. */
export interface DetectorOptions {
  /** Lowest face score kept (default 0.7; upstream uses 0.65). */
  readonly minScore?: number;
  /** IoU above which the weaker of two overlapping boxes is dropped (default 0.4, upstream's). */
  readonly nmsIou?: number;
  /** Most faces returned (default 10). */
  readonly maxFaces?: number;
}

function iou(a: EngineBox, b: EngineBox): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * RFB-320 face detection (Ultra-Light-Fast-Generic-Face-Detector design).
 * Input: the whole image letterboxed into 320×240 (aspect kept, black bars),
 * RGB, (v − 127) / 128. The graph outputs decoded corner boxes (0..1 of the
 * input) and two-class scores for its 4420 anchors; we keep face scores ≥
 * `minScore`, suppress overlaps and map boxes back to image pixels. Most
 * confident first.
 */
export async function detectFaces(
  session: InferenceSession,
  image: RgbImage,
  options: DetectorOptions = {},
): Promise<Detection[]> {
  const minScore = options.minScore ?? 0.7;
  const scale = Math.min(INPUT_W / image.width, INPUT_H / image.height);
  const ox = (INPUT_W - image.width * scale) / 2;
  const oy = (INPUT_H - image.height * scale) / 2;
  const map = rectMap(-ox / scale, -oy / scale, INPUT_W / scale, INPUT_H / scale, INPUT_W, INPUT_H);
  const input = warpToTensor(image, map, INPUT_W, INPUT_H, {
    channels: 'rgb',
    mean: [127],
    std: [128],
    border: 'zero',
  });
  const out = await runModel(session, input, [1, 3, INPUT_H, INPUT_W]);
  const scores = out.scores as Float32Array;
  const boxes = out.boxes as Float32Array;
  const candidates: Detection[] = [];
  for (let i = 0; i < scores.length / 2; i++) {
    const score = scores[i * 2 + 1] as number;
    if (!(score >= minScore)) continue;
    const x0 = Math.max(0, ((boxes[i * 4] as number) * INPUT_W - ox) / scale);
    const y0 = Math.max(0, ((boxes[i * 4 + 1] as number) * INPUT_H - oy) / scale);
    const x1 = Math.min(image.width, ((boxes[i * 4 + 2] as number) * INPUT_W - ox) / scale);
    const y1 = Math.min(image.height, ((boxes[i * 4 + 3] as number) * INPUT_H - oy) / scale);
    if (x1 - x0 < 4 || y1 - y0 < 4) continue;
    candidates.push({ score, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
  }
  candidates.sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  const nmsIou = options.nmsIou ?? 0.4;
  for (const c of candidates) {
    if (kept.some((k) => iou(k.box, c.box) > nmsIou)) continue;
    kept.push(c);
    if (kept.length >= (options.maxFaces ?? 10)) break;
  }
  return kept;
}
