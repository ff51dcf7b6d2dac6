import type { FrameObservation } from '../detector/face-observation';
import { ovalFor } from './oval';

/** A hint for the person in front of the camera. */
export type Hint =
  | 'no_face'
  | 'multiple_faces'
  | 'too_dark'
  | 'too_bright'
  | 'too_far'
  | 'too_close'
  | 'off_center'
  | 'hold_still'
  | 'ok';

/** Thresholds, exported so tests and tuning read the same numbers. */
export const FEEDBACK_LIMITS = {
  /** Mean luma in the oval below this is too dark, above the other too bright. */
  darkLuma: 55,
  brightLuma: 215,
  /** Face box height as a share of the oval's height. */
  minFaceToOval: 0.5,
  maxFaceToOval: 1.05,
  /** Face centre offset from the oval centre, as a share of the oval's radii. */
  maxOffset: 0.35,
  /** Face centre movement between two observations, as a share of the face width. */
  maxMovement: 0.08,
} as const;

/**
 * The one hint that matters most for this frame, in the order a person can fix
 * them: a face at all, only one, the light, the distance, the position, then
 * stillness. `previous` (the last observation) is only used for stillness.
 */
export function faceHint(now: FrameObservation, previous?: FrameObservation): Hint {
  const L = FEEDBACK_LIMITS;
  if (now.faces.length === 0) return now.luma < L.darkLuma ? 'too_dark' : 'no_face';
  if (now.faces.length > 1) return 'multiple_faces';
  if (now.luma < L.darkLuma) return 'too_dark';
  if (now.luma > L.brightLuma) return 'too_bright';
  const face = now.faces[0] as FrameObservation['faces'][number];
  const oval = ovalFor(now.width, now.height);
  const ratio = face.box.height / (2 * oval.ry);
  if (ratio < L.minFaceToOval) return 'too_far';
  if (ratio > L.maxFaceToOval) return 'too_close';
  const fx = face.box.x + face.box.width / 2;
  const fy = face.box.y + face.box.height / 2;
  if (Math.abs(fx - oval.cx) / oval.rx > L.maxOffset || Math.abs(fy - oval.cy) / oval.ry > L.maxOffset)
    return 'off_center';
  const before = previous?.faces.length === 1 ? previous.faces[0] : undefined;
  if (before) {
    const moved = Math.hypot(fx - (before.box.x + before.box.width / 2), fy - (before.box.y + before.box.height / 2));
    if (moved / face.box.width > L.maxMovement) return 'hold_still';
  }
  return 'ok';
}
