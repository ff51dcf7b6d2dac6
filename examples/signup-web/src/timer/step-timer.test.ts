import { describe, expect, it } from 'vitest';
import { startStepTimer, type TimerHost } from './step-timer';

function fakeHost(start = 1_000_000) {
  let now = start;
  const intervals = new Map<number, () => void>();
  let next = 1;
  const host: TimerHost = {
    now: () => now,
    setInterval: (fn) => {
      intervals.set(next, fn);
      return next++;
    },
    clearInterval: (h) => intervals.delete(h as number),
  };
  return {
    host,
    advance(ms: number) {
      for (let t = 0; t < ms; t += 250) {
        now += 250;
        for (const fn of [...intervals.values()]) fn();
      }
    },
    running: () => intervals.size,
  };
}

describe('startStepTimer', () => {
  it('ticks down and expires once', () => {
    const clock = fakeHost();
    const ticks: number[] = [];
    let expired = 0;
    startStepTimer({
      deadline: 1_003_000,
      host: clock.host,
      onTick: (s) => ticks.push(s),
      onExpire: () => expired++,
    });
    clock.advance(5_000);
    expect(ticks[0]).toBe(3);
    expect(ticks.at(-1)).toBe(0);
    expect(expired).toBe(1);
    expect(clock.running()).toBe(0);
  });

  it('follows the server clock offset', () => {
    const clock = fakeHost();
    let first = -1;
    startStepTimer({
      deadline: 1_010_000,
      offsetMs: 4_000,
      host: clock.host,
      onTick: (s) => {
        if (first < 0) first = s;
      },
      onExpire: () => {},
    });
    expect(first).toBe(6);
  });

  it('fires nothing after cancel', () => {
    const clock = fakeHost();
    let expired = 0;
    const timer = startStepTimer({
      deadline: 1_001_000,
      host: clock.host,
      onTick: () => {},
      onExpire: () => expired++,
    });
    timer.cancel();
    clock.advance(3_000);
    expect(expired).toBe(0);
    expect(clock.running()).toBe(0);
  });
});
