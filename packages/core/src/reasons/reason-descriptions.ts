import type { ReasonCode } from './reason-codes';

/**
 * Plain-English descriptions of reason codes, for developers and logs. User
 * interfaces should keep their own translatable strings keyed by the code.
 */
export const REASON_DESCRIPTIONS: Readonly<Record<ReasonCode, string>> = {
  no_face: 'No face was found.',
  multiple_faces: 'More than one face was found.',
  face_too_small: 'The face has too few pixels to analyse.',
  document_is_capture: 'The document photo is a copy of the live capture, not a photo of the document.',
  face_too_far: 'The face is too far from the camera.',
  face_too_close: 'The face is too close to the camera.',
  face_obstructed: 'Something covers part of the face (a hand, a mask, hair, glare on glasses).',
  face_cut_off: 'Part of the face is outside the frame.',
  off_center: 'The face is not centred.',
  too_dark: 'The image is too dark.',
  too_bright: 'The image is too bright.',
  blurry: 'The image is blurred (movement or focus).',
  head_pose: 'The head is turned or tilted too far.',
  eyes_closed: 'The eyes are closed.',
  low_resolution: 'The image resolution is too low.',
  no_reference_image: 'The provider returned no usable reference image; retry the check.',
  capture_failed: 'The capture did not complete (the user stopped or the stream failed).',
  challenge_incomplete: 'Not every challenge step was performed.',
  challenge_timeout: 'The challenge was not completed in time.',
  liveness_inconclusive: 'The provider could not decide whether the face is live.',
  face_still: 'The face did not move over the frames: no challenge step was performed.',
  blink_not_seen: 'A blink was asked for; the eyes were not seen closed and open again.',
  turn_too_small: 'A head turn was asked for; the head turned that way but not far enough.',
  light_mismatch: 'The colours shown on the screen were not seen reflected on the face in the order shown.',
  low_confidence: 'The liveness confidence is in the borderline band.',
  low_similarity: 'The face similarity is in the borderline band.',
  possible_duplicate: 'A registered face is similar, in the borderline band.',
  vendor_review: 'The provider asked for a manual review.',
  client_result_missing:
    "The browser did not report the vendor component's result check (e.g. Azure's digest), so the result cannot be tied to this browser.",
  spoof_suspected: 'The face appears to be a presentation attack (photo, screen, mask).',
  replay_suspected: 'The frames look like a replayed still image or recording.',
  identity_changed: 'The face changed identity during the capture.',
  face_mismatch: 'The faces do not belong to the same person.',
  duplicate_face: 'This face is already registered.',
  incomplete_result: 'The provider answer lacked the data needed to decide.',
  client_result_mismatch:
    "The result check the browser's vendor component reported (e.g. Azure's digest) does not match the vendor's session result.",
};

/** A one-line description of a reason code. */
export function describeReason(code: ReasonCode): string {
  return REASON_DESCRIPTIONS[code];
}
