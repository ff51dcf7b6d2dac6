/**
 * The blink rule: the eye-state model's open-eye probability, judged against
 * the same person's open-eye baseline rather than a fixed cut, because the
 * model reads small or narrow eyes and eyes behind glasses lower (measured on
 * fixtures/video: small low-resolution eyes at 0.4–0.6 open, GRID's at 0.95–1.0).
 */
import { median } from './geometry';

/** What the blink rule needs from one frame. */
export interface EyeSample {
  atMs: number;
  /** Mean open-eye probability of the two eyes, null without a face. */
  eyeOpen: number | null;
  /** |yaw| in degrees, null without a face (eyes are judged on frames facing the camera). */
  absYaw: number | null;
}

/** Thresholds of the blink rule (see docs/adapters/local.md for the measurements). */
export interface BlinkThresholds {
  /** Frames turned further than this are not judged (the eye crops turn to profile). */
  maxYaw: number;
  /** Closed: probability at most this share of the baseline … */
  maxClosedRatio: number;
  /** … and at least this far below it (a narrow eye flickering 0.3 → 0.2 is not a blink). */
  minDrop: number;
  /** Open again: back to at least this share of the baseline … */
  minReopenRatio: number;
  /** … within this many ms of the closed frame (a blink, not eyes shut and later reopened). */
  maxClosedMs: number;
  /** A baseline below this cannot be judged: the model does not see this person's open eyes. */
  minBaseline: number;
}

export const BLINK_DEFAULTS: BlinkThresholds = {
  maxYaw: 20,
  maxClosedRatio: 0.5,
  minDrop: 0.3,
  minReopenRatio: 0.8,
  maxClosedMs: 1200,
  minBaseline: 0.35,
};

/** A blink seen: the closed frame, the frame open again, and the depth against the baseline. */
export interface BlinkHit {
  closedIndex: number;
  reopenIndex: number;
  baseline: number;
  /** Closed probability / baseline (0 = fully shut). */
  ratio: number;
}

/**
 * The first blink in `samples[from..]` before `deadline`. The baseline is the
 * median open-eye probability of the judged frames from `baselineFrom` up to
 * the candidate (the person's own open eyes, including the frontal reference
 * frame), so it follows the person, the light and the camera of this capture.
 */
export function findBlink(
  samples: readonly EyeSample[],
  from: number,
  deadline: number,
  baselineFrom: number,
  t: BlinkThresholds = BLINK_DEFAULTS,
  accept: (index: number) => boolean = () => true,
): BlinkHit | null {
  const judged = (s: EyeSample | undefined): s is EyeSample & { eyeOpen: number } =>
    !!s && s.eyeOpen !== null && s.absYaw !== null && s.absYaw <= t.maxYaw;
  const before: number[] = [];
  for (let i = baselineFrom; i < from; i++) {
    const s = samples[i];
    if (judged(s)) before.push(s.eyeOpen);
  }
  for (let i = from; i < samples.length; i++) {
    const s = samples[i];
    if (!s || s.atMs > deadline) break;
    if (!judged(s)) continue;
    const baseline = before.length > 0 ? median(before) : null;
    before.push(s.eyeOpen);
    if (baseline === null || baseline < t.minBaseline) continue;
    const closed = s.eyeOpen <= baseline * t.maxClosedRatio && baseline - s.eyeOpen >= t.minDrop;
    if (!closed || !accept(i)) continue;
    for (let j = i + 1; j < samples.length; j++) {
      const g = samples[j];
      if (!g || g.atMs > deadline || g.atMs - s.atMs > t.maxClosedMs) break;
      if (judged(g) && g.eyeOpen >= baseline * t.minReopenRatio)
        return { closedIndex: i, reopenIndex: j, baseline, ratio: s.eyeOpen / baseline };
    }
  }
  return null;
}
