import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { sniffFormat } from './media-format';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('sniffFormat', () => {
  it.each([
    ['faces/obama-1.jpg', 'jpeg'],
    ['faces/lacamoire-3.png', 'png'],
    ['faces/rgba-32bit.png', 'png'],
    ['media/face-small.webp', 'webp'],
    ['media/face-lossless.webp', 'webp'],
    ['media/clip-2s.mp4', 'mp4'],
    ['media/clip-2s.webm', 'webm'],
  ])('identifies %s as %s from its bytes', (file, format) => {
    expect(sniffFormat(readFixture(file))).toBe(format);
  });

  it.each([
    ['gif', bytes('GIF89a', 0, 0)],
    ['bmp', bytes('BM', 0, 0, 0, 0)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00)],
    ['pdf', bytes('%PDF-1.7')],
    ['heic', bytes(0, 0, 0, 24, 'ftypheic')],
    ['avif', bytes(0, 0, 0, 24, 'ftypavif')],
    ['quicktime', bytes(0, 0, 0, 24, 'ftypqt  ')],
    ['matroska', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88, 'matroska')],
  ])('names the unaccepted format %s', (format, data) => {
    expect(sniffFormat(data)).toBe(format);
  });

  it('returns unknown for anything else, including empty input', () => {
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown');
    expect(sniffFormat(new TextEncoder().encode('hello world'))).toBe('unknown');
  });
});
