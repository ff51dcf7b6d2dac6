import { describe, expect, it } from 'vitest';
import { promptWindows, selectFrames, windowIndexAt } from './attempt-plan';
import { captureTimeMs, decodeFrames } from './frames';

describe('capture time from order (signup-ui cadence)', () => {
  it('spends one tick of every fps + 1 publishing', () => {
    expect([0, 1, 9, 10, 11, 19, 20].map((n) => captureTimeMs(n, 10))).toEqual([0, 100, 900, 1100, 1200, 2000, 2200]);
    expect([0, 1, 2, 3].map((n) => captureTimeMs(n, 3))).toEqual([0, 333, 667, 1333]);
  });
});

describe('prompt windows', () => {
  const windows = promptWindows({ steps: ['look_straight', 'blink', 'turn_left'] }, 500, 1500, 3500);
  it('lays the prompts out one after another from the attempt start', () => {
    expect(windows).toEqual([
      { action: 'look_straight', startMs: 500, endMs: 2000 },
      { action: 'blink', startMs: 2000, endMs: 5500 },
      { action: 'turn_left', startMs: 5500, endMs: 9000 },
    ]);
    expect([0, 500, 1999, 2000, 8999, 9000].map((t) => windowIndexAt(windows, t))).toEqual([-1, 0, 0, 1, 2, 3]);
  });

  it('thins to the budget, keeping blink windows densest and each window represented', () => {
    const frames = Array.from({ length: 85 }, (_, i) => ({ atMs: 500 + i * 100 }));
    const picked = selectFrames(frames, windows, 40);
    expect(picked).toHaveLength(40);
    const per = windows.map((w) => picked.filter((f) => f.atMs >= w.startMs && f.atMs < w.endMs).length);
    expect(per[1]).toBeGreaterThan(per[2] as number);
    expect(per[0]).toBeGreaterThan(0);
    expect(per[2]).toBeGreaterThan(0);
    expect(picked.map((f) => f.atMs)).toEqual([...picked.map((f) => f.atMs)].sort((x, y) => x - y));
    expect(selectFrames(frames.slice(0, 10), windows, 40)).toHaveLength(10);
  });
});

describe('frame decoding', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString('base64');
  it('refuses the whole batch on any bad frame', () => {
    expect(
      decodeFrames([
        { frame: jpeg, order: 0 },
        { frame: '   ', order: 1 },
      ]),
    ).toBe('invalid_frame');
    expect(decodeFrames([{ frame: null, order: 0 }])).toBe('invalid_frame');
    expect(decodeFrames([{ frame: 'not base64!', order: 0 }])).toBe('invalid_frame');
    expect(decodeFrames([{ frame: Buffer.from('GIF89a....').toString('base64'), order: 0 }])).toBe('invalid_frame');
    expect(
      decodeFrames([
        { frame: jpeg, order: 2 },
        { frame: jpeg, order: 2 },
      ]),
    ).toBe('invalid_order');
    expect(decodeFrames([{ frame: jpeg, order: 1.5 }])).toBe('invalid_order');
  });
  it('sorts by order and tolerates a data-URL prefix', () => {
    const out = decodeFrames([
      { frame: jpeg, order: 5 },
      { frame: `data:image/jpeg;base64,${jpeg}`, order: 3 },
    ]);
    expect(Array.isArray(out) && out.map((f) => [f.order, f.format])).toEqual([
      [3, 'jpeg'],
      [5, 'jpeg'],
    ]);
  });
});
