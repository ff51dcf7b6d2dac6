import { FacegateError } from '@facegate/core';
import { ImageDecodeError } from './engine/decode-image';

/** The engine's queue is full; try again after `retryAfterMs`. */
export class EngineBusyError extends Error {
  /** Busy; callers should wait `retryAfterMs` before trying again. */
  constructor(readonly retryAfterMs: number) {
    super('local engine busy');
    this.name = 'EngineBusyError';
  }
}

/** An engine worker thread died while running a call (it is replaced; the call is not retried for you). */
export class EngineCrashError extends Error {
  /** The call that was running when the thread died; `cause` holds the pool's report. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineCrashError';
  }
}

/** The models could not be loaded (files missing or unreadable, wasm failed). */
export class EngineLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineLoadError';
  }
}

/** A model returned something unusable (wrong shape, NaN): never treated as a result. */
export class EngineOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineOutputError';
  }
}

/** The template store failed (e.g. its database is down). */
export class TemplateStoreError extends Error {
  /** A store failure; `message` says what failed (never biometric data). */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateStoreError';
  }
}

/** The provider id. */
export const LOCAL_PROVIDER_ID = 'local';

/**
 * Map anything the engine, decoder or template store threw to a
 * {@link FacegateError}. Messages name the operation and the failure class
 * only: never pixels, landmarks or embeddings.
 */
export function toFacegateError(error: unknown, operation: string): FacegateError {
  if (FacegateError.isInstance(error)) return error;
  const base = { provider: LOCAL_PROVIDER_ID, cause: error };
  if (error instanceof ImageDecodeError)
    return new FacegateError({
      ...base,
      code: 'invalid_input',
      vendorCode: 'ImageUndecodable',
      message: `${operation}: the image could not be decoded`,
    });
  if (error instanceof EngineBusyError)
    return new FacegateError({
      ...base,
      code: 'provider_unavailable',
      retryable: true,
      retryAfterMs: error.retryAfterMs,
      vendorCode: 'EngineBusy',
      message: `${operation}: the local engine's queue is full`,
    });
  if (error instanceof EngineCrashError)
    return new FacegateError({
      ...base,
      code: 'provider_error',
      retryable: true,
      vendorCode: 'EngineWorkerCrashed',
      message: `${operation}: an engine worker stopped unexpectedly (it was replaced)`,
    });
  if (error instanceof EngineLoadError)
    return new FacegateError({
      ...base,
      code: 'provider_unavailable',
      retryable: true,
      vendorCode: 'ModelLoadFailed',
      message: `${operation}: the face models could not be loaded`,
    });
  if (error instanceof EngineOutputError)
    return new FacegateError({
      ...base,
      code: 'provider_error',
      retryable: false,
      vendorCode: 'MalformedModelOutput',
      message: `${operation}: the face model returned an unusable result`,
    });
  if (error instanceof TemplateStoreError)
    return new FacegateError({
      ...base,
      code: 'provider_unavailable',
      retryable: true,
      vendorCode: 'TemplateStoreFailed',
      message: `${operation}: the face template store failed`,
    });
  return new FacegateError({
    ...base,
    code: 'provider_error',
    retryable: true,
    vendorCode: 'InferenceFailed',
    message: `${operation}: the local engine failed`,
  });
}
