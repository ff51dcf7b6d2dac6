import { createFacegate, FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { createLocalVendorMock } from '../testing';
import { decodeImage, ImageDecodeError } from './decode-image';

const BROKEN = ['truncated.jpg', 'corrupt-scan.jpg', 'broken-idat.png', 'garbage.webp', 'bomb-30000x30000.png'];

describe('decoding', () => {
  it('decodes a photo to RGB with the long side bounded', async () => {
    const image = await decodeImage({ data: readFixture('faces/obama-1080p.jpg') }, { maxSide: 640 });
    expect(Math.max(image.width, image.height)).toBe(640);
    expect(image.data.length).toBe(image.width * image.height * 3);
  });

  it('refuses an image whose header exceeds the pixel limit before decoding it', async () => {
    const error = await decodeImage({ data: readFixture('faces/obama-1080p.jpg') }, { maxPixels: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as Error).message).toMatch(/pixel limit/);
  });

  it.each(BROKEN)('fails %s with ImageDecodeError, never pixels', async (file) => {
    await expect(decodeImage({ data: readFixture(`broken-images/${file}`) })).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it.each(BROKEN)('answers %s with invalid_input through the provider, and no engine call', async (file) => {
    const mock = createLocalVendorMock();
    const client = createFacegate({ provider: mock.provider(), resilience: { maxRetries: 0 } });
    for (const call of [
      () => client.analyzeQuality({ image: readFixture(`broken-images/${file}`) }),
      () =>
        client.compareFaces({ source: readFixture('faces/obama-1.jpg'), target: readFixture(`broken-images/${file}`) }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(FacegateError.isInstance(error), file).toBe(true);
      expect((error as FacegateError).code).toBe('invalid_input');
    }
    expect(mock.calls()).toBe(0);
  });
});
