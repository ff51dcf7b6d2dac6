import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import type { SessionView, StepResponse } from '../api/api-types';
import { closedKind, closedKindOfError, describeCheck, reasonMessages } from './describe-outcome';

const session = (over: Partial<SessionView> = {}): SessionView => ({
  status: 'active',
  step: 'liveness',
  stepDeadline: '',
  expiresAt: '',
  attemptsLeft: { liveness: 2, document: 3, match: 3 },
  results: {},
  failureReason: null,
  registered: false,
  ...over,
});
const response = (over: Partial<StepResponse> = {}): StepResponse => ({
  outcome: 'retry',
  reasons: [],
  attemptsLeft: 2,
  session: session(),
  ...over,
});

describe('describeCheck', () => {
  it('passes', () => {
    expect(describeCheck(response({ outcome: 'pass' }), 'x')).toEqual({ kind: 'pass' });
  });
  it('explains a retry in plain words with attempts left', () => {
    const view = describeCheck(response({ reasons: ['too_dark', 'too_dark', 'unknown_code'] }), 'fallback');
    expect(view).toEqual({ kind: 'retry', messages: [expect.stringContaining('too dark')], attemptsLeft: 2 });
  });
  it('offers a retry after a rejection while attempts are left', () => {
    expect(describeCheck(response({ outcome: 'reject', reasons: ['spoof_suspected'] }), 'x').kind).toBe('retry');
  });
  it('closes when the attempts are used up', () => {
    const s = session({ status: 'failed', failureReason: 'liveness_attempts_exhausted' });
    expect(describeCheck(response({ session: s, attemptsLeft: 0 }), 'x')).toEqual({
      kind: 'closed',
      closed: 'exhausted',
    });
  });
});

describe('closedKind', () => {
  it('refuses a duplicate without detail', () => {
    expect(closedKind(session({ status: 'failed', failureReason: 'duplicate' }))).toBe('duplicate');
  });
  it('sends reviews to a person', () => {
    expect(closedKind(session({ status: 'needs_review', failureReason: 'match_review' }))).toBe('review');
  });
});

describe('closedKindOfError', () => {
  it('offers the alternate path on an outage', () => {
    expect(closedKindOfError(new ApiError(503, 'provider_unavailable', 'down'))).toBe('system');
    expect(closedKindOfError(new ApiError(0, 'network_error', 'down'))).toBe('system');
  });
  it('lets the step handle flow refusals', () => {
    expect(closedKindOfError(new ApiError(409, 'step_expired', 'x'))).toBeUndefined();
  });
  it('maps an expired signup', () => {
    expect(closedKindOfError(new ApiError(410, 'session_expired', 'x'))).toBe('expired');
  });
});

describe('reasonMessages', () => {
  it('falls back when no code is known', () => {
    expect(reasonMessages(['nope'], 'fallback')).toEqual(['fallback']);
  });
});
