import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { readVideoDimensions } from './decentro-video-dimensions';

describe('readVideoDimensions', () => {
  it.each([
    ['media/clip-2s.mp4', 'mp4', 320, 400],
    ['media/clip-12s.mp4', 'mp4', 160, 200],
    ['media/clip-2s-880x1100.mp4', 'mp4', 880, 1100],
    ['media/clip-2s.webm', 'webm', 320, 400],
    ['media/clip-2s-880x1100.webm', 'webm', 880, 1100],
  ] as const)('reads %s as %s %i×%i', (file, format, width, height) => {
    expect(readVideoDimensions(readFixture(file), format)).toEqual({ width, height });
  });

  it('gives null, never a guess, for bytes it cannot read', () => {
    const clip = readFixture('media/clip-2s-880x1100.mp4');
    expect(readVideoDimensions(clip, 'webm')).toBeNull();
    expect(readVideoDimensions(readFixture('media/clip-2s.webm'), 'mp4')).toBeNull();
    expect(readVideoDimensions(new Uint8Array(0), 'mp4')).toBeNull();
    expect(readVideoDimensions(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x00]), 'webm')).toBeNull();
    expect(readVideoDimensions(clip.subarray(0, 200), 'mp4')).toBeNull();
  });
});
