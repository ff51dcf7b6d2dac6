import { z } from 'zod';
import { FacegateError } from '../errors/facegate-error';

/** Timeouts and retries for provider calls. */
export interface ResilienceOptions {
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Retries after the first attempt, for retryable errors only. */
  maxRetries: number;
  /** First backoff delay in ms; doubles each retry, with full jitter. */
  baseDelayMs: number;
  /** Cap on one backoff delay in ms. */
  maxDelayMs: number;
  /** A vendor Retry-After longer than this is not waited for: the error surfaces. */
  maxRetryAfterMs: number;
  /** Waits between attempts. Replace in tests to record delays without waiting. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random source in [0, 1) for jitter. */
  random: () => number;
}

/** Abortable sleep. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Defaults: 15 s per attempt, 2 retries, 250 ms → 8 s backoff, Retry-After honoured up to 30 s. */
export const DEFAULT_RESILIENCE: ResilienceOptions = {
  timeoutMs: 15_000,
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  sleep,
  random: Math.random,
};

const numbersSchema = z.strictObject({
  timeoutMs: z.number().int().positive().max(600_000),
  maxRetries: z.number().int().min(0).max(10),
  baseDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0),
  maxRetryAfterMs: z.number().int().min(0),
});

/** Merge options over the defaults and check them. Throws `configuration_error`. */
export function resolveResilience(options?: Partial<ResilienceOptions>): ResilienceOptions {
  const merged = { ...DEFAULT_RESILIENCE, ...stripUndefined(options ?? {}) };
  const { sleep: _s, random: _r, ...numbers } = merged;
  const parsed = numbersSchema.safeParse(numbers);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FacegateError({
      code: 'configuration_error',
      message: `Invalid resilience options (${issues.join('; ')})`,
      details: { issues },
    });
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
