import { at, centroid, type Point2 } from './geometry';

/** Head pose in degrees on the raw (unmirrored) camera frame. */
export interface HeadPose {
  /** > 0: the nose points to the image's right (the user turned to their own left). */
  yaw: number;
  /** > 0: face up. Unreliable from 68 landmarks: not used for decisions. */
  pitch: number;
  /** > 0: clockwise (the eye on the image's right is lower). */
  roll: number;
}

const DEG = 180 / Math.PI;
type Vec3 = [number, number, number];

// Generic 3-D head (X right, Y up, Z towards the camera) for 11 of the iBUG 68 points.
const MODEL68: Record<number, Vec3> = {
  30: [0, 0, 0],
  8: [0, -330, -65],
  36: [-225, 170, -135],
  45: [225, 170, -135],
  48: [-150, -150, -125],
  54: [150, -150, -125],
  27: [0, 170, -105],
  31: [-60, -35, -85],
  35: [60, -35, -85],
  39: [-75, 170, -120],
  42: [75, 170, -120],
};
const IDX68 = Object.keys(MODEL68).map(Number);

function inv3(m: number[]): number[] | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) return null;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}
const norm = (u: Vec3) => Math.hypot(u[0], u[1], u[2]);
const scale = (u: Vec3, s: number): Vec3 => [u[0] * s, u[1] * s, u[2] * s];
const sub = (u: Vec3, v: Vec3): Vec3 => [u[0] - v[0], u[1] - v[1], u[2] - v[2]];
const dot = (u: Vec3, v: Vec3) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
const cross = (u: Vec3, v: Vec3): Vec3 => [
  u[1] * v[2] - u[2] * v[1],
  u[2] * v[0] - u[0] * v[2],
  u[0] * v[1] - u[1] * v[0],
];

/**
 * Scaled-orthographic pose: the least-squares 2×3 projection of the generic 3-D
 * model onto the landmarks, orthonormalised into a rotation. Good to about ±45°
 * yaw; needs no camera intrinsics.
 */
function affineCameraPose(model: Vec3[], image: Point2[]): HeadPose | null {
  const n = model.length;
  const mc: Vec3 = [0, 0, 0];
  let icx = 0;
  let icy = 0;
  for (let k = 0; k < n; k++) {
    const m = at(model, k);
    const p = at(image, k);
    for (let j = 0; j < 3; j++) mc[j] = (mc[j] ?? 0) + (m[j] ?? 0) / n;
    icx += p[0] / n;
    icy += p[1] / n;
  }
  const XXt = new Array<number>(9).fill(0);
  const UXt = new Array<number>(6).fill(0);
  for (let k = 0; k < n; k++) {
    const X = sub(at(model, k), mc);
    const p = at(image, k);
    const u = [p[0] - icx, -(p[1] - icy)];
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) XXt[r * 3 + c] = (XXt[r * 3 + c] ?? 0) + (X[r] ?? 0) * (X[c] ?? 0);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 3; c++) UXt[r * 3 + c] = (UXt[r * 3 + c] ?? 0) + (u[r] ?? 0) * (X[c] ?? 0);
  }
  const Xi = inv3(XXt);
  if (!Xi) return null;
  const row = (r: number): Vec3 =>
    [0, 1, 2].map(
      (c) =>
        (UXt[r * 3] ?? 0) * (Xi[c] ?? 0) +
        (UXt[r * 3 + 1] ?? 0) * (Xi[3 + c] ?? 0) +
        (UXt[r * 3 + 2] ?? 0) * (Xi[6 + c] ?? 0),
    ) as Vec3;
  let r1 = scale(row(0), 1 / norm(row(0)));
  let r2 = scale(row(1), 1 / norm(row(1)));
  const e = dot(r1, r2);
  const a1 = sub(r1, scale(r2, e / 2));
  const a2 = sub(r2, scale(r1, e / 2));
  r1 = scale(a1, 1 / norm(a1));
  r2 = scale(a2, 1 / norm(a2));
  const r3 = cross(r1, r2);
  const forward: Vec3 = [r1[2], r2[2], r3[2]];
  const right: Vec3 = [r1[0], r2[0], r3[0]];
  return {
    yaw: Math.atan2(forward[0], forward[2]) * DEG,
    pitch: Math.atan2(forward[1], Math.hypot(forward[0], forward[2])) * DEG,
    roll: Math.atan2(-right[1], right[0]) * DEG,
  };
}

/** Head pose from face-api's 68 landmarks; roll from the eye line. */
export function poseFrom68(lm: readonly Point2[]): HeadPose | null {
  const pose = affineCameraPose(
    IDX68.map((i) => MODEL68[i] as Vec3),
    IDX68.map((i) => at(lm, i)),
  );
  if (!pose) return null;
  const left = centroid(lm.slice(36, 42));
  const right = centroid(lm.slice(42, 48));
  pose.roll = Math.atan2(right[1] - left[1], right[0] - left[0]) * DEG;
  return pose;
}
