import { readExif, readImageHeader } from '@facegate/core/adapter-kit';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { withCameraExif } from './camera-exif';

describe('withCameraExif', () => {
  const source = readFixture('media/exif-camera.jpg');
  const photo = readFixture('faces/biden-2.jpg'); // 1200×1200, no EXIF

  it('gives a photo without EXIF the camera tags of the source, keeping the picture', () => {
    expect(readExif(photo, 'jpeg').make).toBeUndefined();
    const out = withCameraExif(photo, source);
    const exif = readExif(out, 'jpeg');
    expect(exif.make).toBe(readExif(source, 'jpeg').make);
    expect(exif.dateTime).toMatch(/^\d{4}:\d{2}:\d{2} /);
    expect(exif.fileSource).toBe(3);
    expect(readImageHeader(out, 'jpeg')).toEqual(readImageHeader(photo, 'jpeg'));
  });

  it('replaces an existing EXIF block instead of adding a second one', () => {
    const twice = withCameraExif(withCameraExif(photo, source), source);
    expect(twice.length).toBe(withCameraExif(photo, source).length);
  });

  it('refuses a source without EXIF and bytes that are not a JPEG', () => {
    expect(() => withCameraExif(photo, photo)).toThrow(/no EXIF/);
    expect(() => withCameraExif(new Uint8Array([1, 2, 3]), source)).toThrow(/not a JPEG/);
  });
});
