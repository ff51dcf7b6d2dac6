import { LIGHT_RGB } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { SCREEN_RGB } from './screen-light';

describe('screen light colours', () => {
  it('fill the screen with exactly the colours the server judges against', () => {
    expect(SCREEN_RGB).toEqual(LIGHT_RGB);
  });
});
