/**
 * The light rule of a bound challenge: the face must reflect the page's
 * colour sequence frame by frame. Per judged frame, face minus background
 * colour (light added evenly to both cancels), each channel over the face's
 * own mean in it (the skin's colour cancels), grey part dropped
 * (exposure and motion change all channels alike); that is compared with the
 * colour shown. Over the capture the two must correlate, the reflection must
 * be strong enough, and enough colour segments must each point at their own
 * colour rather than another of the six: a replay whose frames followed
 * another sequence matches a segment by chance one time in five, so the
 * number of segments judged, not of frames, bounds its odds. The
 * screen-to-camera lag is searched, not assumed.
 * See docs/adapters/local.md for the margins.
 */
import { LIGHT_COLORS, LIGHT_RGB, type LightColor, type LightSequence } from '@facegate/core';
import type { FaceLight } from './face-light';

/** What the rule needs from one frame. */
export interface LightSample {
  atMs: number;
  /** null without a face. */
  light: FaceLight | null;
}

/** Thresholds (see the docs page). */
export interface LightThresholds {
  /** The screen-to-camera lag is not known (camera pipeline, a busy device): every lag in this range is tried … */
  lagMs: { min: number; max: number; step: number };
  /** … and a frame is judged only if one colour was on for this long up to its time minus the lag. */
  settleMs: number;
  /** At least this many judged frames … */
  minFrames: number;
  /** … in at least this many colour segments (a replay matches each by chance 1 in 5: 5 segments, 1 in 3125). */
  minSegments: number;
  /** Correlation of measured and shown colour over the judged frames at least this … */
  minCorrelation: number;
  /** … the regression gain (reflected share of the face's light per unit of colour) at least this … */
  minGain: number;
  /** … and of the judged segments, at most this share (rounded down) not pointing at their own colour, of the six. */
  maxMissedShare: number;
}

export const LIGHT_DEFAULTS: LightThresholds = {
  lagMs: { min: 0, max: 400, step: 50 },
  settleMs: 150,
  minFrames: 6,
  minSegments: 6,
  minCorrelation: 0.7,
  minGain: 0.02,
  maxMissedShare: 0.1,
};

/** The rule's measurements and verdict. */
export interface LightOutcome {
  /** The screen-to-camera lag that fitted best, ms (null when nothing was judged). */
  lagMs: number | null;
  frames: number;
  correlation: number | null;
  gain: number | null;
  /** Judged colour segments. */
  segments: number;
  /** Share of judged segments whose reflection points at the colour shown rather than another of the six. */
  matched: number | null;
  /** `pass`, `mismatch` (judged and not following the colours) or `unjudged` (too few frames to judge). */
  verdict: 'pass' | 'mismatch' | 'unjudged';
}

type Vec = [number, number, number];

const mean = (vs: Vec[]): Vec => {
  const m: Vec = [0, 0, 0];
  for (const v of vs) for (let c = 0; c < 3; c++) m[c] = (m[c] ?? 0) + (v[c] ?? 0) / vs.length;
  return m;
};
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
/** The colour part only: the grey part moves with exposure and head motion, not with which colour is on. */
const chromatic = (v: Vec): Vec => {
  const grey = (v[0] + v[1] + v[2]) / 3;
  return [v[0] - grey, v[1] - grey, v[2] - grey];
};

/**
 * Judge the frames against the sequence at every lag in `t.lagMs` and keep
 * the best fit: the person's screen and camera decide the lag, not the rule.
 */
export function judgeLight(
  samples: readonly LightSample[],
  light: LightSequence,
  t: LightThresholds = LIGHT_DEFAULTS,
): LightOutcome {
  let best: LightOutcome | null = null;
  for (let lag = t.lagMs.min; lag <= t.lagMs.max; lag += t.lagMs.step) {
    const out = judgeAtLag(samples, light, lag, t);
    if (!best || score(out) > score(best)) best = out;
  }
  return (
    best ?? { lagMs: null, frames: 0, segments: 0, correlation: null, gain: null, matched: null, verdict: 'unjudged' }
  );
}

