import { FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { precheckDecentroLivenessImage } from './decentro-liveness-image';
import { livenessPhoto, otherPhoto, photoWithoutExif } from './decentro-test-setup';

function issueOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (FacegateError.isInstance(error)) return error.details?.issue;
    throw error;
  }
  return 'accepted';
}

describe('precheckDecentroLivenessImage (for apps, before any call)', () => {
  it('accepts a camera photo in range and returns it validated', () => {
    const image = precheckDecentroLivenessImage(livenessPhoto);
    expect([image.format, image.width, image.height]).toEqual(['jpeg', 910, 1137]);
  });

  it.each<[string, () => Uint8Array, Record<string, boolean>, string]>([
    ['too small', () => readFixture('faces/obama-small.jpg'), {}, 'resolution_too_low'],
    ['too tall', () => otherPhoto, { skipMetadataValidation: true }, 'resolution_too_high'],
    ['without EXIF', () => photoWithoutExif, {}, 'missing_capture_metadata'],
    ['without EXIF, skipped', () => photoWithoutExif, { skipMetadataValidation: true }, 'accepted'],
    ['WebP', () => readFixture('media/face-lossless.webp'), {}, 'format'],
  ])('%s → %s', (_label, image, options, issue) => {
    expect(issueOf(() => precheckDecentroLivenessImage(image(), options))).toBe(issue);
  });
});
