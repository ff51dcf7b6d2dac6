import { describe, expect, it } from 'vitest';
import { quantile, summarize } from './summary';

describe('summarize', () => {
  it('gives order statistics of an unsorted sample', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, min: 1, median: 3, max: 5, mean: 3 });
    expect(s.p90).toBeCloseTo(4.6);
  });
  it('interpolates the median of an even sample', () => {
    expect(summarize([1, 2, 3, 10]).median).toBe(2.5);
  });
  it('is NaN for an empty sample', () => {
    expect(Number.isNaN(summarize([]).median)).toBe(true);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
