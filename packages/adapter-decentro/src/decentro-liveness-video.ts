import { type MediaInput, type ValidatedMedia, type VideoConstraints, validateVideo } from '@facegate/core';
import { checkLivenessResolution } from './decentro-liveness-resolution';
import { readVideoDimensions } from './decentro-video-dimensions';

/**
 * What Decentro's passive video liveness accepts: MP4 or WebM, at most
 * 20 MB (read as 20,000,000 bytes, the stricter reading) and 10 s. Its frame
 * size must also be 800×800–2000×2000, checked by {@link checkLivenessVideo}.
 */
export const DECENTRO_LIVENESS_VIDEO_CONSTRAINTS: VideoConstraints = {
  formats: ['mp4', 'webm'],
  maxBytes: 20_000_000,
  maxDurationMs: 10_000,
};

/** What the video pre-flight found out. */
export interface LivenessVideoCheck {
  /** The frame size, or `null` when the container header does not say (then Decentro checks it). */
  dimensions: { width: number; height: number } | null;
}

/**
 * Refuse, before any paid call, a validated clip whose frame size is outside
 * 800×800–2000×2000 (`invalid_input`, `details.issue` `resolution_too_low` |
 * `resolution_too_high`). A clip whose size cannot be read is let through.
 */
export function checkLivenessVideo(video: ValidatedMedia, field = 'media.video'): LivenessVideoCheck {
  const fromCore =
    video.width !== undefined && video.height !== undefined ? { width: video.width, height: video.height } : null;
  const dimensions =
    fromCore ??
    (video.format === 'mp4' || video.format === 'webm' ? readVideoDimensions(video.data, video.format) : null);
  if (dimensions) checkLivenessResolution(field, 'video', dimensions.width, dimensions.height);
  return { dimensions };
}

/**
 * Check a clip as Decentro's video liveness will, without calling Decentro:
 * format, bytes, duration and frame size. Use it where the upload arrives.
 */
export function precheckDecentroLivenessVideo(input: MediaInput, field = 'video'): ValidatedMedia {
  const video = validateVideo(input, DECENTRO_LIVENESS_VIDEO_CONSTRAINTS, field);
  checkLivenessVideo(video, field);
  return video;
}
