/**
 * What the light rule measures on one frame: the mean linear-light colour of
 * the face's centre (cheeks, nose) and of the background beside the head.
 * A screen close to a face lights the face far more than a wall a metre or
 * more behind it (light falls off with the square of the distance), so the
 * face-minus-background difference follows the colours shown. Light added
 * evenly over a picture (a screen's glass reflecting the page's colours onto
 * a replayed video) is the same on both and cancels in the difference.
 */
import type { RgbImage } from '../engine/decode-image';
import type { EngineBox } from '../engine/face-engine';

/** Linear-light RGB, 0..1 per channel. */
export type LinearRgb = readonly [number, number, number];

/** The two regions' mean colours on one frame; `background` null when the face leaves none to measure. */
export interface FaceLight {
  face: LinearRgb;
  background: LinearRgb | null;
}

const LINEAR = Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function clip(r: Rect, image: RgbImage): Rect {
  return {
    x0: Math.max(0, Math.round(r.x0)),
    y0: Math.max(0, Math.round(r.y0)),
    x1: Math.min(image.width, Math.round(r.x1)),
    y1: Math.min(image.height, Math.round(r.y1)),
  };
}

/** Mean linear RGB over the rectangles (every 2nd pixel), and how many pixels were read. */
function meanLinear(image: RgbImage, rects: Rect[]): { rgb: LinearRgb; count: number } {
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (const rect of rects)
    for (let y = rect.y0; y < rect.y1; y += 2)
      for (let x = rect.x0; x < rect.x1; x += 2) {
        const i = (y * image.width + x) * 3;
        r += LINEAR[image.data[i] ?? 0] ?? 0;
        g += LINEAR[image.data[i + 1] ?? 0] ?? 0;
        b += LINEAR[image.data[i + 2] ?? 0] ?? 0;
        n++;
      }
  return { rgb: n === 0 ? [0, 0, 0] : [r / n, g / n, b / n], count: n };
}

/**
 * Face: the centre of the detector box (x 20–80 %, y 35–70 %: cheeks and nose,
 * no hair, no mouth). Background: strips beside the head, from 0.4 to 0.9 box widths out
 * (past ears and most hair),
 * over the box's upper 60 % (beside the head, above the shoulders); at least a
 * tenth of the face region's pixels, else none.
 */
export function measureFaceLight(image: RgbImage, box: EngineBox): FaceLight {
  const { x, y, width: w, height: h } = box;
  const face = meanLinear(image, [
    clip({ x0: x + 0.2 * w, y0: y + 0.35 * h, x1: x + 0.8 * w, y1: y + 0.7 * h }, image),
  ]);
  const band = { y0: y, y1: y + 0.6 * h };
  const sides = [
    clip({ ...band, x0: x - 0.9 * w, x1: x - 0.4 * w }, image),
    clip({ ...band, x0: x + 1.4 * w, x1: x + 1.9 * w }, image),
  ];
  const background = meanLinear(image, sides);
  return {
    face: face.rgb,
    background: face.count > 0 && background.count >= face.count / 10 ? background.rgb : null,
  };
}
