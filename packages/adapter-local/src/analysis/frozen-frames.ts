/**
 * The frozen-frames rule: a camera never delivers the same picture twice —
 * sensor noise alone moves every pixel a little from frame to frame. One
 * picture sent again (a photo posted as a "video", frames of a software
 * animation held still) decodes to (nearly) the same pixels. Judged on the
 * face box of each frame against the first frame at least 250 ms later: a
 * recording's frame-rate conversion repeats a frame in the next one (cap13:
 * 25 % of consecutive pairs at 15 frames/s), never a quarter of a second on.
 */
import type { RgbImage } from '../engine/decode-image';
import type { EngineBox } from '../engine/face-engine';

/** Thresholds (see the docs page). */
export const FROZEN_DEFAULTS = {
  /** Mean absolute grey difference over the face box below this (0..255): the same picture again. */
  maxSameDifference: 0.5,
  /** Frames compared are at least this far apart, ms. */
  minGapMs: 250,
  /** At least this share of the compared face pairs the same picture: frozen. */
  minFrozenShare: 0.25,
  /** Fewer pairs than this are not judged. */
  minPairs: 3,
} as const;

/** One frame as the rule sees it. */
export interface FrozenSample {
  atMs: number;
  image: RgbImage;
  /** The main face's box, null without a face. */
  box: EngineBox | null;
}

/** Mean |grey difference| of two frames over `box` (every 2nd pixel), or null if their sizes differ. */
export function boxDifference(a: RgbImage, b: RgbImage, box: EngineBox): number | null {
  if (a.width !== b.width || a.height !== b.height) return null;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(a.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(a.height, Math.ceil(box.y + box.height));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y += 2)
    for (let x = x0; x < x1; x += 2) {
      const i = (y * a.width + x) * 3;
      const ga = (a.data[i] ?? 0) + (a.data[i + 1] ?? 0) + (a.data[i + 2] ?? 0);
      const gb = (b.data[i] ?? 0) + (b.data[i + 1] ?? 0) + (b.data[i + 2] ?? 0);
      sum += Math.abs(ga - gb) / 3;
      n++;
    }
  return n === 0 ? null : sum / n;
}

/** The share of face pairs ≥ `minGapMs` apart that are the same picture, and whether the sequence is frozen. */
export function judgeFrozen(
  samples: readonly FrozenSample[],
  t: typeof FROZEN_DEFAULTS = FROZEN_DEFAULTS,
): { pairs: number; frozenShare: number; frozen: boolean } {
  let pairs = 0;
  let same = 0;
  let j = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = samples[i];
    if (!a?.box) continue;
    j = Math.max(j, i + 1);
    while (j < samples.length && (samples[j]?.atMs ?? 0) < a.atMs + t.minGapMs) j++;
    const b = samples[j];
    if (!b?.box) continue;
    const diff = boxDifference(a.image, b.image, a.box);
    if (diff === null) continue;
    pairs++;
    if (diff < t.maxSameDifference) same++;
  }
  const frozenShare = pairs === 0 ? 0 : same / pairs;
  return { pairs, frozenShare, frozen: pairs >= t.minPairs && frozenShare >= t.minFrozenShare };
}
