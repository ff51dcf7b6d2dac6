import { at, distance, type Point2 } from './geometry';

/** Eye aspect ratio of one six-point eye p1..p6 (Soukupová & Čech 2016): open ≈ 0.2–0.35. */
export function eyeAspectRatio(eye: readonly Point2[]): number {
  return (distance(at(eye, 1), at(eye, 5)) + distance(at(eye, 2), at(eye, 4))) / (2 * distance(at(eye, 0), at(eye, 3)));
}

// MediaPipe FaceMesh eye contours, p1 (outer) .. p4 (inner) with two upper/lower pairs.
const MESH_EYE_A = [33, 160, 158, 133, 153, 144];
const MESH_EYE_B = [362, 385, 387, 263, 373, 380];

/**
 * Mean eye aspect ratio from Human's 468-point mesh. Human's eyelids follow a
 * blink; face-api's 68 points barely move (measured: closed/open 0.56–0.75 here
 * against 0.88–0.98 there), so blinks are judged on this one.
 */
export function eyeOpennessMesh(mesh: readonly (readonly [number, number, number?])[]): number {
  const eye = (idx: number[]) => eyeAspectRatio(idx.map((i) => [at(mesh, i)[0], at(mesh, i)[1]] as const));
  return (eye(MESH_EYE_A) + eye(MESH_EYE_B)) / 2;
}

/** Mean eye aspect ratio from 68 landmarks (a weak blink signal; see {@link eyeOpennessMesh}). */
export function eyeOpenness68(lm: readonly Point2[]): number {
  return (eyeAspectRatio(lm.slice(36, 42)) + eyeAspectRatio(lm.slice(42, 48))) / 2;
}
