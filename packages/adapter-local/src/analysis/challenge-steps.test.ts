import type { Challenge, ChallengeAction } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { type SyntheticPose, syntheticLandmarks } from '../testing/synthetic-face';
import type { AntiSpoofOutcome } from './anti-spoof-rule';
import { type FrameEvidence, matchChallengeSteps } from './challenge-steps';
import { poseFrom68 } from './head-pose';
import { decideLiveness } from './liveness-decision';
import { MATCH_CALIBRATION } from './similarity';

const real: AntiSpoofOutcome = { median: 0.9, frames: 5, verdict: 'pass' };

const challenge = (steps: ChallengeAction[], stepTimeoutMs = 5000): Pick<Challenge, 'steps' | 'stepTimeoutMs'> => ({
  steps,
  stepTimeoutMs,
});

/** A frame from a synthetic pose; yaw measured from the landmarks unless forced. */
function frame(atMs: number, pose: SyntheticPose, extra: Partial<FrameEvidence> = {}): FrameEvidence {
  const landmarks = syntheticLandmarks(pose);
  const measured = poseFrom68(landmarks);
  return {
    atMs,
    faceCount: 1,
    landmarks,
    yaw: measured?.yaw ?? null,
    roll: measured?.roll ?? null,
    eyeOpen: pose.eyeOpen ?? 1,
    ...extra,
  };
}

describe('head pose on synthetic heads', () => {
  it('measures yaw with the documented sign and roughly the right size', () => {
    expect(Math.abs(poseFrom68(syntheticLandmarks())?.yaw ?? 99)).toBeLessThan(5);
    const left = poseFrom68(syntheticLandmarks({ yaw: 30 }))?.yaw ?? 0;
    const right = poseFrom68(syntheticLandmarks({ yaw: -30 }))?.yaw ?? 0;
    expect(left).toBeGreaterThan(20);
    expect(left).toBeLessThan(45);
    expect(right).toBeLessThan(-20);
    expect(poseFrom68(syntheticLandmarks({ roll: 10 }))?.roll).toBeCloseTo(10, 0);
  });
});

