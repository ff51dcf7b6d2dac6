import type { ApiError } from '../api/api-error';
import type { SessionView, StepResponse } from '../api/api-types';
import { REASON_TEXT } from '../strings';

/** How a finished or refused signup is shown. */
export type ClosedKind = 'system' | 'duplicate' | 'review' | 'exhausted' | 'expired' | 'generic';

/** What to show after a check. */
export type CheckView =
  | { kind: 'pass' }
  | { kind: 'retry'; messages: string[]; attemptsLeft: number }
  | { kind: 'closed'; closed: ClosedKind };

/** Plain-words messages for reason codes, without repeats; a generic one when none is known. */
export function reasonMessages(reasons: string[], fallback: string): string[] {
  const messages = [...new Set(reasons.map((r) => REASON_TEXT[r]).filter((m): m is string => Boolean(m)))];
  return messages.length > 0 ? messages : [fallback];
}

/** Why a closed signup closed, from the server's failure reason. Duplicates never say more. */
export function closedKind(session: SessionView): ClosedKind {
  const reason = session.failureReason ?? '';
  if (reason === 'duplicate') return 'duplicate';
  if (session.status === 'needs_review' || reason.endsWith('_review')) return 'review';
  if (reason === 'uniqueness_unavailable') return 'system';
  if (reason.endsWith('_attempts_exhausted') || reason === 'face_mismatch') return 'exhausted';
  return 'generic';
}

/** Turn a check's answer into what the page shows. */
export function describeCheck(response: StepResponse, fallback: string): CheckView {
  if (response.session.status !== 'active' && response.session.status !== 'completed')
    return { kind: 'closed', closed: closedKind(response.session) };
  if (response.outcome === 'pass') return { kind: 'pass' };
  return {
    kind: 'retry',
    messages: reasonMessages(response.reasons, fallback),
    attemptsLeft: response.attemptsLeft ?? 0,
  };
}

/** Which closed view a refusal leads to, or undefined when the step can carry on. */
export function closedKindOfError(error: ApiError): ClosedKind | undefined {
  if (error.isSystemError) return 'system';
  if (error.code === 'session_expired' || error.code === 'no_session') return 'expired';
  if (error.code === 'session_closed') return error.details.status === 'failed' ? 'duplicate' : 'generic';
  return undefined;
}
