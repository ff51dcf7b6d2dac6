import type { BoundingBox } from '@facegate/core';
import sharp from 'sharp';
import { STRICT_DECODE } from './decodable';

/**
 * Is the ID document a copy of the liveness capture? A person who uploads
 * the selfie (cropped, rescaled, re-encoded, recoloured, mirrored) as their
 * "document" would pass the face match against themselves for free. Two
 * different photos of one person share the face's shape but not its
 * photo-specific detail (skin texture, hair strands, the exact expression,
 * lighting and blur), so the face regions are compared on that detail: the
 * grey face box at a fixed size, band-passed (fine noise and the overall
 * shading removed), normalised, and correlated over small shifts, scales and
 * rotations, plain and mirrored. Tests: `near-copy.test.ts`; margins in
 * examples/signup-server/README.md, "The document step".
 */

/** Side of the compared face patch, in pixels. */
const PATCH = 48;
/** The face box is widened by this share of its size on each side before comparison. */
const BOX_MARGIN = 0.1;
/** Shifts tried, in patch pixels each way (detector boxes of one face differ by a few per cent). */
const MAX_SHIFT = 4;
/** Box scales tried (a near copy may be re-detected a little larger or smaller). */
const SCALES = [0.94, 1, 1.06] as const;
/** Blur radii of the band-pass: the fine one drops re-encoding noise, the coarse one the shading. */
const FINE_SIGMA = 0.7;
const COARSE_SIGMA = 4;

/** Rotations tried, in degrees (a copy may be turned a little to look like a fresh photo). */
const ROTATIONS = [-12, -6, 0, 6, 12] as const;
/** The face region is resampled at this many pixels per patch pixel before rotation (against aliasing). */
const SUPERSAMPLE = 2;
/** The region cut around the face, as a multiple of the face box: room for every scale and rotation. */
const REGION_FACTOR = 1.6;

/**
 * At or above this correlation the document is taken as a copy of the capture.
 * Measured on the repository's photos and 1-frame-a-second cuts of six
 * recordings (16 kinds of copy × 33 images; 898 pairs of different people):
 * copies ≥ 0.82 (lowest: mirrored), different photos of one person ≤ 0.68,
 * different people ≤ 0.74, while other frames of the capture's own sitting
 * reach 0.98 and count as copies.
 */
export const NEAR_COPY_THRESHOLD = 0.78;

/** A face region ready to compare: band-passed patches at a few scales and rotations, plain and mirrored. */
export interface FaceDetail {
  /** The upright patch at the detected size: what a document is compared by. */
  readonly centre: Float32Array;
  /** Every variant (scales × rotations × mirror): what a capture is compared against. */
  readonly variants: readonly Float32Array[];
}

/** The face in `image` (its box in relative coordinates of the upright image) as comparable detail. */
export async function faceDetail(image: Uint8Array, box: BoundingBox): Promise<FaceDetail> {
  const region = await faceRegion(image, box);
  const variants: Float32Array[] = [];
  let centre: Float32Array | undefined;
  for (const scale of SCALES)
    for (const degrees of ROTATIONS) {
      const patch = sample(region, scale, degrees);
      const detail = bandPass(patch);
      if (scale === 1 && degrees === 0) centre = detail;
      variants.push(detail, bandPass(mirror(patch)));
    }
  return { centre: centre as Float32Array, variants };
}

/**
 * How alike two faces' detail is: the best normalised correlation of the
 * document's patch against the capture's variants over small shifts. About 1
 * for the same photo; far lower for two photos.
 */
export function nearCopySimilarity(capture: FaceDetail, document: FaceDetail): number {
  let best = -1;
  for (const candidate of capture.variants)
    for (let dy = -MAX_SHIFT; dy <= MAX_SHIFT; dy++)
      for (let dx = -MAX_SHIFT; dx <= MAX_SHIFT; dx++)
        best = Math.max(best, shiftedCorrelation(candidate, document.centre, dx, dy));
  return best;
}

/** The grey square around the face, resampled to a fixed size. */
interface FaceRegion {
  readonly pixels: Uint8Array;
  readonly side: number;
  /** The face box's side (with margin) in region pixels. */
  readonly faceSide: number;
}

