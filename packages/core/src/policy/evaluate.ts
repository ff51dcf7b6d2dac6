import { type ReasonCode, reasonClass, uniqueReasons } from '../reasons/reason-codes';
import type { Decision, DecisionOutcome } from '../results/common';
import type { MatchObservation } from '../results/face-match';
import type { SearchObservation } from '../results/face-search';
import type { LivenessObservation } from '../results/liveness';
import type { QualityObservation } from '../results/quality';
import type { PolicyConfig } from './policy-config';

const SEVERITY: Record<DecisionOutcome, number> = { pass: 0, review: 1, retry: 2, reject: 3 };

function decide(outcome: DecisionOutcome, reasons: ReasonCode[]): Decision {
  return { outcome, reasons: uniqueReasons(reasons) };
}
const PASS: Decision = { outcome: 'pass', reasons: [] };

function byClass(reasons: readonly ReasonCode[], cls: 'fixable' | 'borderline' | 'blocking'): ReasonCode[] {
  return reasons.filter((r) => reasonClass(r) === cls && r !== 'liveness_inconclusive');
}

/**
 * Combine decisions: the most severe outcome wins (reject > retry > review >
 * pass), carrying the reasons of every decision with that outcome.
 */
export function combineDecisions(...decisions: Decision[]): Decision {
  const worst = decisions.reduce((a, b) => (SEVERITY[b.outcome] > SEVERITY[a.outcome] ? b : a), PASS);
  return decide(
    worst.outcome,
    decisions.filter((d) => d.outcome === worst.outcome).flatMap((d) => d.reasons),
  );
}

/**
 * Liveness: evidence against the user rejects; user-fixable problems ask for a
 * retry; a vendor that cannot decide follows `policy.inconclusive`; then the
 * confidence band decides. A label without a score passes only when it is
 * `live`; no label and no score is never a pass.
 */
export function evaluateLiveness(
  obs: Pick<LivenessObservation, 'verdict' | 'confidence' | 'reasons'>,
  policy: PolicyConfig,
): Decision {
  const reasons = uniqueReasons(obs.reasons);
  const blocking = byClass(reasons, 'blocking');
  if (obs.verdict === 'spoof') blocking.push('spoof_suspected');
  if (blocking.length > 0) return decide('reject', blocking);

  const fixable = byClass(reasons, 'fixable');
  if (fixable.length > 0) return decide('retry', fixable);

  if (obs.verdict === 'inconclusive' || reasons.includes('liveness_inconclusive')) {
    return decide(policy.inconclusive, ['liveness_inconclusive']);
  }
  if (obs.confidence === null) {
    if (obs.verdict !== 'live') return decide('reject', ['incomplete_result']);
  } else if (obs.confidence < policy.liveness.reviewAt) {
    return decide('reject', ['spoof_suspected']);
  } else if (obs.confidence < policy.liveness.passAt) {
    return decide('review', ['low_confidence', ...byClass(reasons, 'borderline')]);
  }
  const borderline = byClass(reasons, 'borderline');
  return borderline.length > 0 ? decide('review', borderline) : PASS;
}

/**
 * 1:1 match: no comparable face asks for a retry; the similarity band decides;
 * a vendor label that disagrees with a passing score sends it to review.
 */
export function evaluateMatch(
  obs: Pick<MatchObservation, 'similarity' | 'vendorIsMatch' | 'reasons'>,
  policy: PolicyConfig,
): Decision {
  const reasons = uniqueReasons(obs.reasons);
  const blocking = byClass(reasons, 'blocking');
  if (blocking.length > 0) return decide('reject', blocking);
  const fixable = byClass(reasons, 'fixable');
  if (fixable.length > 0) return decide('retry', fixable);
  if (obs.similarity === null) return decide('reject', ['incomplete_result']);
  if (obs.similarity < policy.match.reviewAt) return decide('reject', ['face_mismatch']);
  if (obs.similarity < policy.match.passAt) return decide('review', ['low_similarity']);
  if (obs.vendorIsMatch === false) return decide('review', ['low_similarity']);
  const borderline = byClass(reasons, 'borderline');
  return borderline.length > 0 ? decide('review', borderline) : PASS;
}

/** 1:N duplicate check: the best candidate decides; `pass` means the face is new. */
export function evaluateSearch(
  obs: Pick<SearchObservation, 'reasons'> & { matches: readonly { similarity: number }[] },
  policy: PolicyConfig,
): Decision {
  const reasons = uniqueReasons(obs.reasons);
  const blocking = byClass(reasons, 'blocking');
  const best = obs.matches.reduce((max, m) => Math.max(max, m.similarity), 0);
  if (best >= policy.duplicate.rejectAt) blocking.push('duplicate_face');
  if (blocking.length > 0) return decide('reject', blocking);
  const fixable = byClass(reasons, 'fixable');
  if (fixable.length > 0) return decide('retry', fixable);
  if (best >= policy.duplicate.reviewAt) return decide('review', ['possible_duplicate']);
  return PASS;
}

/** Quality feedback: any problem is something the user can fix. */
export function evaluateQuality(obs: Pick<QualityObservation, 'reasons' | 'faces'>): Decision {
  const reasons = uniqueReasons(obs.reasons);
  if (obs.faces.length === 0 && !reasons.includes('no_face')) reasons.unshift('no_face');
  return reasons.length > 0 ? decide('retry', reasons) : PASS;
}
