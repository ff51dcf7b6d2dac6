import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { CorruptMediaError } from './image-header';
import { readVideoHeader } from './video-header';

describe('readVideoHeader', () => {
  it('reads MP4 durations from mvhd', () => {
    expect(readVideoHeader(readFixture('media/clip-2s.mp4'), 'mp4').durationMs).toBe(2000);
    expect(readVideoHeader(readFixture('media/clip-12s.mp4'), 'mp4').durationMs).toBe(12000);
  });

  it('reads a WebM duration from Segment/Info', () => {
    expect(readVideoHeader(readFixture('media/clip-2s.webm'), 'webm').durationMs).toBe(2000);
  });

  it('falls back to the last block time when a WebM has no Duration (browser MediaRecorder output)', () => {
    const data = new Uint8Array(readFixture('media/clip-2s.webm'));
    const at = data.findIndex((v, i) => v === 0x44 && data[i + 1] === 0x89);
    data[at + 1] = 0x88; // rename the Duration element to an unknown one
    const duration = readVideoHeader(data, 'webm').durationMs;
    expect(duration).toBeGreaterThanOrEqual(1800);
    expect(duration).toBeLessThanOrEqual(2000);
  });

  it('rejects an MP4 whose boxes run past the end', () => {
    const data = readFixture('media/clip-2s.mp4');
    expect(() => readVideoHeader(data.subarray(0, data.length - 100), 'mp4')).toThrow(CorruptMediaError);
  });

  it('rejects a WebM with no segment', () => {
    expect(() => readVideoHeader(readFixture('media/clip-2s.webm').subarray(0, 30), 'webm')).toThrow(CorruptMediaError);
  });
});