describe('matchChallengeSteps', () => {
  const live = [
    frame(0, {}),
    frame(400, { yaw: 10 }),
    frame(800, { yaw: 32 }),
    frame(1200, { yaw: 5 }),
    frame(1600, { yaw: -32 }),
    frame(2000, {}),
  ];

  it('completes look_straight, turn_left, turn_right in order with times and margins', () => {
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_left', 'turn_right']), live);
    expect(out.steps.map((s) => [s.action, s.completed, s.atMs])).toEqual([
      ['look_straight', true, 0],
      ['turn_left', true, 800],
      ['turn_right', true, 1600],
    ]);
    expect(out.reasons).toEqual([]);
    expect(out.referenceIndex).toBe(0);
    for (const s of out.steps) expect(s.strength).toBeGreaterThan(0.5);
  });

  it('scores a turn by its peak, not by the frame that first crossed the line', () => {
    // The same turn sampled twice: once only at its weak start, once on through its peak.
    const start = [frame(0, {}), frame(300, { yaw: 22 })];
    const through = [...start, frame(400, { yaw: 30 }), frame(500, { yaw: 36 }), frame(600, { yaw: 8 })];
    const weak = matchChallengeSteps(challenge(['look_straight', 'turn_left']), start).steps[1];
    const peak = matchChallengeSteps(challenge(['look_straight', 'turn_left']), through).steps[1];
    expect(weak?.completed).toBe(true);
    expect(peak?.completed).toBe(true);
    // The step stays where the turn first crossed the line: identity and anti-spoof look at that frame.
    expect(peak?.atMs).toBe(300);
    expect(peak?.strength ?? 0).toBeGreaterThan((weak?.strength ?? 1) + 0.05);
  });

  it('fails when the actions come in the wrong order', () => {
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_right', 'turn_left']), live.slice(0, 5));
    expect(out.steps.map((s) => s.completed)).toEqual([true, true, false]);
    expect(out.reasons).toContain('challenge_incomplete');
  });

  it('fails a step done after its time limit with challenge_timeout', () => {
    const late = [frame(0, {}), frame(3000, { yaw: 5 }), frame(7000, { yaw: 32 })];
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_left'], 5000), late);
    expect(out.steps[1]?.completed).toBe(false);
    expect(out.reasons).toEqual(['challenge_timeout']);
  });

  it('flags a flat photo turned to fake the yaw angle as replay', () => {
    // The pose estimator is fooled (yaw 30 reported) but the landmarks move as a plane.
    const photo = [
      frame(0, { flat: true }),
      frame(500, { flat: true, yaw: 45 }, { yaw: 30 }),
      frame(1000, { flat: true, yaw: 50, center: [330, 250], scale: 70 }, { yaw: 33 }),
    ];
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_left']), photo);
    expect(out.steps[1]?.completed).toBe(false);
    expect(out.planarTurnSeen).toBe(true);
    expect(out.reasons).toContain('replay_suspected');
    expect(out.maxResidual).toBeLessThan(0.045);
  });

  it('does not pass a still photo that is shifted, zoomed and rotated in-plane', () => {
    const moved = [0, 1, 2, 3, 4, 5].map((k) =>
      frame(k * 400, { flat: true, center: [300 + k * 8, 240 - k * 5], scale: 55 + k * 4, roll: k * 2 - 5 }),
    );
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_left', 'turn_right']), moved);
    expect(out.steps.filter((s) => s.completed).map((s) => s.action)).toEqual(['look_straight']);
    expect(out.maxResidual).toBeLessThan(0.02);
  });

  it('needs a frontal look_straight before any other step', () => {
    const out = matchChallengeSteps(challenge(['look_straight', 'turn_left']), [
      frame(0, { yaw: 30 }),
      frame(500, { yaw: 32 }),
    ]);
    expect(out.steps.map((s) => s.completed)).toEqual([false, false]);
  });

  it('detects a blink (close then reopen) and rejects a squashed print as a blink', () => {
    const blink = [frame(0, {}), frame(300, { eyeOpen: 0.1 }), frame(600, {})];
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), blink).steps[1]?.completed).toBe(true);
    const noReopen = [frame(0, {}), frame(300, { eyeOpen: 0.1 })];
    const open = matchChallengeSteps(challenge(['look_straight', 'blink']), noReopen);
    expect(open.steps[1]?.completed).toBe(false);
    expect(open.reasons).toEqual(['blink_not_seen']);
    // A print tilted back: everything squashes, the eye state drops with it.
    const tilted = [frame(0, {}), frame(300, { verticalScale: 0.65, eyeOpen: 0.1 }), frame(600, {})];
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), tilted).steps[1]?.completed).toBe(false);
  });

  it("judges the eyes against the person's own open-eye baseline (narrow eyes read low on the model)", () => {
    // Open eyes at 0.5 (narrow eyes, glasses): a drop to 0.1 is a blink; to 0.3 is not.
    const narrow = (closed: number) => [
      frame(0, {}, { eyeOpen: 0.5 }),
      frame(100, {}, { eyeOpen: 0.52 }),
      frame(200, {}, { eyeOpen: closed }),
      frame(300, {}, { eyeOpen: 0.5 }),
    ];
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), narrow(0.1)).steps[1]?.completed).toBe(true);
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), narrow(0.3)).steps[1]?.completed).toBe(false);
    // A person whose open eyes the model never sees open cannot be judged: no blink from noise.
    const unseen = [0.2, 0.05, 0.25, 0.02, 0.2].map((v, i) => frame(i * 100, {}, { eyeOpen: v }));
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), unseen).steps[1]?.completed).toBe(false);
  });

  it('says a still face is still, and a small turn is too small', () => {
    const still = [0, 1, 2, 3, 4].map((k) => frame(k * 400, {}));
    expect(matchChallengeSteps(challenge(['look_straight', 'blink']), still).reasons).toEqual(['face_still']);
    const small = [frame(0, {}), frame(400, { yaw: 12 }), frame(800, { yaw: 14 }), frame(1200, {})];
    expect(matchChallengeSteps(challenge(['look_straight', 'turn_left']), small).reasons).toEqual(['turn_too_small']);
  });

  it('reports look_up/look_down as not judged', () => {
    const out = matchChallengeSteps(challenge(['look_straight', 'look_up']), live);
    expect(out.unsupported).toEqual(['look_up']);
    expect(out.reasons).toContain('liveness_inconclusive');
  });

  it('flags frames with several faces', () => {
    const out = matchChallengeSteps(challenge(['look_straight']), [frame(0, {}, { faceCount: 2 }), frame(100, {})]);
    expect(out.reasons).toContain('multiple_faces');
  });
});

