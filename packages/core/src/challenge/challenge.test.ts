import { describe, expect, it } from 'vitest';
import { challengeSchema, createChallenge } from './challenge';
import { LIGHT_MIN_CAPTURE_MS } from './light-sequence';

describe('createChallenge', () => {
  it('opens with look_straight, then distinct actions from the pool', () => {
    for (let i = 0; i < 50; i++) {
      const challenge = createChallenge({ actionCount: 3 });
      expect(challenge.steps[0]).toBe('look_straight');
      expect(new Set(challenge.steps.slice(1)).size).toBe(3);
      expect(challengeSchema.safeParse(challenge).success).toBe(true);
    }
  });

  it('draws the order at random (all orders of the default pool appear)', () => {
    const orders = new Set(Array.from({ length: 300 }, () => createChallenge({ actionCount: 3 }).steps.join(',')));
    expect(orders.size).toBe(6);
  });

  it('issues a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createChallenge().nonce));
    expect(nonces.size).toBe(100);
  });

  it('sets the expiry from the step timeout', () => {
    const challenge = createChallenge({ now: new Date('2026-11-23T10:00:00Z'), stepTimeoutMs: 4000, actionCount: 2 });
    expect(challenge.expiresAt).toBe('2026-11-23T10:00:16.000Z');
  });

  it('uses the injected random source', () => {
    expect(createChallenge({ actionCount: 2, randomInt: () => 0 }).steps).toEqual([
      'look_straight',
      'turn_left',
      'turn_right',
    ]);
  });

  it('always contains required actions, at random positions, with the rest drawn at random', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { steps } = createChallenge({ actionCount: 2, require: ['blink'] });
      expect(steps[0]).toBe('look_straight');
      expect(steps).toHaveLength(3);
      expect(steps).toContain('blink');
      seen.add(steps.join(','));
    }
    // blink first or second, with either turn: four shapes.
    expect(seen.size).toBe(4);
  });

  it('refuses required actions outside the pool or beyond the count', () => {
    const bad = [
      { actionCount: 1, require: ['blink', 'turn_left'] as const },
      { actionCount: 2, pool: ['turn_left', 'turn_right'] as const, require: ['blink'] as const },
    ];
    for (const options of bad)
      expect(() => createChallenge(options)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('refuses an action count the pool cannot satisfy', () => {
    expect(() => createChallenge({ actionCount: 4 })).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('bound challenges (schedule + light)', () => {
  it('are off by default', () => {
    const c = createChallenge();
    expect(c.schedule).toBeUndefined();
    expect(c.light).toBeUndefined();
  });

  it('draw prompt times per step and a colour sequence covering the capture', () => {
    const starts = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const c = createChallenge({ schedule: true, light: true });
      expect(challengeSchema.safeParse(c).success).toBe(true);
      const p = c.schedule?.promptsAtMs ?? [];
      expect(p).toHaveLength(c.steps.length);
      expect(p[0]).toBe(0);
      starts.add(p[1] ?? -1);
      const segments = c.light?.segments ?? [];
      expect(segments[0]?.fromMs).toBe(0);
      expect(segments.at(-1)?.fromMs).toBeLessThan(c.schedule?.endMs ?? 0);
      expect(segments.at(-1)?.fromMs).toBeGreaterThan((c.schedule?.endMs ?? 0) - 700);
      for (let j = 1; j < segments.length; j++) expect(segments[j]?.color).not.toBe(segments[j - 1]?.color);
    }
    // 800–1100 ms in 50 ms steps: every value turns up.
    expect(starts.size).toBe(7);
  });

  it('keep a one-action capture under a colour sequence up for at least LIGHT_MIN_CAPTURE_MS (many colours to guess)', () => {
    for (let i = 0; i < 50; i++) {
      const c = createChallenge({ schedule: true, light: true, actionCount: 1, pool: ['turn_left'] });
      expect(c.schedule?.endMs).toBeGreaterThanOrEqual(LIGHT_MIN_CAPTURE_MS);
      expect(c.light?.segments.length).toBeGreaterThanOrEqual(7);
      expect(challengeSchema.safeParse(c).success).toBe(true);
      // Without colours the schedule is as drawn (it ends with the last prompt's window).
      expect(createChallenge({ schedule: true, actionCount: 1, pool: ['turn_left'] }).schedule?.endMs).toBeLessThan(
        LIGHT_MIN_CAPTURE_MS,
      );
    }
    // The step timeout still bounds the last prompt.
    const short = createChallenge({
      schedule: true,
      light: true,
      actionCount: 1,
      pool: ['turn_left'],
      stepTimeoutMs: 1800,
    });
    const last = short.schedule?.promptsAtMs.at(-1) ?? 0;
    expect((short.schedule?.endMs ?? 0) - last).toBeLessThanOrEqual(1800);
  });

  it('refuses a schedule that does not fit the steps or the step timeout, and a colour repeated', () => {
    const c = createChallenge({ schedule: true, light: true, actionCount: 2 });
    const bad = [
      { ...c, schedule: { promptsAtMs: [0, 900], endMs: 4000 } },
      { ...c, schedule: { promptsAtMs: [100, 900, 2000], endMs: 4000 } },
      { ...c, schedule: { promptsAtMs: [0, 900, 800], endMs: 4000 } },
      { ...c, schedule: { promptsAtMs: [0, 900, 2000], endMs: 9000 } },
      {
        ...c,
        light: {
          segments: [
            { color: 'red', fromMs: 0 },
            { color: 'red', fromMs: 500 },
            { color: 'blue', fromMs: 1000 },
          ],
        },
      },
      {
        ...c,
        light: {
          segments: [
            { color: 'red', fromMs: 0 },
            { color: 'green', fromMs: 100 },
            { color: 'blue', fromMs: 1000 },
          ],
        },
      },
    ];
    for (const b of bad) expect(challengeSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });

  it('refuses a step timeout too short for a scheduled prompt', () => {
    expect(() => createChallenge({ schedule: true, stepTimeoutMs: 1000 })).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
