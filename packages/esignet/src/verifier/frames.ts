import { type ImageFormat, sniffFormat } from '@facegate/core';
import type { FrameDetail } from '../protocol/wire';

/** Largest frame accepted, decoded (signup-ui's quality-0 JPEGs are 5–30 KB). */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/** A frame that passed the checks. */
export interface DecodedFrame {
  order: number;
  bytes: Uint8Array;
  format: ImageFormat;
}

/** Why a batch was refused: eSignet's own ERROR codes for bad frames. */
export type FrameProblem = 'invalid_frame' | 'invalid_order';

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decode a batch. Any bad frame refuses the whole batch (nothing is stored):
 * empty or undecodable → `invalid_frame`; negative, non-integer or repeated
 * order → `invalid_order`. A data-URL prefix is tolerated (signup-ui strips it,
 * other clients may not).
 */
export function decodeFrames(frames: readonly FrameDetail[]): DecodedFrame[] | FrameProblem {
  const out: DecodedFrame[] = [];
  const seen = new Set<number>();
  for (const f of frames) {
    if (!Number.isSafeInteger(f.order) || f.order < 0 || seen.has(f.order)) return 'invalid_order';
    seen.add(f.order);
    const text = (f.frame ?? '').trim().replace(DATA_URL, '');
    if (text.length === 0 || text.length % 4 === 1 || !BASE64.test(text)) return 'invalid_frame';
    const bytes = new Uint8Array(Buffer.from(text, 'base64'));
    if (bytes.length === 0 || bytes.length > MAX_FRAME_BYTES) return 'invalid_frame';
    const format = sniffFormat(bytes);
    if (format !== 'jpeg' && format !== 'png' && format !== 'webp') return 'invalid_frame';
    out.push({ order: f.order, bytes, format });
  }
  return out.sort((a, b) => a.order - b.order);
}

/**
 * When signup-ui captured frame number `n` of a step (ms after its first frame).
 * Its capture timer ticks every 1000/fps ms; each tick either grabs a frame or,
 * once `fps` frames are buffered, publishes them instead. So `fps` frames take
 * `fps + 1` ticks, and `order` (a counter of captured frames) maps to time as
 * below. A gap in `order` is time that passed without a frame reaching us.
 */
export function captureTimeMs(n: number, fps: number): number {
  return Math.round(((n + Math.floor(n / fps)) * 1000) / fps);
}
