import type { Oval } from './oval';

/**
 * Mean luma (Rec. 601, 0–255) of the pixels inside the oval, from RGBA data of
 * a downscaled frame. `scale` maps frame pixels to the oval's video pixels.
 */
export function meanLumaInOval(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  oval: Oval,
  scale: number,
): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    const dy = (y * scale - oval.cy) / oval.ry;
    for (let x = 0; x < width; x++) {
      const dx = (x * scale - oval.cx) / oval.rx;
      if (dx * dx + dy * dy > 1) continue;
      const i = (y * width + x) * 4;
      sum += 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
      n++;
    }
  }
  return n === 0 ? 0 : sum / n;
}
