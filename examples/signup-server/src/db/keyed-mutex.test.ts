import { describe, expect, it } from 'vitest';
import { KeyedMutex, LockTimeoutError } from './keyed-mutex';

/** A promise and the function that resolves it. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('KeyedMutex', () => {
  it('runs holders of one key one at a time, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const gate = latch();
    const a = mutex.run('k', 1_000, async () => {
      order.push('a in');
      await gate.opened;
      order.push('a out');
    });
    const b = mutex.run('k', 1_000, async () => {
      order.push('b');
    });
    const other = mutex.run('other', 1_000, async () => {
      order.push('other key');
    });
    await other;
    expect(order).toEqual(['a in', 'other key']);
    gate.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a in', 'other key', 'a out', 'b']);
    expect(mutex.size).toBe(0);
  });

  it('lets a waiter give up without taking the lock; the ones behind it still wait for the holder', async () => {
    const mutex = new KeyedMutex();
    const gate = latch();
    const order: string[] = [];
    const holder = mutex.run('k', 1_000, async () => {
      await gate.opened;
      order.push('holder');
    });
    const impatient = mutex.run('k', 1, async () => {
      order.push('impatient');
    });
    const patient = mutex.run('k', 5_000, async () => {
      order.push('patient');
    });
    await expect(impatient).rejects.toBeInstanceOf(LockTimeoutError);
    gate.open();
    await Promise.all([holder, patient]);
    expect(order).toEqual(['holder', 'patient']);
  });

  it('releases the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    await expect(
      mutex.run('k', 100, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await mutex.run('k', 100, async () => 'next')).toBe('next');
  });
});
