import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../engine/decode-image';
import { judgeFrozen } from './frozen-frames';

const BOX = { x: 8, y: 8, width: 48, height: 48 };

/** A 64×64 picture: a gradient, plus per-pixel noise of `noise` grey levels (a camera's sensor). */
function picture(seed: number, noise: number): RgbImage {
  const data = new Uint8Array(64 * 64 * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    data[i] = Math.max(0, Math.min(255, 60 + ((i / 3) % 64) * 2 + Math.round(((s % 1000) / 1000 - 0.5) * 2 * noise)));
  }
  return { data, width: 64, height: 64 };
}

describe('frozen-frames rule', () => {
  it('passes camera frames (sensor noise moves every pixel)', () => {
    const frames = Array.from({ length: 10 }, (_, i) => ({ atMs: i * 100, image: picture(i + 1, 3), box: BOX }));
    expect(judgeFrozen(frames)).toMatchObject({ frozen: false, frozenShare: 0 });
  });

  it('flags one picture sent again in a quarter of the pairs or more', () => {
    const still = picture(1, 3);
    const frames = Array.from({ length: 12 }, (_, i) => ({
      atMs: i * 100,
      image: i % 3 === 0 ? picture(i + 2, 3) : still,
      box: BOX,
    }));
    const out = judgeFrozen(frames);
    expect(out.frozen).toBe(true);
    expect(out.frozenShare).toBeGreaterThanOrEqual(0.25);
  });

  it('passes a recording that repeats a frame in the next one (frame-rate conversion)', () => {
    const frames = Array.from({ length: 12 }, (_, i) => ({
      atMs: i * 66,
      image: picture(Math.floor(i / 2) + 1, 3),
      box: BOX,
    }));
    expect(judgeFrozen(frames)).toMatchObject({ frozen: false, frozenShare: 0 });
  });

  it('does not judge pairs without a face, nor too few pairs', () => {
    const still = picture(1, 3);
    const at = (atMs: number, box: typeof BOX | null) => ({ atMs, image: still, box });
    expect(judgeFrozen([at(0, BOX), at(300, null), at(310, BOX)]).pairs).toBe(0);
    expect(judgeFrozen([at(0, BOX), at(300, BOX)]).frozen).toBe(false);
  });
});
