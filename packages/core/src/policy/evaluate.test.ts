import { describe, expect, it } from 'vitest';
import { combineDecisions, evaluateLiveness, evaluateMatch, evaluateQuality, evaluateSearch } from './evaluate';
import { resolvePolicy } from './policy-config';

const policy = resolvePolicy({
  liveness: { passAt: 0.9, reviewAt: 0.7 },
  match: { passAt: 0.9, reviewAt: 0.8 },
  duplicate: { rejectAt: 0.9, reviewAt: 0.8 },
});

describe('evaluateLiveness', () => {
  it.each([
    [1, 'pass', []],
    [0.9, 'pass', []],
    [0.8999, 'review', ['low_confidence']],
    [0.7, 'review', ['low_confidence']],
    [0.6999, 'reject', ['spoof_suspected']],
    [0, 'reject', ['spoof_suspected']],
  ] as const)('confidence %s → %s', (confidence, outcome, reasons) => {
    expect(evaluateLiveness({ verdict: null, confidence, reasons: [] }, policy)).toEqual({ outcome, reasons });
  });

  it('passes a label-only live verdict, rejects a spoof label whatever the score', () => {
    expect(evaluateLiveness({ verdict: 'live', confidence: null, reasons: [] }, policy).outcome).toBe('pass');
    expect(evaluateLiveness({ verdict: 'spoof', confidence: 0.99, reasons: [] }, policy)).toEqual({
      outcome: 'reject',
      reasons: ['spoof_suspected'],
    });
  });

  it('takes the more cautious of a live label and a low score', () => {
    expect(evaluateLiveness({ verdict: 'live', confidence: 0.75, reasons: [] }, policy).outcome).toBe('review');
  });

  it('fails closed: no label and no score is never a pass', () => {
    expect(evaluateLiveness({ verdict: null, confidence: null, reasons: [] }, policy)).toEqual({
      outcome: 'reject',
      reasons: ['incomplete_result'],
    });
  });

  it('asks for a retry on user-fixable problems, even with a high score', () => {
    expect(
      evaluateLiveness({ verdict: 'live', confidence: 0.99, reasons: ['too_dark', 'off_center'] }, policy),
    ).toEqual({ outcome: 'retry', reasons: ['too_dark', 'off_center'] });
  });

  it('lets evidence against the user win over fixable problems', () => {
    expect(
      evaluateLiveness({ verdict: null, confidence: 0.95, reasons: ['too_dark', 'replay_suspected'] }, policy),
    ).toEqual({ outcome: 'reject', reasons: ['replay_suspected'] });
  });

  it('follows policy.inconclusive for an undecided vendor', () => {
    expect(evaluateLiveness({ verdict: 'inconclusive', confidence: null, reasons: [] }, policy)).toEqual({
      outcome: 'retry',
      reasons: ['liveness_inconclusive'],
    });
    const strict = resolvePolicy({ inconclusive: 'reject' });
    expect(evaluateLiveness({ verdict: 'inconclusive', confidence: null, reasons: [] }, strict).outcome).toBe('reject');
  });

  it('sends a vendor review request to review', () => {
    expect(evaluateLiveness({ verdict: 'live', confidence: 0.95, reasons: ['vendor_review'] }, policy)).toEqual({
      outcome: 'review',
      reasons: ['vendor_review'],
    });
  });
});

describe('evaluateMatch', () => {
  it.each([
    [0.95, 'pass'],
    [0.9, 'pass'],
    [0.85, 'review'],
    [0.8, 'review'],
    [0.79, 'reject'],
  ] as const)('similarity %s → %s', (similarity, outcome) => {
    expect(evaluateMatch({ similarity, reasons: [] }, policy).outcome).toBe(outcome);
  });

  it('asks for a retry when a side has no face, and fails closed without a similarity', () => {
    expect(evaluateMatch({ similarity: null, reasons: ['no_face'] }, policy)).toEqual({
      outcome: 'retry',
      reasons: ['no_face'],
    });
    expect(evaluateMatch({ similarity: null, reasons: [] }, policy)).toEqual({
      outcome: 'reject',
      reasons: ['incomplete_result'],
    });
  });

  it('sends a passing score that the vendor labels as different to review', () => {
    expect(evaluateMatch({ similarity: 0.95, vendorIsMatch: false, reasons: [] }, policy)).toEqual({
      outcome: 'review',
      reasons: ['low_similarity'],
    });
  });
});

describe('evaluateSearch', () => {
  it('rejects a duplicate, reviews a near one, passes a new face', () => {
    expect(evaluateSearch({ matches: [{ similarity: 0.93 }], reasons: [] }, policy)).toEqual({
      outcome: 'reject',
      reasons: ['duplicate_face'],
    });
    expect(evaluateSearch({ matches: [{ similarity: 0.85 }], reasons: [] }, policy)).toEqual({
      outcome: 'review',
      reasons: ['possible_duplicate'],
    });
    expect(evaluateSearch({ matches: [], reasons: [] }, policy)).toEqual({ outcome: 'pass', reasons: [] });
  });

  it('asks for a retry when the query image has no face', () => {
    expect(evaluateSearch({ matches: [], reasons: ['no_face'] }, policy).outcome).toBe('retry');
  });
});

describe('evaluateQuality and combineDecisions', () => {
  it('adds no_face when no face was found', () => {
    expect(evaluateQuality({ faces: [], reasons: [] })).toEqual({ outcome: 'retry', reasons: ['no_face'] });
  });

  it('keeps the most severe outcome and its reasons', () => {
    const combined = combineDecisions(
      { outcome: 'pass', reasons: [] },
      { outcome: 'review', reasons: ['low_similarity'] },
      { outcome: 'retry', reasons: ['too_dark'] },
    );
    expect(combined).toEqual({ outcome: 'retry', reasons: ['too_dark'] });
  });
});

describe('resolvePolicy', () => {
  it('layers overrides over defaults', () => {
    expect(resolvePolicy({ match: { passAt: 0.8 } }, { match: { reviewAt: 0.6 } }).match).toEqual({
      passAt: 0.8,
      reviewAt: 0.6,
    });
  });

  it.each([
    [{ liveness: { passAt: 1.5 } }],
    [{ match: { passAt: 0.5, reviewAt: 0.7 } }],
    [{ duplicate: { rejectAt: 0.5, reviewAt: 0.9 } }],
  ])('refuses an invalid policy %j with configuration_error', (layer) => {
    expect(() => resolvePolicy(layer)).toThrowError(expect.objectContaining({ code: 'configuration_error' }));
  });
});
