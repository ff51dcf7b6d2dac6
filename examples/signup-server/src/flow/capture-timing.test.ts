import { describe, expect, it } from 'vitest';
import { brokenCaptureTimeRule, CAPTURE_CLOCK_GRACE_MS } from './capture-timing';

const issuedAt = new Date('2026-01-01T00:00:00.000Z');
const challenge = {
  issuedAt: issuedAt.toISOString(),
  expiresAt: new Date(issuedAt.getTime() + 20_000).toISOString(),
  steps: ['look_straight', 'turn_left', 'blink'] as ('look_straight' | 'turn_left' | 'blink')[],
  schedule: { promptsAtMs: [0, 2_000, 4_000], endMs: 6_000 },
};
const after = (ms: number) => new Date(issuedAt.getTime() + ms);

describe('capture times against the server clock', () => {
  it('accepts a camera-like timeline that ended before the upload', () => {
    expect(brokenCaptureTimeRule([0, 100, 200, 3_000, 5_900], challenge, after(6_500))).toBeNull();
  });

  it('accepts a single still frame at 0 (image-shape liveness)', () => {
    expect(brokenCaptureTimeRule([0], { ...challenge, steps: ['look_straight'] }, after(50))).toBeNull();
  });

  it('all_equal: several frames stamped alike (all 0)', () => {
    expect(brokenCaptureTimeRule([0, 0, 0], challenge, after(9_000))).toBe('all_equal');
    expect(brokenCaptureTimeRule([500, 500], challenge, after(9_000))).toBe('all_equal');
  });

  it('not_increasing: a stamp not later than the one before', () => {
    expect(brokenCaptureTimeRule([0, 300, 300, 900], challenge, after(9_000))).toBe('not_increasing');
    expect(brokenCaptureTimeRule([0, 900, 300], challenge, after(9_000))).toBe('not_increasing');
  });

  it('ahead_of_server_clock: the capture claims more time than has passed since the challenge was issued', () => {
    expect(brokenCaptureTimeRule([0, 295_000, 590_000], challenge, after(900))).toBe('ahead_of_server_clock');
    expect(brokenCaptureTimeRule([0, 1_000, 2_000 + CAPTURE_CLOCK_GRACE_MS + 1], challenge, after(2_000))).toBe(
      'ahead_of_server_clock',
    );
    expect(brokenCaptureTimeRule([0, 1_000, 2_000 + CAPTURE_CLOCK_GRACE_MS], challenge, after(2_000))).toBeNull();
  });

  it("after_capture_end: a frame stamped after the schedule's end, or the challenge's lifetime without one", () => {
    expect(brokenCaptureTimeRule([0, 3_000, 6_000 + CAPTURE_CLOCK_GRACE_MS + 1], challenge, after(30_000))).toBe(
      'after_capture_end',
    );
    const unscheduled = { ...challenge, schedule: undefined };
    expect(brokenCaptureTimeRule([0, 3_000, 19_000], unscheduled, after(30_000))).toBeNull();
    expect(brokenCaptureTimeRule([0, 3_000, 20_000 + CAPTURE_CLOCK_GRACE_MS + 1], unscheduled, after(30_000))).toBe(
      'after_capture_end',
    );
  });

  it('span_too_short: three prompts performed in a few milliseconds', () => {
    expect(brokenCaptureTimeRule([0, 1, 2], challenge, after(9_000))).toBe('span_too_short');
    expect(brokenCaptureTimeRule([0, 100, 200], challenge, after(9_000))).toBeNull();
  });
});
