/** Codes the signup API answers with when a request cannot proceed. */
export type FlowErrorCode =
  | 'no_session'
  | 'session_expired'
  | 'session_closed'
  | 'out_of_order'
  | 'step_expired'
  | 'busy'
  | 'challenge_required'
  | 'challenge_mismatch'
  | 'challenge_expired'
  | 'challenge_limit'
  | 'vendor_session_required'
  | 'vendor_session_expired'
  | 'vendor_session_replayed'
  | 'wrong_liveness_shape'
  | 'media_missing'
  | 'email_taken'
  | 'registration_busy'
  | 'invalid_input'
  | 'capture_time_invalid'
  | 'provider_unavailable';

/** A refusal with its HTTP status; the message tells the client what to do. */
export class FlowError extends Error {
  constructor(
    readonly status: number,
    readonly code: FlowErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FlowError';
  }
}