async function faceRegion(image: Uint8Array, box: BoundingBox): Promise<FaceRegion> {
  // Boxes are relative to the upright image: decode the same way (EXIF orientation applied).
  const grey = await sharp(image, STRICT_DECODE)
    .rotate()
    .removeAlpha()
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = grey.info;
  const faceSide = Math.max(box.width * width, box.height * height) * (1 + 2 * BOX_MARGIN);
  const wanted = Math.max(1, Math.round(faceSide * REGION_FACTOR));
  const cx = (box.left + box.width / 2) * width;
  const cy = (box.top + box.height / 2) * height;
  // Mirror the edges so a face near the border keeps its geometry.
  const pad = wanted;
  const side = Math.round(PATCH * SUPERSAMPLE * REGION_FACTOR);
  // Two pipelines: sharp would otherwise cut before it pads.
  const padded = await sharp(grey.data, { raw: { width, height, channels: 1 } })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, extendWith: 'mirror' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const pixels = await sharp(padded, { raw: { width: width + 2 * pad, height: height + 2 * pad, channels: 1 } })
    .extract({
      left: Math.max(0, Math.round(cx - wanted / 2) + pad),
      top: Math.max(0, Math.round(cy - wanted / 2) + pad),
      width: wanted,
      height: wanted,
    })
    .resize(side, side, { fit: 'fill', kernel: 'cubic' })
    .extractChannel(0) // raw output is sRGB otherwise: one grey channel
    .raw()
    .toBuffer();
  return { pixels: new Uint8Array(pixels), side, faceSide: (faceSide / wanted) * side };
}

/** A PATCH×PATCH view of the region's centre: the face box scaled by `scale`, turned by `degrees` (bilinear). */
function sample(region: FaceRegion, scale: number, degrees: number): Float32Array {
  const out = new Float32Array(PATCH * PATCH);
  const step = (region.faceSide * scale) / PATCH;
  const cos = Math.cos((degrees * Math.PI) / 180) * step;
  const sin = Math.sin((degrees * Math.PI) / 180) * step;
  const c = region.side / 2;
  const last = region.side - 1;
  const p = region.pixels;
  for (let v = 0; v < PATCH; v++)
    for (let u = 0; u < PATCH; u++) {
      const du = u - PATCH / 2 + 0.5;
      const dv = v - PATCH / 2 + 0.5;
      const x = Math.min(last, Math.max(0, c + du * cos - dv * sin - 0.5));
      const y = Math.min(last, Math.max(0, c + du * sin + dv * cos - 0.5));
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const x1 = Math.min(last, x0 + 1);
      const y1 = Math.min(last, y0 + 1);
      const fx = x - x0;
      const fy = y - y0;
      const upper = (p[y0 * region.side + x0] as number) * (1 - fx) + (p[y0 * region.side + x1] as number) * fx;
      const lower = (p[y1 * region.side + x0] as number) * (1 - fx) + (p[y1 * region.side + x1] as number) * fx;
      out[v * PATCH + u] = upper * (1 - fy) + lower * fy;
    }
  return out;
}

function mirror(patch: Float32Array): Float32Array {
  const out = new Float32Array(patch.length);
  for (let y = 0; y < PATCH; y++)
    for (let x = 0; x < PATCH; x++) out[y * PATCH + x] = patch[y * PATCH + (PATCH - 1 - x)] as number;
  return out;
}

/** Fine blur minus coarse blur: the detail a photo carries and a re-encoding keeps. */
function bandPass(patch: Float32Array): Float32Array {
  const fine = blur(patch, FINE_SIGMA);
  const coarse = blur(patch, COARSE_SIGMA);
  const out = new Float32Array(patch.length);
  for (let i = 0; i < out.length; i++) out[i] = (fine[i] as number) - (coarse[i] as number);
  return out;
}

/** Separable Gaussian blur with clamped edges. */
function blur(src: Float32Array, sigma: number): Float32Array {
  const radius = Math.ceil(sigma * 3);
  const kernel: number[] = [];
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel.push(v);
    sum += v;
  }
  const k = kernel.map((v) => v / sum);
  const pass = (from: Float32Array, horizontal: boolean): Float32Array => {
    const to = new Float32Array(from.length);
    for (let y = 0; y < PATCH; y++)
      for (let x = 0; x < PATCH; x++) {
        let acc = 0;
        for (let i = -radius; i <= radius; i++) {
          const xx = horizontal ? Math.min(PATCH - 1, Math.max(0, x + i)) : x;
          const yy = horizontal ? y : Math.min(PATCH - 1, Math.max(0, y + i));
          acc += (k[i + radius] as number) * (from[yy * PATCH + xx] as number);
        }
        to[y * PATCH + x] = acc;
      }
    return to;
  };
  return pass(pass(src, true), false);
}

/** Pearson correlation of `a` shifted by (dx, dy) against `b`, over their overlap. */
function shiftedCorrelation(a: Float32Array, b: Float32Array, dx: number, dy: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let y = Math.max(0, -dy); y < Math.min(PATCH, PATCH - dy); y++)
    for (let x = Math.max(0, -dx); x < Math.min(PATCH, PATCH - dx); x++) {
      const va = a[(y + dy) * PATCH + (x + dx)] as number;
      const vb = b[y * PATCH + x] as number;
      n++;
      sa += va;
      sb += vb;
      saa += va * va;
      sbb += vb * vb;
      sab += va * vb;
    }
  const cov = sab - (sa * sb) / n;
  const denom = Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
  return denom > 0 ? cov / denom : 0;
}
