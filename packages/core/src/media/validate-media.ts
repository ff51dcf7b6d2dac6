import { FacegateError } from '../errors/facegate-error';
import { readExif } from './exif';
import { CorruptMediaError, readImageHeader } from './image-header';
import type { ImageConstraints, VideoConstraints } from './media-constraints';
import { isImageFormat, MEDIA_TYPES, type MediaFormat, sniffFormat } from './media-format';
import { type MediaInput, unwrapMediaInput, type ValidatedMedia } from './media-input';
import { readVideoHeader } from './video-header';

/** Where in a request a media item sits, for error details (e.g. `frames[3]`). */
export type MediaField = string;

function invalid(
  field: MediaField,
  issue: string,
  message: string,
  extra: Record<string, unknown> = {},
): FacegateError {
  return new FacegateError({
    code: 'invalid_input',
    message: `${field}: ${message}`,
    details: { field, issue, ...extra },
  });
}

function readBytes(input: unknown, field: MediaField) {
  if (
    !(input instanceof Uint8Array) &&
    !(typeof input === 'object' && input !== null && (input as { data?: unknown }).data instanceof Uint8Array)
  ) {
    throw invalid(field, 'not_bytes', 'expected the media as a Uint8Array or Buffer (or { data })');
  }
  const unwrapped = unwrapMediaInput(input as MediaInput);
  if (unwrapped.data.byteLength === 0) throw invalid(field, 'empty', 'the file is empty');
  return unwrapped;
}

const EXTENSIONS: Record<string, MediaFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  mp4: 'mp4',
  m4v: 'mp4',
  webm: 'webm',
};

function declaredFormat(filename?: string, mediaType?: string): MediaFormat | 'other' | undefined {
  if (mediaType) {
    const hit = (Object.entries(MEDIA_TYPES) as [MediaFormat, string][]).find(
      ([, t]) => t === mediaType.toLowerCase().split(';')[0]?.trim(),
    );
    return hit ? hit[0] : 'other';
  }
  const ext = filename?.toLowerCase().split('.').pop();
  if (filename && ext && ext !== filename.toLowerCase()) return EXTENSIONS[ext] ?? 'other';
  return undefined;
}

function sniff(data: Uint8Array, field: MediaField): MediaFormat {
  const format = sniffFormat(data);
  if (format === 'unknown')
    throw invalid(field, 'unrecognised', 'the bytes are not a JPEG, PNG, WebP, MP4 or WebM file');
  if (!(format in MEDIA_TYPES)) {
    throw new FacegateError({
      code: 'unsupported_media',
      message: `${field}: ${format.toUpperCase()} files are not accepted`,
      details: { field, issue: 'format', format },
    });
  }
  return format as MediaFormat;
}

function unsupported(field: MediaField, format: MediaFormat, accepted: readonly string[]): FacegateError {
  return new FacegateError({
    code: 'unsupported_media',
    message: `${field}: ${format.toUpperCase()} is not accepted here (accepted: ${accepted.join(', ') || 'none'})`,
    details: { field, issue: 'format', format, accepted },
  });
}

/**
 * Check an image before any vendor sees it: real format from the bytes,
 * whole file, byte size, resolution and pixel count. Throws `invalid_input`
 * or `unsupported_media` with `details` naming the field and the limit.
 */
export function validateImage(
  input: unknown,
  constraints: ImageConstraints,
  field: MediaField = 'image',
): ValidatedMedia {
  const { data, filename, mediaType } = readBytes(input, field);
  const format = sniff(data, field);
  if (!isImageFormat(format))
    throw invalid(field, 'not_image', `expected an image but got a ${format.toUpperCase()} video`);
  if (!constraints.formats.includes(format)) throw unsupported(field, format, constraints.formats);
  if (data.byteLength > constraints.maxBytes) {
    throw invalid(field, 'too_large', `the image is ${data.byteLength} bytes; the limit is ${constraints.maxBytes}`, {
      maxBytes: constraints.maxBytes,
      actual: data.byteLength,
    });
  }
  let header: { width: number; height: number };
  try {
    header = readImageHeader(data, format);
  } catch (error) {
    if (error instanceof CorruptMediaError)
      throw invalid(field, 'corrupt', `the ${format.toUpperCase()} file is damaged: ${error.message}`);
    throw error;
  }
  const { width, height } = header;
  if (width * height > constraints.maxPixels) {
    throw invalid(field, 'too_many_pixels', `${width}×${height} exceeds the ${constraints.maxPixels}-pixel limit`, {
      maxPixels: constraints.maxPixels,
      width,
      height,
    });
  }
  if (width < constraints.minWidth || height < constraints.minHeight) {
    throw invalid(
      field,
      'resolution_too_low',
      `${width}×${height} is below the minimum ${constraints.minWidth}×${constraints.minHeight}`,
      { minWidth: constraints.minWidth, minHeight: constraints.minHeight, width, height },
    );
  }
  if (
    (constraints.maxWidth && width > constraints.maxWidth) ||
    (constraints.maxHeight && height > constraints.maxHeight)
  ) {
    throw invalid(
      field,
      'resolution_too_high',
      `${width}×${height} is above the maximum ${constraints.maxWidth ?? '∞'}×${constraints.maxHeight ?? '∞'}`,
      { maxWidth: constraints.maxWidth, maxHeight: constraints.maxHeight, width, height },
    );
  }
  const declared = declaredFormat(filename, mediaType);
  return {
    data,
    format,
    mediaType: MEDIA_TYPES[format],
    byteLength: data.byteLength,
    width,
    height,
    exif: readExif(data, format),
    mislabelled: declared !== undefined && declared !== format,
  };
}

/** Check a video clip: real format, whole container, byte size and duration. */
export function validateVideo(
  input: unknown,
  constraints: VideoConstraints,
  field: MediaField = 'video',
): ValidatedMedia {
  const { data, filename, mediaType } = readBytes(input, field);
  const format = sniff(data, field);
  if (isImageFormat(format))
    throw invalid(field, 'not_video', `expected a video but got a ${format.toUpperCase()} image`);
  if (!constraints.formats.includes(format)) throw unsupported(field, format, constraints.formats);
  if (data.byteLength > constraints.maxBytes) {
    throw invalid(field, 'too_large', `the video is ${data.byteLength} bytes; the limit is ${constraints.maxBytes}`, {
      maxBytes: constraints.maxBytes,
      actual: data.byteLength,
    });
  }
  let durationMs: number | null;
  try {
    durationMs = readVideoHeader(data, format).durationMs;
  } catch (error) {
    if (error instanceof CorruptMediaError)
      throw invalid(field, 'corrupt', `the ${format.toUpperCase()} file is damaged: ${error.message}`);
    throw error;
  }
  if (constraints.maxDurationMs !== undefined) {
    if (durationMs === null)
      throw invalid(
        field,
        'unknown_duration',
        'the video does not state its duration, so the duration limit cannot be checked',
      );
    if (durationMs > constraints.maxDurationMs) {
      throw invalid(
        field,
        'too_long',
        `the video lasts ${durationMs} ms; the limit is ${constraints.maxDurationMs} ms`,
        { maxDurationMs: constraints.maxDurationMs, actual: durationMs },
      );
    }
  }
  const declared = declaredFormat(filename, mediaType);
  return {
    data,
    format,
    mediaType: MEDIA_TYPES[format],
    byteLength: data.byteLength,
    durationMs,
    mislabelled: declared !== undefined && declared !== format,
  };
}
