import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { runQuickstart, scenarioFacegate } from './run-quickstart';

const images = {
  selfieFrames: ['obama-1.jpg', 'obama-2.jpg', 'obama-4.jpg'].map((f) => readFixture(`faces/${f}`)),
  documentPhoto: readFixture('faces/obama-3.jpg'),
};

describe('quickstart flow', () => {
  it('registers a new person, then refuses the same person as a duplicate', async () => {
    const facegate = scenarioFacegate('happy');
    const first = await runQuickstart(facegate, images, 'user-1');
    expect(first.map((s) => [s.step, s.outcome])).toEqual([
      ['liveness', 'pass'],
      ['face match', 'pass'],
      ['uniqueness', 'pass'],
      ['register', 'pass'],
    ]);
    const second = await runQuickstart(facegate, images, 'user-2');
    expect(second.at(-1)).toMatchObject({ step: 'uniqueness', outcome: 'reject' });
  });

  it.each([
    ['spoof', 'liveness', 'reject'],
    ['low_light', 'liveness', 'retry'],
    ['mismatch', 'face match', 'reject'],
  ] as const)('stops at the first failing check (%s)', async (mode, step, outcome) => {
    const steps = await runQuickstart(scenarioFacegate(mode), images, 'user-1');
    expect(steps.at(-1)).toMatchObject({ step, outcome });
    expect(steps.some((s) => s.step === 'register')).toBe(false);
  });
});
