// Each liveness rule on real recordings of live people (fixtures/video, cut
// the way the signup page captures them), with the real models. What must
// pass passes and what must not does not; no timing assertions.
import { type Challenge, createFacegate, type Facegate } from '@facegate/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureProfile,
  clipWindow,
  cutWindow,
  type FrameEncoder,
  PAGE_CAPTURE,
  PLAIN_10FPS,
} from '../../../../test-support/clip-windows';
import { createLocalProvider } from '../local-provider';

let fg: Facegate;

beforeAll(async () => {
  const provider = createLocalProvider();
  await provider.warmUp();
  fg = createFacegate({ provider });
}, 120_000);

const encode: FrameEncoder = async (png, p) =>
  new Uint8Array(
    await sharp(png)
      .resize({ width: p.maxWidth, withoutEnlargement: true })
      .jpeg({ quality: p.jpegQuality })
      .toBuffer(),
  );

function challengeFor(steps: Challenge['steps']): Challenge {
  const now = Date.now();
  return {
    nonce: 'c'.repeat(32),
    steps,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 20_000).toISOString(),
    stepTimeoutMs: 5_000,
  };
}

async function judge(id: string, profile: CaptureProfile = PLAIN_10FPS, steps?: Challenge['steps']) {
  const w = clipWindow(id);
  const frames = await cutWindow(w, profile, encode);
  return fg.checkLiveness({ media: { kind: 'frames', frames }, challenge: challengeFor(steps ?? w.steps) });
}

describe('blink rule on real blinks', () => {
  it('sees a real blink at a plain 10 frames/s and in the page burst', async () => {
    for (const profile of [PLAIN_10FPS, PAGE_CAPTURE]) {
      const r = await judge('bbaf2n-blink', profile);
      expect(r.decision.outcome, profile.name).toBe('pass');
      expect(r.challenge?.steps.map((s) => s.completed)).toEqual([true, true]);
    }
  }, 120_000);

  it("sees a blink behind glasses (eye state against the person's own baseline)", async () => {
    expect((await judge('lbax4n-blink-glasses')).decision.outcome).toBe('pass');
  }, 60_000);

  it('sees no blink where there is none, and says so', async () => {
    for (const id of ['lbbc2a-no-blink', 'sbia1a-no-blink-narrow-eyes']) {
      const r = await judge(id);
      expect(r.decision.outcome, id).not.toBe('pass');
      expect(r.decision.reasons, id).toContain('blink_not_seen');
    }
  }, 120_000);
});

describe('turn rule on a real turn', () => {
  it("passes a real turn to the person's own left, and not the same frames asked to turn right", async () => {
    expect((await judge('cap13-turn-left')).decision.outcome).toBe('pass');
    const wrongWay = await judge('cap13-turn-left', PLAIN_10FPS, ['look_straight', 'turn_right']);
    expect(wrongWay.decision.outcome).not.toBe('pass');
  }, 120_000);

  it('does not pass a person who only talks when asked to turn', async () => {
    expect((await judge('cap13-talking-no-turn')).decision.outcome).not.toBe('pass');
  }, 60_000);
});

describe('still face and passive anti-spoof', () => {
  it('calls one frame of a live person repeated a still face', async () => {
    const frames = await cutWindow(clipWindow('bbaf2n-blink'), PLAIN_10FPS, encode);
    const still = frames.map((f) => ({ ...f, image: (frames[3] ?? f).image }));
    const r = await fg.checkLiveness({
      media: { kind: 'frames', frames: still },
      challenge: challengeFor(['look_straight', 'blink']),
    });
    expect(r.decision.outcome).not.toBe('pass');
    expect(r.decision.reasons).toContain('face_still');
  }, 60_000);

  it('scores the live clips above the anti-spoof threshold on the frontal frames', async () => {
    const r = await judge('brbk7n-blink');
    const passive = (r.raw as { body: { passive: { antispoofMedian: number; framesScored: number } } }).body.passive;
    expect(passive.framesScored).toBeGreaterThanOrEqual(3);
    expect(passive.antispoofMedian).toBeGreaterThan(0.5);
  }, 60_000);
});
