import { describe, expect, it } from 'vitest';
import { meanLumaInOval } from './luma';
import { ovalFor } from './oval';

function frame(width: number, height: number, inside: number, outside: number): Uint8ClampedArray {
  const oval = ovalFor(width, height);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inOval = ((x - oval.cx) / oval.rx) ** 2 + ((y - oval.cy) / oval.ry) ** 2 <= 1;
      const v = inOval ? inside : outside;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  return data;
}

describe('meanLumaInOval', () => {
  it('measures only the oval', () => {
    const data = frame(64, 48, 200, 10);
    expect(meanLumaInOval(data, 64, 48, ovalFor(64, 48), 1)).toBeCloseTo(200, 0);
  });
  it('maps a downscaled frame onto the oval in video pixels', () => {
    const data = frame(64, 48, 30, 250);
    expect(meanLumaInOval(data, 64, 48, ovalFor(640, 480), 10)).toBeCloseTo(30, 0);
  });
});
