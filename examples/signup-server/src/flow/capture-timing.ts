import type { Challenge } from '@facegate/core';

/** Rules the frames' capture times must keep; each names a `details.rule` of `capture_time_invalid`. */
export type CaptureTimeRule =
  | 'all_equal'
  | 'not_increasing'
  | 'ahead_of_server_clock'
  | 'after_capture_end'
  | 'span_too_short';

/** Slack for the browser's and the server's clocks: the page stamps frames from when it showed the challenge, which is after the server issued it. */
export const CAPTURE_CLOCK_GRACE_MS = 250;
/** Least time a person needs per prompt after the first (a head turn or a blink takes longer). */
export const MIN_MS_PER_PROMPT = 100;

/**
 * Check the frames' `capturedAtMs` (ms since the challenge was shown) against
 * the server's clock and the challenge. In order:
 * - `all_equal`: several frames with one stamp (all 0 is the usual forgery);
 * - `not_increasing`: each stamp must be later than the one before;
 * - `ahead_of_server_clock`: the last stamp is later than the time that has
 *   passed on the server since it issued the challenge (+ grace);
 * - `after_capture_end`: the last stamp is past the capture's end (the
 *   schedule's end, else the challenge's lifetime);
 * - `span_too_short`: a capture of several prompts over in less time than
 *   performing them takes.
 * Returns the first rule broken, or null. The liveness engine still judges
 * what the frames show at those times; this only refuses times that cannot be
 * true (a recording stamped consistently with the clock gets through here).
 */
export function brokenCaptureTimeRule(
  stamps: readonly number[],
  challenge: Pick<Challenge, 'issuedAt' | 'expiresAt' | 'steps' | 'schedule'>,
  now: Date,
): CaptureTimeRule | null {
  if (stamps.length === 0) return null;
  const first = stamps[0] as number;
  if (stamps.length > 1 && stamps.every((t) => t === first)) return 'all_equal';
  for (let i = 1; i < stamps.length; i++)
    if ((stamps[i] as number) <= (stamps[i - 1] as number)) return 'not_increasing';
  const last = stamps[stamps.length - 1] as number;
  const issuedAt = Date.parse(challenge.issuedAt);
  if (last > now.getTime() - issuedAt + CAPTURE_CLOCK_GRACE_MS) return 'ahead_of_server_clock';
  const endMs = challenge.schedule?.endMs ?? Date.parse(challenge.expiresAt) - issuedAt;
  if (last > endMs + CAPTURE_CLOCK_GRACE_MS) return 'after_capture_end';
  if (stamps.length > 1 && last - first < MIN_MS_PER_PROMPT * (challenge.steps.length - 1)) return 'span_too_short';
  return null;
}
