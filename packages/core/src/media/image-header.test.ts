import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { CorruptMediaError, readImageHeader } from './image-header';

describe('readImageHeader', () => {
  it.each([
    ['faces/obama-1.jpg', 'jpeg', 910, 1137],
    ['faces/rgba-32bit.png', 'png', 626, 1200],
    ['media/face-small.webp', 'webp', 320, 400],
    ['media/face-lossless.webp', 'webp', 200, 383],
  ] as const)('reads the size of %s', (file, format, width, height) => {
    expect(readImageHeader(readFixture(file), format)).toEqual({ width, height });
  });

  it('reads an extended (VP8X) WebP canvas size', () => {
    const b = new Uint8Array(40);
    b.set(
      [...'RIFF'].map((c) => c.charCodeAt(0)),
      0,
    );
    new DataView(b.buffer).setUint32(4, 32, true);
    b.set(
      [...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
      8,
    );
    b.set([639 & 0xff, 639 >> 8, 0, 479 & 0xff, 479 >> 8, 0], 24);
    expect(readImageHeader(b, 'webp')).toEqual({ width: 640, height: 480 });
  });

  it.each([
    ['a JPEG cut in half', 'faces/obama-1.jpg', 'jpeg', 0.5],
    ['a JPEG missing its last bytes', 'faces/obama-1.jpg', 'jpeg', 0.999],
    ['a PNG cut short', 'faces/lacamoire-3.png', 'png', 0.9],
    ['a WebP cut short', 'media/face-small.webp', 'webp', 0.8],
  ] as const)('rejects %s as corrupt', (_label, file, format, keep) => {
    const data = readFixture(file);
    expect(() => readImageHeader(data.subarray(0, Math.floor(data.length * keep)), format)).toThrow(CorruptMediaError);
  });

  it('rejects a JPEG with no frame header', () => {
    expect(() => readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'jpeg')).toThrow(CorruptMediaError);
  });
});
