import { describe, expect, it } from 'vitest';
import { challengeSchema, createChallenge } from './challenge';

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
