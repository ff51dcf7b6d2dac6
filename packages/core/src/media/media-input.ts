import type { ExifSummary } from './exif';
import type { MediaFormat } from './media-format';

/**
 * Media as callers pass it: raw bytes, or bytes with what the caller believes
 * they are. The real format is always sniffed from the bytes; a declared type
 * is only compared against it.
 */
export type MediaInput = Uint8Array | { data: Uint8Array; filename?: string; mediaType?: string };

/** Media after validation: the only form adapters ever receive. */
export interface ValidatedMedia {
  readonly data: Uint8Array;
  readonly format: MediaFormat;
  /** MIME type of the sniffed format. */
  readonly mediaType: string;
  readonly byteLength: number;
  /** Pixel size for images (from the header, before EXIF rotation). */
  readonly width?: number;
  readonly height?: number;
  /** Duration for videos, or null when the container does not say. */
  readonly durationMs?: number | null;
  /** EXIF provenance and orientation for images (empty when absent). */
  readonly exif?: ExifSummary;
  /** True when the caller's filename or type named a different format. */
  readonly mislabelled: boolean;
}

/** Split a {@link MediaInput} into bytes and what the caller declared. */
export function unwrapMediaInput(input: MediaInput): { data: Uint8Array; filename?: string; mediaType?: string } {
  return input instanceof Uint8Array ? { data: input } : input;
}
