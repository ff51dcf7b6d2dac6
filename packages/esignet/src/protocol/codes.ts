import type { ChallengeAction, ReasonCode } from '@facegate/core';

/** The step code of the liveness step (eSignet's own name for it, in its sample UI files). */
export const LIVENESS_STEP = 'liveness_check';

/**
 * MESSAGE codes this verifier sends. Every one has an English text in the
 * shipped `signup-idv_<verifierId>.json` (`messages`); the test suite checks that.
 */
export const MESSAGE_CODES = {
  // Prompts: one per challenge action (directions are the user's own).
  look_straight: 'look_straight',
  turn_left: 'turn_left',
  turn_right: 'turn_right',
  look_up: 'look_up',
  look_down: 'look_down',
  blink: 'blink',
  // Capture-quality hints.
  no_face: 'no_face',
  multiple_faces: 'multiple_faces',
  too_dark: 'too_dark',
  too_bright: 'too_bright',
  move_closer: 'move_closer',
  move_back: 'move_back',
  center_face: 'center_face',
  // Progress.
  success_check: 'success_check',
} as const;
/** A MESSAGE code. */
export type MessageCode = keyof typeof MESSAGE_CODES;

/** ERROR codes this verifier sends (also in the UI file's `errors`). */
export const ERROR_CODES = [
  // Bad input: the batch is refused and nothing is stored.
  'invalid_frame',
  'invalid_order',
  'invalid_step_code',
  // The slot.
  'slot_not_found',
  'verification_timeout',
  'verifier_unavailable',
  // A liveness attempt failed in a way the user can fix; a new attempt follows.
  'retry_no_face',
  'retry_multiple_faces',
  'retry_lighting',
  'retry_challenge',
] as const;
/** An ERROR code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** `errorCode` values of a FAILED result. */
export const RESULT_ERROR_CODES = [
  /** Evidence against a live person: a spoof, a replay, another face mid-way. */
  'liveness_failed',
  /** The evidence was borderline; eSignet has no manual review, so it fails closed. */
  'liveness_review',
  /** Every attempt ended without a completed check (no face, prompts not followed, bad light). */
  'liveness_not_completed',
  /** The slot expired before the process finished. */
  'verification_timeout',
  /** The face provider could not answer (outage, overload, a malformed answer). */
  'verifier_unavailable',
  /** signup-service asked about a slot this verifier does not know. */
  'slot_not_found',
] as const;
/** A result error code. */
export type ResultErrorCode = (typeof RESULT_ERROR_CODES)[number];

/** The prompt shown for a challenge action. */
export function promptFor(action: ChallengeAction): MessageCode {
  return action;
}

/** Quality reasons worth telling the user about while they follow the prompts (head pose is expected: they turn). */
const HINTS: Partial<Record<ReasonCode, MessageCode>> = {
  no_face: 'no_face',
  multiple_faces: 'multiple_faces',
  too_dark: 'too_dark',
  too_bright: 'too_bright',
  face_too_small: 'move_closer',
  face_too_far: 'move_closer',
  face_too_close: 'move_back',
  face_cut_off: 'center_face',
};

/** The hint for a frame's quality reasons, or null when nothing needs fixing. */
export function hintFor(reasons: readonly ReasonCode[]): MessageCode | null {
  for (const reason of reasons) {
    const hint = HINTS[reason];
    if (hint) return hint;
  }
  return null;
}

/** The ERROR code announcing a retry after a fixable liveness failure. */
export function retryCodeFor(reasons: readonly ReasonCode[]): ErrorCode {
  if (reasons.includes('no_face') || reasons.includes('no_reference_image')) return 'retry_no_face';
  if (reasons.includes('multiple_faces')) return 'retry_multiple_faces';
  if (reasons.some((r) => r === 'too_dark' || r === 'too_bright' || r === 'blurry')) return 'retry_lighting';
  return 'retry_challenge';
}
