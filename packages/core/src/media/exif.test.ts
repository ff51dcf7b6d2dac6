import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { readExif } from './exif';

describe('readExif', () => {
  it('reads camera provenance tags from a JPEG', () => {
    const exif = readExif(readFixture('media/exif-camera.jpg'), 'jpeg');
    expect(exif.make).toBe('FacegateCam');
    expect(exif.model).toBe('Test 1');
    expect(exif.dateTime).toBe('2026:11:23 09:00:00');
    expect(exif.fileSource).toBe(3);
    expect(exif.orientation).toBe(1);
  });

  it('returns an empty summary for images without EXIF', () => {
    expect(readExif(readFixture('media/face-small.webp'), 'webp')).toEqual({});
    expect(readExif(readFixture('faces/lacamoire-3.png'), 'png')).toEqual({});
  });

  it('returns an empty summary for a damaged EXIF block instead of failing', () => {
    const data = new Uint8Array(readFixture('media/exif-camera.jpg'));
    data.fill(0xee, 12, 40); // clobber the TIFF header
    expect(readExif(data, 'jpeg')).toEqual({});
  });
});
