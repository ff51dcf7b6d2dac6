import { FacegateError, type ValidatedMedia } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { checkLivenessVideo, precheckDecentroLivenessVideo } from './decentro-liveness-video';

function refusal(run: () => unknown): FacegateError {
  try {
    run();
  } catch (error) {
    if (FacegateError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an invalid_input');
}

describe('video liveness pre-flight', () => {
  it('accepts an 880×1100 clip and reports its size', () => {
    const video = precheckDecentroLivenessVideo(readFixture('media/clip-2s-880x1100.webm'));
    expect(video.format).toBe('webm');
    expect(checkLivenessVideo(video).dimensions).toEqual({ width: 880, height: 1100 });
  });

  it('refuses a small clip, a long clip and an image, naming the issue', () => {
    expect(refusal(() => precheckDecentroLivenessVideo(readFixture('media/clip-2s.mp4'))).details).toMatchObject({
      field: 'video',
      issue: 'resolution_too_low',
    });
    expect(refusal(() => precheckDecentroLivenessVideo(readFixture('media/clip-12s.mp4'))).details).toMatchObject({
      issue: 'too_long',
    });
    expect(refusal(() => precheckDecentroLivenessVideo(readFixture('faces/obama-1.jpg'))).details).toMatchObject({
      issue: 'not_video',
    });
  });

  it('uses the frame size core reports when there is one, refusing above 2000×2000', () => {
    const clip = precheckDecentroLivenessVideo(readFixture('media/clip-2s-880x1100.mp4'));
    const wide: ValidatedMedia = { ...clip, width: 2560, height: 1440 };
    const error = refusal(() => checkLivenessVideo(wide));
    expect(error).toMatchObject({ code: 'invalid_input', provider: 'decentro' });
    expect(error.details).toMatchObject({ field: 'media.video', issue: 'resolution_too_high', width: 2560 });
    expect(checkLivenessVideo({ ...clip, width: 1080, height: 1920 }).dimensions).toEqual({
      width: 1080,
      height: 1920,
    });
  });
});
