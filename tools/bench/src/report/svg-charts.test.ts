import { describe, expect, it } from 'vitest';
import { lineChart, probit, unitAxis } from './svg-charts';

describe('probit', () => {
  it('inverts the standard normal CDF', () => {
    expect(probit(0.5)).toBeCloseTo(0, 9);
    expect(probit(0.975)).toBeCloseTo(1.959964, 5);
    expect(probit(0.001)).toBeCloseTo(-3.090232, 5);
    expect(probit(0.01)).toBeCloseTo(-probit(0.99), 9);
  });
});

describe('lineChart', () => {
  it('is a self-contained SVG with one path per series', () => {
    const svg = lineChart('ROC', unitAxis('FAR'), unitAxis('TAR'), [
      {
        name: 'a<b',
        color: '#00f',
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('a&lt;b');
    expect(svg).not.toMatch(/href=|<script/);
  });
});
