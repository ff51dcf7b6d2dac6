/**
 * The passive anti-spoof rule: MiniFASNet's real-face score on several
 * frontal frames, as a required signal. One frame can be unlucky (blur, a
 * blink, compression); the median of several is what is judged. Scores drop
 * on near-profile faces (upstream: rotation below 30°), so only frames facing
 * the camera count.
 */
import { median } from './geometry';

/** What the rule needs from one frame. */
export interface SpoofSample {
  /** Fused real-face score 0..1, null when not measured. */
  real: number | null;
  /** |yaw| in degrees, null without a face. */
  absYaw: number | null;
  /** Exactly one counted face on the frame (a bystander's score must not speak for the user). */
  singleFace: boolean;
}

/** Thresholds (see docs/adapters/local.md for the measurements behind them). */
export const ANTI_SPOOF_DEFAULTS = {
  /** Frames turned further than this are not scored. */
  maxYaw: 20,
  /** At least this many frontal frames must be scored … */
  minFrames: 3,
  /** … and their median real-face score at least this. */
  minMedianReal: 0.5,
} as const;

/** The outcome: the median, the frames it came from, and whether it passes. */
export interface AntiSpoofOutcome {
  /** Median real score of the scored frames, null when too few were scored. */
  median: number | null;
  frames: number;
  /** `pass`, `spoof` (scored and below the threshold) or `unscored` (too few frontal frames). */
  verdict: 'pass' | 'spoof' | 'unscored';
}

export function judgeAntiSpoof(
  samples: readonly SpoofSample[],
  t: typeof ANTI_SPOOF_DEFAULTS = ANTI_SPOOF_DEFAULTS,
): AntiSpoofOutcome {
  const scores: number[] = [];
  for (const s of samples) {
    if (s.real !== null && s.singleFace && s.absYaw !== null && s.absYaw <= t.maxYaw) scores.push(s.real);
  }
  if (scores.length < t.minFrames) return { median: null, frames: scores.length, verdict: 'unscored' };
  const m = median(scores);
  return { median: m, frames: scores.length, verdict: m >= t.minMedianReal ? 'pass' : 'spoof' };
}
