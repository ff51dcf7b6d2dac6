import type { LivenessVerdict, ReasonCode } from '@facegate/core';
import type { AntiSpoofOutcome } from './anti-spoof-rule';
import { ANTI_SPOOF_DEFAULTS } from './anti-spoof-rule';
import type { StepsOutcome } from './challenge-steps';
import { LIGHT_DEFAULTS, type LightOutcome } from './light-rule';
import { MATCH_CALIBRATION, similarityFromDistance } from './similarity';

/** Evidence besides the steps. */
export interface LivenessEvidence {
  /** Largest descriptor distance of a step frame from the frontal reference frame, null when not measured. */
  identityDistance: number | null;
  /** The passive anti-spoof rule over the frontal frames (a required signal). */
  antiSpoof: AntiSpoofOutcome;
  /** The check ran after the challenge's `expiresAt`. */
  expired: boolean;
  /** The light rule, when the challenge carries a colour sequence (null: none to follow). */
  light: LightOutcome | null;
  /** The same picture sent again and again (the frozen-frames rule). */
  frozen: boolean;
}

/** Thresholds of the combination (see the docs page). */
export const LIVENESS_DEFAULTS = {
  /** A step frame farther than this from the reference (descriptor distance) is another person. */
  maxIdentityDistance: MATCH_CALIBRATION.d0,
} as const;

/** Verdict, confidence and reasons of one liveness check. */
export interface LivenessDecision {
  verdict: LivenessVerdict;
  /** null when the challenge was not completed. */
  confidence: number | null;
  reasons: ReasonCode[];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Combine the challenge steps with identity continuity, the passive
 * anti-spoof rule (required: a scored median below its threshold is a spoof,
 * too few frontal frames to score is inconclusive), the frozen-frames rule (a
 * spoof) and, for a challenge with a colour sequence, the light rule (not
 * followed: `light_mismatch`, inconclusive — a bright room can drown the
 * screen's light, and the person can try again).
 *
 * Confidence is the weakest margin among the rules that decided: each rule's
 * measurement passes through a logistic that is 0.5 exactly at its threshold
 * (turn parallax, turn angle, blink depth, frontal pose, anti-spoof median,
 * identity distance via the match calibration). So `live` always has confidence ≥ 0.5 and a value near
 * 0.5 means some rule only just passed. It is a margin, not a probability of
 * being live: nothing here was fitted to attack data.
 */
export function decideLiveness(steps: StepsOutcome, evidence: LivenessEvidence): LivenessDecision {
  const reasons: ReasonCode[] = [...steps.reasons];
  const margins: number[] = steps.steps.flatMap((s) => (s.strength === null ? [] : [s.strength]));
  if (evidence.expired) reasons.push('challenge_timeout');
  if (evidence.frozen) reasons.push('replay_suspected');
  const light = evidence.light;
  if (light && light.verdict !== 'pass') reasons.push('light_mismatch');
  if (light?.verdict === 'pass' && light.correlation !== null && light.gain !== null)
    margins.push(
      Math.min(
        logistic((light.correlation - LIGHT_DEFAULTS.minCorrelation) / 0.1),
        logistic((light.gain - LIGHT_DEFAULTS.minGain) / 0.01),
      ),
    );
  if (evidence.identityDistance !== null) {
    margins.push(similarityFromDistance(evidence.identityDistance));
    if (evidence.identityDistance > LIVENESS_DEFAULTS.maxIdentityDistance) reasons.push('identity_changed');
  }
  const spoof = evidence.antiSpoof;
  if (spoof.verdict === 'spoof') reasons.push('spoof_suspected');
  // The median's margin: 0.5 at the threshold, like every other rule's.
  if (spoof.median !== null) margins.push(logistic((spoof.median - ANTI_SPOOF_DEFAULTS.minMedianReal) / 0.1));
  const unique = [...new Set(reasons)];
  if (
    unique.includes('identity_changed') ||
    unique.includes('replay_suspected') ||
    unique.includes('spoof_suspected')
  ) {
    const replayMargin = logistic((steps.maxResidual - 0.045) / 0.01);
    const against = unique.includes('replay_suspected') ? [...margins, replayMargin] : margins;
    return { verdict: 'spoof', confidence: Math.min(0.49, ...against), reasons: unique };
  }
  const complete =
    steps.steps.every((s) => s.completed) && !evidence.expired && (light === null || light.verdict === 'pass');
  if (!complete || evidence.identityDistance === null)
    return {
      verdict: 'inconclusive',
      confidence: null,
      reasons: unique.length > 0 ? unique : ['challenge_incomplete'],
    };
  // Too few frontal frames to score: the required passive signal is missing, so no `live`.
  if (spoof.verdict === 'unscored')
    return { verdict: 'inconclusive', confidence: null, reasons: [...unique, 'liveness_inconclusive'] };
  return { verdict: 'live', confidence: Math.min(...margins), reasons: unique };
}
