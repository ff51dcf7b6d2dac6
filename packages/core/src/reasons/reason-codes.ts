import { z } from 'zod';

/**
 * Why a check did not simply pass. A closed set: adapters map vendor findings
 * onto these codes and the policy turns them into a decision.
 *
 * Each code has a class that tells the policy what it means:
 * - `fixable`: the user can fix it (light, distance, one face) → retry;
 * - `borderline`: the evidence is weak either way → review;
 * - `blocking`: the evidence speaks against the user (spoof, mismatch,
 *   duplicate) or the answer is unusable → reject.
 */
export const REASON_CLASSES = {
  // Capture quality, one frame.
  no_face: 'fixable',
  multiple_faces: 'fixable',
  face_too_small: 'fixable',
  face_too_far: 'fixable',
  face_too_close: 'fixable',
  face_cut_off: 'fixable',
  face_obstructed: 'fixable',
  off_center: 'fixable',
  too_dark: 'fixable',
  too_bright: 'fixable',
  blurry: 'fixable',
  head_pose: 'fixable',
  eyes_closed: 'fixable',
  low_resolution: 'fixable',
  // Liveness procedure.
  no_reference_image: 'fixable',
  capture_failed: 'fixable',
  challenge_incomplete: 'fixable',
  challenge_timeout: 'fixable',
  liveness_inconclusive: 'fixable',
  /** The face did not move at all over the frames (a person waiting, or a still picture). */
  face_still: 'fixable',
  /** A blink was asked for, the eyes were not seen closed and open again. */
  blink_not_seen: 'fixable',
  /** A turn was asked for, the head moved that way but not far enough. */
  turn_too_small: 'fixable',
  /** The colours the screen showed were not seen in the light on the face (too much other light, or it changed). */
  light_mismatch: 'fixable',
  // Documents.
  /** The ID document photo is the live capture itself or a copy of it (cropped, rescaled, re-encoded, recoloured). */
  document_is_capture: 'fixable',
  // Weak evidence.
  low_confidence: 'borderline',
  low_similarity: 'borderline',
  possible_duplicate: 'borderline',
  vendor_review: 'borderline',
  client_result_missing: 'borderline',
  // Evidence against the user, or nothing usable.
  spoof_suspected: 'blocking',
  replay_suspected: 'blocking',
  identity_changed: 'blocking',
  face_mismatch: 'blocking',
  duplicate_face: 'blocking',
  incomplete_result: 'blocking',
  client_result_mismatch: 'blocking',
} as const;

/** A reason code. */
export type ReasonCode = keyof typeof REASON_CLASSES;
/** How the policy treats a reason code. */
export type ReasonClass = (typeof REASON_CLASSES)[ReasonCode];

/** Every reason code, in declaration order. */
export const REASON_CODES = Object.keys(REASON_CLASSES) as [ReasonCode, ...ReasonCode[]];

/** zod schema for a reason code. */
export const reasonCodeSchema = z.enum(REASON_CODES);

/** The policy class of a reason code. */
export function reasonClass(code: ReasonCode): ReasonClass {
  return REASON_CLASSES[code];
}

/** Keep the first occurrence of each reason, in order. */
export function uniqueReasons(reasons: Iterable<ReasonCode>): ReasonCode[] {
  return [...new Set(reasons)];
}