describe('prompt timing (a scheduled challenge)', () => {
  const frames = [
    frame(0, {}),
    frame(300, {}),
    frame(600, { yaw: 10 }),
    frame(900, { yaw: 32 }),
    frame(1200, { yaw: 5 }),
    frame(1500, {}),
    frame(1800, {}),
    frame(2100, {}),
  ];
  const scheduled = (promptsAtMs: number[], endMs: number) => ({
    ...challenge(['look_straight', 'turn_left']),
    schedule: { promptsAtMs, endMs },
  });

  it('counts a step seen in its own prompt window', () => {
    const out = matchChallengeSteps(scheduled([0, 700], 2200), frames);
    expect(out.steps.map((s) => s.completed)).toEqual([true, true]);
  });

  it('does not count a step done before its prompt showed, nor one done long after the next prompt', () => {
    // The turn at 900 ms, its prompt at 1000 ms: done before being asked (frames recorded for other times).
    const early = matchChallengeSteps(scheduled([0, 1000], 2200), frames);
    expect(early.steps.map((s) => s.completed)).toEqual([true, false]);
    expect(early.reasons).not.toContain('challenge_timeout');
    // look_straight's window ends 400 ms after the turn prompt: a frontal frame no earlier than that is no reference.
    const late = matchChallengeSteps(scheduled([0, 100], 2200), [frame(0, { yaw: 40 }), ...frames.slice(5)]);
    expect(late.steps[0]?.completed).toBe(false);
  });

  it('without a schedule, the same frames pass whatever the timing', () => {
    expect(matchChallengeSteps(challenge(['look_straight', 'turn_left']), frames).steps.every((s) => s.completed)).toBe(
      true,
    );
  });
});

describe('decideLiveness', () => {
  const steps = matchChallengeSteps(challenge(['look_straight', 'turn_left']), [frame(0, {}), frame(600, { yaw: 32 })]);

  it('is live with the weakest margin as confidence', () => {
    const d = decideLiveness(steps, {
      identityDistance: 0.35,
      antiSpoof: real,
      expired: false,
      light: null,
      frozen: false,
    });
    expect(d.verdict).toBe('live');
    expect(d.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.confidence).toBe(
      Math.min(
        ...steps.steps.map((s) => s.strength ?? 1),
        1 / (1 + Math.exp(MATCH_CALIBRATION.k * (0.35 - MATCH_CALIBRATION.d0))),
      ),
    );
    expect(d.reasons).toEqual([]);
  });

  it('rejects an identity switch midway as spoof', () => {
    const d = decideLiveness(steps, {
      identityDistance: 0.8,
      antiSpoof: real,
      expired: false,
      light: null,
      frozen: false,
    });
    expect(d.verdict).toBe('spoof');
    expect(d.reasons).toContain('identity_changed');
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('requires the passive score: a low median is a spoof, too few frontal frames inconclusive', () => {
    const low = decideLiveness(steps, {
      identityDistance: 0.35,
      antiSpoof: { median: 0.2, frames: 5, verdict: 'spoof' },
      expired: false,
      light: null,
      frozen: false,
    });
    expect(low.verdict).toBe('spoof');
    expect(low.reasons).toEqual(['spoof_suspected']);
    const unscored = decideLiveness(steps, {
      identityDistance: 0.35,
      antiSpoof: { median: null, frames: 1, verdict: 'unscored' },
      expired: false,
      light: null,
      frozen: false,
    });
    expect(unscored).toMatchObject({ verdict: 'inconclusive', reasons: ['liveness_inconclusive'] });
  });

  it('calls the same picture sent again a spoof, and a colour sequence not followed light_mismatch', () => {
    const frozen = decideLiveness(steps, {
      identityDistance: 0.35,
      antiSpoof: real,
      expired: false,
      light: null,
      frozen: true,
    });
    expect(frozen).toMatchObject({ verdict: 'spoof', reasons: ['replay_suspected'] });
    for (const verdict of ['mismatch', 'unjudged'] as const) {
      const light = { lagMs: 100, frames: 8, segments: 6, correlation: 0.1, gain: 0.001, matched: 0.4, verdict };
      const d = decideLiveness(steps, {
        identityDistance: 0.35,
        antiSpoof: real,
        expired: false,
        light,
        frozen: false,
      });
      expect(d).toMatchObject({ verdict: 'inconclusive', reasons: ['light_mismatch'] });
    }
    const followed = {
      lagMs: 100,
      frames: 8,
      segments: 7,
      correlation: 0.95,
      gain: 0.2,
      matched: 1,
      verdict: 'pass' as const,
    };
    expect(
      decideLiveness(steps, { identityDistance: 0.35, antiSpoof: real, expired: false, light: followed, frozen: false })
        .verdict,
    ).toBe('live');
  });

  it('is inconclusive when steps are missing or the challenge expired', () => {
    const partial = matchChallengeSteps(challenge(['look_straight', 'turn_left']), [frame(0, {})]);
    expect(
      decideLiveness(partial, { identityDistance: 0, antiSpoof: real, expired: false, light: null, frozen: false }),
    ).toMatchObject({
      verdict: 'inconclusive',
      confidence: null,
    });
    expect(
      decideLiveness(steps, { identityDistance: 0.3, antiSpoof: real, expired: true, light: null, frozen: false })
        .reasons,
    ).toContain('challenge_timeout');
  });
});
