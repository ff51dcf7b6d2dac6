import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { FacegateError } from '../errors/facegate-error';
import { DEFAULT_IMAGE_CONSTRAINTS, type ImageConstraints } from './media-constraints';
import { validateImage, validateVideo } from './validate-media';

const jpeg = readFixture('faces/obama-1.jpg');
const webp = readFixture('media/face-small.webp');

function errorOf(fn: () => unknown): FacegateError {
  try {
    fn();
  } catch (error) {
    if (FacegateError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a FacegateError');
}

describe('validateImage', () => {
  it('accepts a JPEG and reports its real format and size', () => {
    const media = validateImage(jpeg, DEFAULT_IMAGE_CONSTRAINTS);
    expect(media).toMatchObject({
      format: 'jpeg',
      mediaType: 'image/jpeg',
      width: 910,
      height: 1137,
      byteLength: jpeg.byteLength,
      mislabelled: false,
    });
  });

  it('detects a WebP named .jpg as WebP and flags the label', () => {
    const media = validateImage(
      { data: webp, filename: 'selfie.jpg', mediaType: 'image/jpeg' },
      DEFAULT_IMAGE_CONSTRAINTS,
    );
    expect(media.format).toBe('webp');
    expect(media.mislabelled).toBe(true);
  });

  it('refuses formats the provider does not accept with unsupported_media', () => {
    const awsLike: ImageConstraints = { ...DEFAULT_IMAGE_CONSTRAINTS, formats: ['jpeg', 'png'] };
    const error = errorOf(() => validateImage({ data: webp, filename: 'selfie.jpg' }, awsLike, 'source'));
    expect(error.code).toBe('unsupported_media');
    expect(error.details).toMatchObject({ field: 'source', format: 'webp', accepted: ['jpeg', 'png'] });
  });

  it.each([
    ['empty bytes', new Uint8Array(0), 'invalid_input', 'empty'],
    ['text', new TextEncoder().encode('not an image'), 'invalid_input', 'unrecognised'],
    ['a truncated JPEG', jpeg.subarray(0, 5000), 'invalid_input', 'corrupt'],
    ['a GIF', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0]), 'unsupported_media', 'format'],
    ['a video', readFixture('media/clip-2s.mp4'), 'invalid_input', 'not_image'],
  ] as const)('refuses %s', (_label, data, code, issue) => {
    const error = errorOf(() => validateImage(data, DEFAULT_IMAGE_CONSTRAINTS));
    expect(error.code).toBe(code);
    expect(error.details?.issue).toBe(issue);
  });

  it('refuses values that are not bytes', () => {
    expect(errorOf(() => validateImage('base64string', DEFAULT_IMAGE_CONSTRAINTS)).details?.issue).toBe('not_bytes');
    expect(errorOf(() => validateImage({ data: [1, 2, 3] }, DEFAULT_IMAGE_CONSTRAINTS)).details?.issue).toBe(
      'not_bytes',
    );
  });

  it('enforces byte size, minimum and maximum resolution', () => {
    expect(errorOf(() => validateImage(jpeg, { ...DEFAULT_IMAGE_CONSTRAINTS, maxBytes: 1000 })).details).toMatchObject({
      issue: 'too_large',
      maxBytes: 1000,
    });
    expect(
      errorOf(() => validateImage(webp, { ...DEFAULT_IMAGE_CONSTRAINTS, minWidth: 800, minHeight: 800 })).details,
    ).toMatchObject({ issue: 'resolution_too_low', width: 320 });
    expect(errorOf(() => validateImage(jpeg, { ...DEFAULT_IMAGE_CONSTRAINTS, maxWidth: 500 })).details).toMatchObject({
      issue: 'resolution_too_high',
    });
  });

  it('refuses a decompression bomb from its header, before decoding', () => {
    // A PNG header claiming 50000×50000 pixels, with IEND so it looks whole.
    const png = new Uint8Array(45);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 0);
    png.set(
      [...'IHDR'].map((c) => c.charCodeAt(0)),
      12,
    );
    new DataView(png.buffer).setUint32(16, 50_000);
    new DataView(png.buffer).setUint32(20, 50_000);
    png.set(
      [...'IEND'].map((c) => c.charCodeAt(0)),
      37,
    );
    expect(errorOf(() => validateImage(png, DEFAULT_IMAGE_CONSTRAINTS)).details).toMatchObject({
      issue: 'too_many_pixels',
      width: 50_000,
    });
  });
});

describe('validateVideo', () => {
  const constraints = { formats: ['mp4', 'webm'] as const, maxBytes: 20 * 1024 * 1024, maxDurationMs: 10_000 };

  it('accepts MP4 and WebM within the limits', () => {
    expect(validateVideo(readFixture('media/clip-2s.mp4'), constraints)).toMatchObject({
      format: 'mp4',
      durationMs: 2000,
    });
    expect(validateVideo(readFixture('media/clip-2s.webm'), constraints)).toMatchObject({
      format: 'webm',
      durationMs: 2000,
    });
  });

  it('refuses a clip longer than the limit, naming it', () => {
    expect(errorOf(() => validateVideo(readFixture('media/clip-12s.mp4'), constraints)).details).toMatchObject({
      issue: 'too_long',
      maxDurationMs: 10_000,
      actual: 12_000,
    });
  });

  it('refuses an image given as a video, and a damaged container', () => {
    expect(errorOf(() => validateVideo(jpeg, constraints)).details?.issue).toBe('not_video');
    const mp4 = readFixture('media/clip-2s.mp4');
    expect(errorOf(() => validateVideo(mp4.subarray(0, 1000), constraints)).details?.issue).toBe('corrupt');
  });

  it('refuses formats the provider does not take', () => {
    expect(
      errorOf(() => validateVideo(readFixture('media/clip-2s.webm'), { ...constraints, formats: ['mp4'] })).code,
    ).toBe('unsupported_media');
  });
});
