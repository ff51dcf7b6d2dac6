import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_SECONDS, retryAfterSecondsFrom } from './flow-error';

describe('retryAfterSecondsFrom', () => {
  it('rounds a provider hint up to whole seconds, at least one', () => {
    expect(retryAfterSecondsFrom(800)).toBe(1);
    expect(retryAfterSecondsFrom(1000)).toBe(1);
    expect(retryAfterSecondsFrom(1001)).toBe(2);
    expect(retryAfterSecondsFrom(1)).toBe(1);
  });

  it('caps a long hint at ten minutes', () => {
    expect(retryAfterSecondsFrom(3_600_000)).toBe(600);
  });

  it('uses the default without a usable hint', () => {
    for (const ms of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(retryAfterSecondsFrom(ms)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
  });
});
