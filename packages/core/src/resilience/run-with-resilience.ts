import { FacegateError } from '../errors/facegate-error';
import type { Logger } from '../logging/logger';
import type { ResilienceOptions } from './resilience-options';

/** What the resilient runner is running, for errors and logs. */
export interface CallLabel {
  provider: string;
  operation: string;
}

/**
 * Run one provider operation with a per-attempt timeout and retries.
 *
 * Each attempt gets its own AbortSignal, aborted on timeout or when the
 * caller's signal aborts. Only errors marked `retryable` are retried; a
 * vendor's Retry-After is honoured (up to `maxRetryAfterMs`), otherwise the
 * delay is exponential with full jitter. Anything an adapter throws that is not
 * a FacegateError becomes `provider_error`: unknown failures are never retried
 * blindly and never surface raw.
 */
export async function runWithResilience<T>(
  operation: (signal: AbortSignal, attempt: number) => Promise<T>,
  options: ResilienceOptions,
  label: CallLabel,
  logger: Logger,
  callerSignal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    throwIfCallerAborted(callerSignal, label);
    let error: FacegateError;
    try {
      return await attemptWithTimeout(operation, attempt, options.timeoutMs, label, callerSignal);
    } catch (thrown) {
      error = toFacegateError(thrown, label, callerSignal);
    }
    const delay = retryDelay(error, attempt, options);
    if (delay === null) {
      logger.warn({ ...label, attempt, code: error.code, retryable: error.retryable }, 'provider call failed');
      throw error;
    }
    logger.warn({ ...label, attempt, code: error.code, delayMs: delay }, 'provider call failed; retrying');
    try {
      await options.sleep(delay, callerSignal);
    } catch {
      throwIfCallerAborted(callerSignal, label);
      throw error;
    }
  }
}

function retryDelay(error: FacegateError, attempt: number, options: ResilienceOptions): number | null {
  if (!error.retryable || attempt >= options.maxRetries) return null;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs > options.maxRetryAfterMs ? null : error.retryAfterMs;
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(options.random() * ceiling);
}

async function attemptWithTimeout<T>(
  operation: (signal: AbortSignal, attempt: number) => Promise<T>,
  attempt: number,
  timeoutMs: number,
  label: CallLabel,
  callerSignal?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const timeoutError = new FacegateError({
    code: 'timeout',
    message: `${label.provider} ${label.operation} did not answer within ${timeoutMs} ms`,
    provider: label.provider,
  });
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Race, so a call that ignores its signal still cannot hold us past the timeout.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeoutError);
      reject(timeoutError);
    }, timeoutMs);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  const work = operation(controller.signal, attempt);
  work.catch(() => {}); // the loser of the race must not become an unhandled rejection
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function throwIfCallerAborted(signal: AbortSignal | undefined, label: CallLabel): void {
  if (signal?.aborted) {
    throw new FacegateError({
      code: 'aborted',
      message: `${label.provider} ${label.operation} was cancelled by the caller`,
      provider: label.provider,
    });
  }
}

function toFacegateError(thrown: unknown, label: CallLabel, callerSignal?: AbortSignal): FacegateError {
  if (callerSignal?.aborted) {
    return new FacegateError({
      code: 'aborted',
      message: `${label.provider} ${label.operation} was cancelled by the caller`,
      provider: label.provider,
      cause: thrown,
    });
  }
  if (FacegateError.isInstance(thrown)) return thrown;
  return new FacegateError({
    code: 'provider_error',
    message: `${label.provider} ${label.operation} failed with an unexpected error`,
    provider: label.provider,
    cause: thrown,
  });
}
