import type { LivenessVerdict, ReasonCode, Warning } from '@facegate/core';
import { malformedResponse, type ResponseLabel, toRawResponse, toUnitScore } from '@facegate/core/adapter-kit';
import type { LivenessObservation, SessionResultObservation } from '@facegate/core/spec';
import type { AzureAnswer } from './azure-errors';
import { recognitionQualityReasons } from './azure-quality';
import { answerLabel } from './azure-request';
import type { AzureLivenessAttempt, AzureLivenessSession } from './azure-schemas';
import type { AzureSessionKind } from './azure-session-id';

const DECISIONS: Readonly<Record<string, LivenessVerdict>> = {
  realface: 'live',
  spoofface: 'spoof',
  uncertain: 'inconclusive',
};

// Attempt error codes that name a user-fixable cause (names as the client SDKs
// report them; an assumption beyond Azure's REST docs, which show only
// FaceWithMaskDetected). Every failed capture also gets `capture_failed`.
const ATTEMPT_ERROR_REASONS: Readonly<Record<string, ReasonCode>> = {
  ExcessiveImageBlurDetected: 'blurry',
  ExcessiveFaceBrightness: 'too_bright',
  FaceNotFound: 'no_face',
  TimedOut: 'challenge_timeout',
  ActionNotPerformed: 'challenge_incomplete',
};

const is = (value: string, ...states: string[]) => states.some((s) => s.toLowerCase() === value.toLowerCase());

/** Map Azure's label; anything else is an answer we cannot trust. */
function toVerdict(decision: string | null | undefined, attemptId: number, label: ResponseLabel): LivenessVerdict {
  const verdict = decision ? DECISIONS[decision.toLowerCase()] : undefined;
  if (!verdict)
    throw malformedResponse(
      label,
      decision
        ? `attempt ${attemptId} has an unknown livenessDecision '${decision.slice(0, 20)}'`
        : `attempt ${attemptId} succeeded without a livenessDecision`,
    );
  return verdict;
}

function completedObservation(
  session: AzureLivenessSession,
  kind: AzureSessionKind,
  completed: AzureLivenessAttempt[],
  label: ResponseLabel,
  raw: LivenessObservation['raw'],
): LivenessObservation {
  const warnings: Warning[] = [];
  const reasons: ReasonCode[] = [];
  const chosen = completed[completed.length - 1] as AzureLivenessAttempt;
  const verdict = toVerdict(chosen.result?.livenessDecision, chosen.attemptId, label);
  for (const earlier of completed.slice(0, -1)) {
    const earlierVerdict = toVerdict(earlier.result?.livenessDecision, earlier.attemptId, label);
    // A spoof found earlier in the same session is evidence the latest attempt does not erase.
    if (earlierVerdict === 'spoof' && !reasons.includes('spoof_suspected')) reasons.push('spoof_suspected');
    if (earlierVerdict !== verdict)
      warnings.push({
        type: 'other',
        message: `attempt ${earlier.attemptId} of this session was '${earlier.result?.livenessDecision}'; the latest completed attempt (${chosen.attemptId}, '${chosen.result?.livenessDecision}') decides${earlierVerdict === 'spoof' ? ', and the earlier spoof is reported as spoof_suspected' : ''}`,
      });
  }
  const observation: LivenessObservation = { verdict, confidence: null, reasons, raw, warnings };
  if (kind === 'verify') {
    const verify = chosen.result?.verifyResult;
    if (!verify) throw malformedResponse(label, `with-verify attempt ${chosen.attemptId} has no verifyResult`);
    const reference = session.results.verifyReferences?.[0];
    observation.faceMatch = {
      similarity: toUnitScore(verify.matchConfidence, 1, label, warnings),
      vendorIsMatch: verify.isIdentical,
      reasons: recognitionQualityReasons(
        reference?.qualityForRecognition,
        reference?.faceRectangle,
        'reference',
        warnings,
      ),
    };
  }
  return observation;
}

function failedCaptureObservation(
  attempts: AzureLivenessAttempt[],
  raw: LivenessObservation['raw'],
): LivenessObservation {
  const warnings: Warning[] = [];
  const reasons: ReasonCode[] = ['capture_failed'];
  for (const attempt of attempts) {
    const code = attempt.error?.code;
    if (!code) continue;
    const reason = ATTEMPT_ERROR_REASONS[code];
    if (reason && !reasons.includes(reason)) reasons.push(reason);
    warnings.push({
      type: 'other',
      message: `Azure liveness attempt ${attempt.attemptId} failed: ${code.slice(0, 60)}`,
    });
  }
  return { verdict: null, confidence: null, reasons, raw, warnings };
}

/**
 * Turn a session answer into `pending` or `complete`.
 *
 * - The latest attempt (highest `attemptId`) still `NotStarted` / `Running`:
 *   `pending` (its result will supersede the earlier ones).
 * - Else the latest attempt that `Succeeded` decides:
 *   `realface` → live, `spoofface` → spoof, `uncertain` → inconclusive, with
 *   `confidence: null` (Azure gives a label, not a score). With-verify
 *   sessions add `faceMatch` from that attempt's `verifyResult`
 *   (`matchConfidence` → similarity, `isIdentical` → vendorIsMatch). Earlier
 *   attempts that disagree are warnings; an earlier `spoofface` also adds the
 *   reason `spoof_suspected`.
 * - No completed attempt while the session is `NotStarted` / `Running`:
 *   `pending` (the client may still retry).
 * - No completed attempt in a finished session (`Failed`, `Canceled`, or
 *   `Succeeded` with only failed attempts): complete with `capture_failed`.
 * - Anything else (unknown labels, a succeeded attempt without a result, a
 *   succeeded session without attempts): `provider_error`.
 */
export function toSessionResultObservation(
  session: AzureLivenessSession,
  kind: AzureSessionKind,
  answer: AzureAnswer,
  operation: string,
): SessionResultObservation {
  const label = answerLabel(operation, answer);
  const raw = toRawResponse(session, answer.requestId, answer.status);
  const attempts = [...session.results.attempts].sort((a, b) => a.attemptId - b.attemptId);
  const completed = attempts.filter((a) => is(a.attemptStatus, 'Succeeded'));
  for (const attempt of completed)
    if (!attempt.result) throw malformedResponse(label, `attempt ${attempt.attemptId} succeeded without a result`);
  // A newer attempt still under way supersedes the earlier ones: wait for it.
  const latest = attempts[attempts.length - 1];
  if (latest && is(latest.attemptStatus, 'NotStarted', 'Running')) return { status: 'pending', raw };
  if (completed.length > 0)
    return { status: 'complete', observation: completedObservation(session, kind, completed, label, raw) };

  if (is(session.status, 'NotStarted', 'Running')) return { status: 'pending', raw };
  const finished = is(session.status, 'Failed', 'Canceled') || (is(session.status, 'Succeeded') && attempts.length > 0);
  if (finished) return { status: 'complete', observation: failedCaptureObservation(attempts, raw) };
  throw malformedResponse(label, `session status '${session.status.slice(0, 20)}' without a completed attempt`);
}
