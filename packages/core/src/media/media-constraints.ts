import type { ImageFormat, VideoFormat } from './media-format';

/** What a provider accepts as an image. */
export interface ImageConstraints {
  readonly formats: readonly ImageFormat[];
  readonly maxBytes: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly maxWidth?: number;
  readonly maxHeight?: number;
  /** Refuse images with more pixels than this before decoding (decompression bombs). */
  readonly maxPixels: number;
}

/** What a provider accepts as a video clip. */
export interface VideoConstraints {
  readonly formats: readonly VideoFormat[];
  readonly maxBytes: number;
  readonly maxDurationMs?: number;
}

/** How many frames a provider accepts in a frame sequence (each frame is an image). */
export interface FrameConstraints {
  readonly minFrames: number;
  readonly maxFrames: number;
}

/** Media limits a provider declares; core validates against them before any vendor call. */
export interface MediaConstraints {
  readonly image: ImageConstraints;
  readonly video?: VideoConstraints;
  readonly frames?: FrameConstraints;
}

/** Limits applied when a provider declares none stricter. */
export const DEFAULT_IMAGE_CONSTRAINTS: ImageConstraints = {
  formats: ['jpeg', 'png', 'webp'],
  maxBytes: 15 * 1024 * 1024,
  minWidth: 64,
  minHeight: 64,
  maxPixels: 40_000_000,
};

/** Defaults for frame sequences. */
export const DEFAULT_FRAME_CONSTRAINTS: FrameConstraints = { minFrames: 3, maxFrames: 60 };
