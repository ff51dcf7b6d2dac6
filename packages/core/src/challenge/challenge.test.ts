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

  it('refuses an action count the pool cannot satisfy', () => {
    expect(() => createChallenge({ actionCount: 4 })).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});
