import { describe, expect, it } from 'vitest';
import { FacegateError } from '../errors/facegate-error';
import { createRecordingLogger } from '../testing/recording-logger';
import { resolveResilience } from './resilience-options';
import { runWithResilience } from './run-with-resilience';

const label = { provider: 'test', operation: 'op' };

function setup(overrides: Parameters<typeof resolveResilience>[0] = {}) {
  const delays: number[] = [];
  const options = resolveResilience({
    maxRetries: 3,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 1,
    sleep: async (ms) => void delays.push(ms),
    ...overrides,
  });
  return { delays, options, logger: createRecordingLogger() };
}

const failing = (error: FacegateError, times: number) => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    op: async () => {
      calls += 1;
      if (calls <= times) throw error;
      return 'ok';
    },
  };
};

describe('runWithResilience', () => {
  it('retries retryable errors with exponential backoff', async () => {
    const { delays, options, logger } = setup();
    const f = failing(new FacegateError({ code: 'provider_unavailable', message: 'down' }), 3);
    await expect(runWithResilience(f.op, options, label, logger)).resolves.toBe('ok');
    expect(delays).toEqual([100, 200, 400]);
    expect(logger.lines.filter((l) => l.message.includes('retrying'))).toHaveLength(3);
  });

  it('uses full jitter: the delay is random within the backoff ceiling', async () => {
    const { delays, options, logger } = setup({ random: () => 0.25 });
    const f = failing(new FacegateError({ code: 'timeout', message: 'slow' }), 2);
    await runWithResilience(f.op, options, label, logger);
    expect(delays).toEqual([25, 50]);
  });

  it('honours Retry-After instead of backoff', async () => {
    const { delays, options, logger } = setup();
    const f = failing(new FacegateError({ code: 'rate_limited', message: '429', retryAfterMs: 3000 }), 1);
    await runWithResilience(f.op, options, label, logger);
    expect(delays).toEqual([3000]);
  });

  it('does not wait for a Retry-After beyond the cap; the error surfaces', async () => {
    const { delays, options, logger } = setup({ maxRetryAfterMs: 1000 });
    const f = failing(new FacegateError({ code: 'rate_limited', message: '429', retryAfterMs: 60_000 }), 1);
    await expect(runWithResilience(f.op, options, label, logger)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(delays).toEqual([]);
  });

  it('never retries non-retryable errors', async () => {
    const { options, logger } = setup();
    const f = failing(new FacegateError({ code: 'auth_failed', message: 'bad key' }), 5);
    await expect(runWithResilience(f.op, options, label, logger)).rejects.toMatchObject({ code: 'auth_failed' });
    expect(f.calls).toBe(1);
  });

  it('surfaces the last error after maxRetries', async () => {
    const { options, logger } = setup({ maxRetries: 2 });
    const f = failing(new FacegateError({ code: 'provider_error', message: '500', retryable: true }), 10);
    await expect(runWithResilience(f.op, options, label, logger)).rejects.toMatchObject({
      code: 'provider_error',
      retryable: true,
    });
    expect(f.calls).toBe(3);
  });

  it('times out an attempt, aborting its signal, and retries it', async () => {
    const { options, logger } = setup({ timeoutMs: 50, maxRetries: 1 });
    const signals: AbortSignal[] = [];
    const op = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>(() => {}); // never settles, ignores the signal
    };
    await expect(runWithResilience(op, options, label, logger)).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('turns a caller abort into aborted, without retrying', async () => {
    const { options, logger } = setup({ timeoutMs: 10_000 });
    const controller = new AbortController();
    let calls = 0;
    const op = (signal: AbortSignal) =>
      new Promise<string>((_, reject) => {
        calls += 1;
        signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
      });
    setTimeout(() => controller.abort(), 20);
    await expect(runWithResilience(op, options, label, logger, controller.signal)).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(calls).toBe(1);
  });

  it('wraps unexpected adapter errors as a non-retryable provider_error', async () => {
    const { options, logger } = setup();
    let calls = 0;
    const op = async () => {
      calls += 1;
      throw new TypeError('cannot read properties of undefined');
    };
    await expect(runWithResilience(op, options, label, logger)).rejects.toMatchObject({
      code: 'provider_error',
      retryable: false,
    });
    expect(calls).toBe(1);
  });

  it('refuses invalid options with configuration_error', () => {
    expect(() => resolveResilience({ timeoutMs: -1 })).toThrowError(
      expect.objectContaining({ code: 'configuration_error' }),
    );
    expect(() => resolveResilience({ maxRetries: 99 })).toThrowError(
      expect.objectContaining({ code: 'configuration_error' }),
    );
  });
});
