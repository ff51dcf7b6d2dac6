import { createLightSequence, LIGHT_RGB, type LightSequence, lightAt } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import type { FaceLight, LinearRgb } from './face-light';
import { judgeLight, type LightSample } from './light-rule';

const seeded = (seed: number) => {
  let s = seed;
  return (max: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % max;
  };
};
const SKIN: LinearRgb = [0.35, 0.22, 0.16];
const WALL: LinearRgb = [0.3, 0.3, 0.28];
const lin = (v: number) => (v / 255) ** 2.2;

/** A face `strength` lit by the colour on at `atMs - 120` (camera lag), a wall lit `wallShare` as much, plus even `glass`. */
function sample(
  light: LightSequence,
  atMs: number,
  strength: number,
  glass = 0,
  wallShare = 0.08,
  lagMs = 120,
): LightSample {
  const color = lightAt(light, atMs - lagMs) ?? 'red';
  const c = LIGHT_RGB[color].map(lin);
  const lit = (base: LinearRgb, k: number): LinearRgb =>
    base.map((v, i) => v * (1 + k * (c[i] ?? 0)) + glass * (c[i] ?? 0)) as unknown as LinearRgb;
  const l: FaceLight = { face: lit(SKIN, strength), background: lit(WALL, strength * wallShare) };
  return { atMs, light: l };
}

const capture = (f: (atMs: number) => LightSample) => Array.from({ length: 40 }, (_, i) => f(i * 100));

describe('light rule', () => {
  const light = createLightSequence(4000, seeded(7));

  it('passes a face lit by the colours shown, with the reflected share as gain', () => {
    for (const strength of [0.05, 0.2])
      expect(
        judgeLight(
          capture((t) => sample(light, t, strength)),
          light,
        ),
      ).toMatchObject({ verdict: 'pass' });
    const lit = judgeLight(
      capture((t) => sample(light, t, 0.2)),
      light,
    );
    expect(lit.gain).toBeGreaterThan(0.1);
    expect(lit.correlation).toBeGreaterThan(0.9);
  });

  it('finds the screen-to-camera lag itself (a slow camera, a busy device)', () => {
    const out = judgeLight(
      capture((t) => sample(light, t, 0.2, 0, 0.08, 330)),
      light,
    );
    expect(out.verdict).toBe('pass');
    expect(out.lagMs).toBeGreaterThanOrEqual(150);
  });

  it('refuses frames lit by another sequence (a replay into a new challenge)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const other = createLightSequence(4000, seeded(100 + seed));
      const out = judgeLight(
        capture((t) => sample(other, t, 0.2)),
        light,
      );
      expect(out.verdict, `seed ${seed}`).toBe('mismatch');
    }
  });

  it('bounds the odds of a replay by the segments judged: 1 000 replays of a 3 s capture at 10 frames/s, half the frames lost', () => {
    // Frames recorded under one random sequence, judged against another (the attacker's new challenge).
    let replays = 0;
    let honest = 0;
    const keep = seeded(4242);
    for (let seed = 0; seed < 1000; seed++) {
      const recorded = createLightSequence(3000, seeded(2 * seed + 1));
      const asked = createLightSequence(3000, seeded(2 * seed + 100_001));
      const frames = Array.from({ length: 30 }, (_, i) => sample(recorded, i * 100, 0.15)).filter(() => keep(2) === 0);
      if (judgeLight(frames, asked).verdict === 'pass') replays++;
      if (judgeLight(frames, recorded).verdict === 'pass') honest++;
    }
    // Chance per segment is 1 in 5 (no colour twice in a row); six segments all matched: about 1 in 15 000.
    expect(replays).toBeLessThanOrEqual(1);
    expect(honest).toBeGreaterThanOrEqual(850);
  });

  it('refuses a replayed video whose screen glass reflects the colours shown (even light cancels)', () => {
    const out = judgeLight(
      capture((t) => sample(light, t, 0, 0.03, 0)),
      light,
    );
    expect(out.verdict).toBe('mismatch');
    expect(Math.abs(out.gain ?? 1)).toBeLessThan(0.005);
  });

  it('refuses light as strong on the background as on the face (a print or screen lit as a whole)', () => {
    expect(
      judgeLight(
        capture((t) => sample(light, t, 0.2, 0, 1)),
        light,
      ).verdict,
    ).toBe('mismatch');
  });

  it('does not judge frames without a background to compare with, or too few', () => {
    const noBackground = capture((t) => {
      const s = sample(light, t, 0.2);
      return { atMs: t, light: s.light && { face: s.light.face, background: null } };
    });
    expect(judgeLight(noBackground, light).verdict).toBe('unjudged');
    expect(judgeLight(capture((t) => sample(light, t, 0.2)).slice(0, 3), light).verdict).toBe('unjudged');
  });
});