/** Passing fits first, then the higher correlation. */
const score = (o: LightOutcome) => (o.verdict === 'pass' ? 2 : 0) + (o.correlation ?? -1);

function judgeAtLag(
  samples: readonly LightSample[],
  light: LightSequence,
  lag: number,
  t: LightThresholds,
): LightOutcome {
  const judged: { face: Vec; background: Vec; color: LightColor; segment: number }[] = [];
  for (const s of samples) {
    const l = s.light;
    if (!l?.background || !(Math.min(...l.face, ...l.background) > 0)) continue;
    // One segment over the whole settle span (segments are longer than the span, so equal ends suffice).
    const segment = segmentAt(light, s.atMs - lag - t.settleMs);
    const color = light.segments[segment]?.color;
    if (!color || segmentAt(light, s.atMs - lag) !== segment) continue;
    judged.push({ face: [...l.face], background: [...l.background], color, segment });
  }
  const segments = new Set(judged.map((j) => j.segment)).size;
  if (judged.length < t.minFrames || segments < t.minSegments)
    return {
      lagMs: lag,
      frames: judged.length,
      segments,
      correlation: null,
      gain: null,
      matched: null,
      verdict: 'unjudged',
    };
  // Face minus background (light added evenly to both cancels), each channel over the face's own mean in it
  // (the skin's colour cancels, the reflected light's share stays).
  const fMean = mean(judged.map((j) => j.face));
  const measured = judged.map((j) => {
    const d = sub(j.face, j.background);
    return chromatic([d[0] / fMean[0], d[1] / fMean[1], d[2] / fMean[2]]);
  });
  const shownOf = (c: LightColor) => chromatic(LIGHT_RGB[c].map((v) => v / 255) as Vec);
  const sMean = mean(judged.map((j) => shownOf(j.color)));
  const mMean = mean(measured);
  const candidates = LIGHT_COLORS.map((c) => ({ c, e: sub(shownOf(c), sMean) }));
  let de = 0;
  let dd = 0;
  let ee = 0;
  const bySegment = new Map<number, { sum: Vec; color: LightColor }>();
  for (const [i, j] of judged.entries()) {
    const di = sub(measured[i] as Vec, mMean);
    const ei = sub(shownOf(j.color), sMean);
    de += dot(di, ei);
    dd += dot(di, di);
    ee += dot(ei, ei);
    const seg = bySegment.get(j.segment) ?? { sum: [0, 0, 0] as Vec, color: j.color };
    seg.sum = [seg.sum[0] + di[0], seg.sum[1] + di[1], seg.sum[2] + di[2]];
    bySegment.set(j.segment, seg);
  }
  // The colour each segment's reflection points at most (cosine), of all six.
  let matched = 0;
  for (const seg of bySegment.values()) {
    const cosine = (e: Vec) => dot(seg.sum, e) / Math.sqrt(dot(e, e) || 1);
    const nearest = candidates.reduce((a, b) => (cosine(b.e) > cosine(a.e) ? b : a));
    if (nearest.c === seg.color) matched++;
  }
  const correlation = dd > 0 && ee > 0 ? de / Math.sqrt(dd * ee) : 0;
  const gain = ee > 0 ? de / ee : 0;
  const missed = segments - matched;
  const pass =
    correlation >= t.minCorrelation && gain >= t.minGain && missed <= Math.floor(segments * t.maxMissedShare);
  return {
    lagMs: lag,
    frames: judged.length,
    segments,
    correlation,
    gain,
    matched: matched / segments,
    verdict: pass ? 'pass' : 'mismatch',
  };
}

/** Index of the segment on screen at `atMs` (-1 before the first). */
function segmentAt(light: LightSequence, atMs: number): number {
  let index = -1;
  for (const [i, s] of light.segments.entries()) if (s.fromMs <= atMs) index = i;
  return index;
}
