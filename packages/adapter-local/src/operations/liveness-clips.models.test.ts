// Each liveness rule on real recordings of live people (fixtures/video, cut
// the way the signup page captures them), with the real models. What must
// pass passes and what must not does not; no timing assertions.
import {
  type Challenge,
  createFacegate,
  createLightSequence,
  type Facegate,
  LIGHT_RGB,
  type LightSequence,
  lightAt,
} from '@facegate/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureProfile,
  clipWindow,
  cutWindow,
  type FrameEncoder,
  PAGE_CAPTURE,
  PLAIN_10FPS,
  promptTimes,
} from '../../../../test-support/clip-windows';
import {
  litByScreen,
  type RawCodec,
  type RelativeBox,
  relightFrames,
  throughScreenGlass,
} from '../../../../test-support/screen-light';
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

function challengeFor(steps: Challenge['steps'], bound: Pick<Challenge, 'schedule' | 'light'> = {}): Challenge {
  const now = Date.now();
  return {
    nonce: 'c'.repeat(32),
    steps,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 20_000).toISOString(),
    stepTimeoutMs: 5_000,
    ...bound,
  };
}

const codec: RawCodec = {
  async decode(image) {
    const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  },
  encode: async (raw) =>
    new Uint8Array(
      await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
};

const seeded = (seed: number) => {
  let s = seed;
  return (max: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % max;
  };
};

const colourOf = (light: LightSequence) => (atMs: number) => {
  const c = lightAt(light, atMs);
  return c ? LIGHT_RGB[c] : null;
};

async function faceBox(image: Uint8Array): Promise<RelativeBox> {
  const q = await fg.analyzeQuality({ image });
  const box = q.faces[0]?.box;
  if (!box) throw new Error('no face on the first frame');
  return box;
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
  it('calls one picture sent again a replay, and a still face with camera noise face_still', async () => {
    const frames = await cutWindow(clipWindow('bbaf2n-blink'), PLAIN_10FPS, encode);
    const one = (frames[3] ?? frames[0]) as { image: Uint8Array };
    const repeated = frames.map((f) => ({ ...f, image: one.image }));
    const r = await fg.checkLiveness({
      media: { kind: 'frames', frames: repeated },
      challenge: challengeFor(['look_straight', 'blink']),
    });
    expect(r.decision.outcome).not.toBe('pass');
    expect(r.decision.reasons).toContain('replay_suspected');
    // The same picture with fresh sensor-like noise per frame: not frozen, but nothing moved.
    const base = await codec.decode(one.image);
    const random = seeded(5);
    const noisy = [];
    for (const f of frames) {
      const data = base.data.map((v) => Math.max(0, Math.min(255, v + random(7) - 3)));
      noisy.push({ ...f, image: await codec.encode({ ...base, data }) });
    }
    const still = await fg.checkLiveness({
      media: { kind: 'frames', frames: noisy },
      challenge: challengeFor(['look_straight', 'blink']),
    });
    expect(still.decision.outcome).not.toBe('pass');
    expect(still.decision.reasons).toContain('face_still');
    expect(still.decision.reasons).not.toContain('replay_suspected');
  }, 60_000);

  it('scores the live clips above the anti-spoof threshold on the frontal frames', async () => {
    const r = await judge('brbk7n-blink');
    const passive = (r.raw as { body: { passive: { antispoofMedian: number; framesScored: number } } }).body.passive;
    expect(passive.framesScored).toBeGreaterThanOrEqual(3);
    expect(passive.antispoofMedian).toBeGreaterThan(0.5);
  }, 60_000);
});

describe('bound challenges: prompt timing and light', () => {
  it('counts the blink only in its prompt window', async () => {
    // bbaf2n blinks at 1.68 s and 2.0 s.
    const w = clipWindow('bbaf2n-blink');
    const frames = await cutWindow(w, PLAIN_10FPS, encode);
    const late = await fg.checkLiveness({
      media: { kind: 'frames', frames },
      // The blink prompt at 2.3 s: both blinks came before it.
      challenge: challengeFor(w.steps, { schedule: { promptsAtMs: [0, 2300], endMs: 3000 } }),
    });
    expect(late.decision.outcome).not.toBe('pass');
    expect(late.decision.reasons).toContain('blink_not_seen');
    const onTime = await fg.checkLiveness({
      media: { kind: 'frames', frames },
      challenge: challengeFor(w.steps, { schedule: { promptsAtMs: [0, 1000], endMs: 3000 } }),
    });
    expect(onTime.decision.outcome).toBe('pass');
  }, 120_000);

  it('passes a face lit by the colours shown, and refuses the same frames against another sequence or through screen glass', async () => {
    const w = clipWindow('brbk7n-blink');
    const frames = await cutWindow(w, PAGE_CAPTURE, encode);
    const box = await faceBox((frames[0] as { image: Uint8Array }).image);
    // The window's own prompt times (when this person was asked), a random colour sequence over them.
    const schedule = { promptsAtMs: promptTimes(w).map((s) => Math.round(s * 1000)), endMs: (w.end - w.start) * 1000 };
    const bound = (seed: number) =>
      challengeFor(w.steps, { schedule, light: createLightSequence(schedule.endMs, seeded(seed)) });
    const shown = bound(3);
    const light = shown.light as LightSequence;
    const lit = await relightFrames(frames, colourOf(light), (raw, rgb) => litByScreen(raw, rgb, box, 0.15), codec);
    const live = await fg.checkLiveness({ media: { kind: 'frames', frames: lit }, challenge: shown });
    expect(live.decision.outcome).toBe('pass');

    const other = bound(11);
    expect(other.light).not.toEqual(light);
    const replay = await fg.checkLiveness({
      media: { kind: 'frames', frames: lit },
      challenge: other,
    });
    expect(replay.decision.outcome).not.toBe('pass');
    expect(replay.decision.reasons).toContain('light_mismatch');

    // A phone filming a monitor that plays the recording: the glass reflects the colours shown, evenly.
    const glass = await relightFrames(frames, colourOf(light), (raw, rgb) => throughScreenGlass(raw, rgb, 0.03), codec);
    const recapture = await fg.checkLiveness({ media: { kind: 'frames', frames: glass }, challenge: shown });
    expect(recapture.decision.outcome).not.toBe('pass');
    expect(recapture.decision.reasons).toContain('light_mismatch');
  }, 180_000);
});
