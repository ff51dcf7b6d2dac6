/**
 * The light rule of a bound challenge: the face must reflect the page's
 * colour sequence frame by frame. Per judged frame, the face-minus-background
 * colour (linear light, divided by the face's brightness so exposure changes
 * cancel, its grey part dropped) is compared with the colour shown; over the capture, the two must
 * correlate, the reflection must be strong enough, and most frames must lean
 * towards their own colour. See docs/adapters/local.md for the margins.
 */
import { LIGHT_RGB, type LightSequence, lightAt } from '@facegate/core';
import type { FaceLight } from './face-light';

/** What the rule needs from one frame. */
export interface LightSample {
  atMs: number;
  /** null without a face. */
  light: FaceLight | null;
}

/** Thresholds (see the docs page). */
export interface LightThresholds {
  /** A frame is judged only if one colour was on from this long before it … */
  settleFromMs: number;
  /** … up to this long before it (the camera and the screen lag). */
  settleToMs: number;
  /** At least this many judged frames, under at least `minColors` colours. */
  minFrames: number;
  minColors: number;
  /** Correlation of measured and shown colour over the judged frames at least this … */
  minCorrelation: number;
  /** … the regression gain (reflected share of the face's light per unit of colour) at least this … */
  minGain: number;
  /** … and at least this share of the judged frames leaning towards their own colour. */
  minAgreeing: number;
}

export const LIGHT_DEFAULTS: LightThresholds = {
  settleFromMs: 250,
  settleToMs: 50,
  minFrames: 4,
  minColors: 2,
  minCorrelation: 0.6,
  minGain: 0.02,
  minAgreeing: 0.7,
};

/** The rule's measurements and verdict. */
export interface LightOutcome {
  frames: number;
  correlation: number | null;
  gain: number | null;
  agreeing: number | null;
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

export function judgeLight(
  samples: readonly LightSample[],
  light: LightSequence,
  t: LightThresholds = LIGHT_DEFAULTS,
): LightOutcome {
  const measured: Vec[] = [];
  const shown: Vec[] = [];
  const colors = new Set<string>();
  for (const s of samples) {
    const l = s.light;
    if (!l?.background) continue;
    // One colour over the whole settle span (segments are longer than the span, so equal ends suffice).
    const color = lightAt(light, s.atMs - t.settleFromMs);
    if (!color || lightAt(light, s.atMs - t.settleToMs) !== color) continue;
    const brightness = (l.face[0] + l.face[1] + l.face[2]) / 3;
    if (!(brightness > 0)) continue;
    measured.push(chromatic(sub(l.face as Vec, l.background as Vec).map((v) => v / brightness) as Vec));
    shown.push(chromatic(LIGHT_RGB[color].map((v) => v / 255) as Vec));
    colors.add(color);
  }
  if (measured.length < t.minFrames || colors.size < t.minColors)
    return { frames: measured.length, correlation: null, gain: null, agreeing: null, verdict: 'unjudged' };
  const mMean = mean(measured);
  const sMean = mean(shown);
  const d = measured.map((v) => sub(v, mMean));
  const e = shown.map((v) => sub(v, sMean));
  let de = 0;
  let dd = 0;
  let ee = 0;
  let agree = 0;
  for (let i = 0; i < d.length; i++) {
    const di = d[i] as Vec;
    const ei = e[i] as Vec;
    de += dot(di, ei);
    dd += dot(di, di);
    ee += dot(ei, ei);
    if (dot(di, ei) > 0) agree++;
  }
  const correlation = dd > 0 && ee > 0 ? de / Math.sqrt(dd * ee) : 0;
  const gain = ee > 0 ? de / ee : 0;
  const agreeing = agree / d.length;
  const pass = correlation >= t.minCorrelation && gain >= t.minGain && agreeing >= t.minAgreeing;
  return { frames: d.length, correlation, gain, agreeing, verdict: pass ? 'pass' : 'mismatch' };
}
