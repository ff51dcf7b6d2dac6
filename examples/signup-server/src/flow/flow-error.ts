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

/** How long a client waits before trying a 503 again when nothing more precise is known. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** A refusal with its HTTP status; the message tells the client what to do. */
export class FlowError extends Error {
  constructor(
    readonly status: number,
    readonly code: FlowErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** For a 503: when to try again (`Retry-After`, `alternatePath.retryAfterSeconds`). */
    readonly retryAfterSeconds: number = DEFAULT_RETRY_AFTER_SECONDS,
  ) {
    super(message);
    this.name = 'FlowError';
  }
}

/**
 * A provider's retry hint in whole seconds for `Retry-After`: rounded up, at
 * least 1 s, at most 10 minutes (a vendor's hour-long quota reset is better
 * answered with the assisted path than with a wait); without a hint, the default.
 */
export function retryAfterSecondsFrom(retryAfterMs: number | undefined): number {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0)
    return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.min(600, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}
