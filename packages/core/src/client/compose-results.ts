import { combineDecisions, evaluateLiveness, evaluateMatch, evaluateQuality, evaluateSearch } from '../policy/evaluate';
import type { PolicyConfig } from '../policy/policy-config';
import { uniqueReasons } from '../reasons/reason-codes';
import type { Warning } from '../results/common';
import type { FaceMatchResult, MatchObservation } from '../results/face-match';
import type { FaceSearchResult, SearchObservation } from '../results/face-search';
import type { LivenessObservation, LivenessResult } from '../results/liveness';
import type { QualityObservation, QualityReport } from '../results/quality';

/** Apply the policy to a liveness observation. */
export function composeLivenessResult(
  provider: string,
  obs: LivenessObservation,
  policy: PolicyConfig,
  extraWarnings: Warning[],
): LivenessResult {
  const livenessDecision = evaluateLiveness(obs, policy);
  const matchDecision = obs.faceMatch ? evaluateMatch(obs.faceMatch, policy) : undefined;
  const decision = matchDecision ? combineDecisions(livenessDecision, matchDecision) : livenessDecision;
  const result: LivenessResult = {
    provider,
    isLive: livenessDecision.outcome === 'pass',
    verdict: obs.verdict,
    confidence: obs.confidence,
    decision,
    reasons: uniqueReasons([
      ...obs.reasons,
      ...(obs.faceMatch?.reasons ?? []),
      ...livenessDecision.reasons,
      ...(matchDecision?.reasons ?? []),
    ]),
    raw: obs.raw,
    warnings: [...obs.warnings, ...extraWarnings],
  };
  if (obs.faceMatch && matchDecision) {
    result.faceMatch = {
      isMatch: matchDecision.outcome === 'pass',
      similarity: obs.faceMatch.similarity,
      decision: matchDecision,
    };
  }
  if (obs.referenceImage) result.referenceImage = obs.referenceImage;
  if (obs.auditImages) result.auditImages = obs.auditImages;
  if (obs.challenge) result.challenge = obs.challenge;
  return result;
}

/** Apply the policy to a 1:1 observation. */
export function composeMatchResult(
  provider: string,
  obs: MatchObservation,
  policy: PolicyConfig,
  extraWarnings: Warning[],
): FaceMatchResult {
  const decision = evaluateMatch(obs, policy);
  return {
    provider,
    isMatch: decision.outcome === 'pass',
    similarity: obs.similarity,
    decision,
    reasons: uniqueReasons([...obs.reasons, ...decision.reasons]),
    faces: obs.faces ?? { source: null, target: null },
    raw: obs.raw,
    warnings: [...obs.warnings, ...extraWarnings],
  };
}

/** Apply the policy to a 1:N observation. */
export function composeSearchResult(
  provider: string,
  obs: SearchObservation,
  policy: PolicyConfig,
  extraWarnings: Warning[],
): FaceSearchResult {
  const decision = evaluateSearch(obs, policy);
  const matches = [...obs.matches].sort((a, b) => b.similarity - a.similarity);
  return {
    provider,
    matches,
    isDuplicate: decision.reasons.includes('duplicate_face'),
    decision,
    reasons: uniqueReasons([...obs.reasons, ...decision.reasons]),
    raw: obs.raw,
    warnings: [...obs.warnings, ...extraWarnings],
  };
}

/** Turn a quality observation into a report. */
export function composeQualityReport(
  provider: string,
  obs: QualityObservation,
  extraWarnings: Warning[],
): QualityReport {
  const decision = evaluateQuality(obs);
  return {
    ...obs,
    reasons: uniqueReasons([...obs.reasons, ...decision.reasons]),
    provider,
    decision,
    warnings: [...obs.warnings, ...extraWarnings],
  };
}
