import type { ReasonCode } from '@facegate/core';
import type { RgbImage } from '../engine/decode-image';
import type { EngineBox } from '../engine/face-engine';
import type { HeadPose } from './head-pose';

/** Thresholds of the one-frame quality check (defaults measured in the prototype, see the docs page). */
export interface QualityThresholds {
  /** Face box long side / frame short side below this: too far. */
  minFaceSize: number;
  /** … above this: too close. */
  maxFaceSize: number;
  /** Horizontal offset of the box centre from the frame centre (fraction of the width) above this: off centre. */
  maxCenterOffset: number;
  /** Vertical offset (fraction of the height) above this: off centre. Portrait framing puts faces high, so it is looser. */
  maxVerticalOffset: number;
  /** Mean face luma (0..255) below: too dark; above `maxLuma`: too bright. */
  minLuma: number;
  maxLuma: number;
  /** Variance of the Laplacian on the 128×128 face luma below this: blurry. */
  minSharpness: number;
  /** Face box long side in pixels (at the decoded 640 px scale) below this: low resolution. */
  minFacePixels: number;
  /** |yaw| above this: head_pose. */
  maxAbsYaw: number;
  /** |roll| above this: head_pose. */
  maxAbsRoll: number;
}

/** Defaults: see the docs page for how each was measured. */
export const QUALITY_DEFAULTS: QualityThresholds = {
  minFaceSize: 0.2,
  maxFaceSize: 0.8,
  maxCenterOffset: 0.2,
  maxVerticalOffset: 0.3,
  minLuma: 60,
  maxLuma: 200,
  minSharpness: 40,
  minFacePixels: 48,
  maxAbsYaw: 20,
  maxAbsRoll: 15,
};

/** Measurements of the main face on one frame. */
export interface FaceMeasurements {
  /** Box long side / frame short side. */
  faceSize: number;
  /** Box area / frame area (0..1). */
  faceAreaRatio: number;
  /** Largest of |dx|, |dy| of the box centre from the frame centre, as fractions of the frame. */
  centerOffset: number;
  /** |dx| and |dy| separately. */
  offsetX: number;
  offsetY: number;
  cutOff: boolean;
  /** Mean luma 0..255 of the face box. */
  luma: number;
  /** Variance of the 4-neighbour Laplacian of the face luma. */
  sharpness: number;
  /** Box long side in pixels. */
  facePixels: number;
}

const PLANE = 128;

/** Luma (BT.601) of a box, resampled bilinearly to 128×128. */
function faceLuma(image: RgbImage, box: EngineBox): Float32Array {
  const out = new Float32Array(PLANE * PLANE);
  const { data, width: W, height: H } = image;
  const sx = box.width / PLANE;
  const sy = box.height / PLANE;
  const px = (x: number, y: number) => {
    const o = (y * W + x) * 3;
    return 0.299 * (data[o] ?? 0) + 0.587 * (data[o + 1] ?? 0) + 0.114 * (data[o + 2] ?? 0);
  };
  for (let j = 0; j < PLANE; j++) {
    const fy = Math.min(H - 1, Math.max(0, box.y + (j + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(H - 1, y0 + 1);
    const wy = fy - y0;
    for (let i = 0; i < PLANE; i++) {
      const fx = Math.min(W - 1, Math.max(0, box.x + (i + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(W - 1, x0 + 1);
      const wx = fx - x0;
      out[j * PLANE + i] =
        (1 - wy) * ((1 - wx) * px(x0, y0) + wx * px(x1, y0)) + wy * ((1 - wx) * px(x0, y1) + wx * px(x1, y1));
    }
  }
  return out;
}

function laplacianVariance(l: Float32Array): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 1; y < PLANE - 1; y++)
    for (let x = 1; x < PLANE - 1; x++) {
      const k = y * PLANE + x;
      const v = (l[k - 1] ?? 0) + (l[k + 1] ?? 0) + (l[k - PLANE] ?? 0) + (l[k + PLANE] ?? 0) - 4 * (l[k] ?? 0);
      s += v;
      s2 += v * v;
      n++;
    }
  const m = s / n;
  return s2 / n - m * m;
}

/** Measure a face box on a frame (≈3 ms). */
export function measureFace(image: RgbImage, box: EngineBox): FaceMeasurements {
  const short = Math.min(image.width, image.height);
  const cx = (box.x + box.width / 2) / image.width - 0.5;
  const cy = (box.y + box.height / 2) / image.height - 0.5;
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const clipped = {
    x: x0,
    y: y0,
    width: Math.max(1, Math.min(image.width, box.x + box.width) - x0),
    height: Math.max(1, Math.min(image.height, box.y + box.height) - y0),
  };
  const luma = faceLuma(image, clipped);
  let sum = 0;
  for (const v of luma) sum += v;
  const margin = 0.02 * short;
  return {
    faceSize: Math.max(box.width, box.height) / short,
    faceAreaRatio: Math.min(1, (clipped.width * clipped.height) / (image.width * image.height)),
    centerOffset: Math.max(Math.abs(cx), Math.abs(cy)),
    offsetX: Math.abs(cx),
    offsetY: Math.abs(cy),
    cutOff:
      box.x < -margin ||
      box.y < -margin ||
      box.x + box.width > image.width + margin ||
      box.y + box.height > image.height + margin,
    luma: sum / luma.length,
    sharpness: laplacianVariance(luma),
    facePixels: Math.max(box.width, box.height),
  };
}

/** Reason codes for one frame's main face. */
export function qualityReasons(
  faceCount: number,
  m: FaceMeasurements | null,
  pose: HeadPose | null,
  t: QualityThresholds = QUALITY_DEFAULTS,
): ReasonCode[] {
  if (faceCount === 0 || !m) return ['no_face'];
  const reasons: ReasonCode[] = [];
  if (faceCount > 1) reasons.push('multiple_faces');
  if (m.cutOff) reasons.push('face_cut_off');
  if (m.faceSize < t.minFaceSize) reasons.push('face_too_far');
  if (m.faceSize > t.maxFaceSize) reasons.push('face_too_close');
  if (m.facePixels < t.minFacePixels) reasons.push('low_resolution');
  if (m.offsetX > t.maxCenterOffset || m.offsetY > t.maxVerticalOffset) reasons.push('off_center');
  if (m.luma < t.minLuma) reasons.push('too_dark');
  if (m.luma > t.maxLuma) reasons.push('too_bright');
  if (m.sharpness < t.minSharpness) reasons.push('blurry');
  if (pose && (Math.abs(pose.yaw) > t.maxAbsYaw || Math.abs(pose.roll) > t.maxAbsRoll)) reasons.push('head_pose');
  return reasons;
}
