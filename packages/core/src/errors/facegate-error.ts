import { ERROR_CODE_INFO, type FacegateErrorCode } from './error-codes';
import { scrubText } from './scrub';

const BRAND = Symbol.for('facegate.error');

/** Constructor options for {@link FacegateError}. */
export interface FacegateErrorOptions {
  code: FacegateErrorCode;
  /** What went wrong. The "what to do next" hint for the code is appended. */
  message: string;
  /** Defaults to the code's default (see `ERROR_CODE_INFO`). */
  retryable?: boolean;
  /** Provider id (e.g. `aws`) when the error concerns one. */
  provider?: string;
  /** HTTP status of the vendor answer, when there was one. */
  httpStatus?: number;
  /** Delay the vendor asked for before a retry (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The vendor's own error name, e.g. `ThrottlingException` or `InvalidImage`. */
  vendorCode?: string;
  /** The vendor's request id, for support tickets. */
  requestId?: string;
  /** Structured details safe to show a developer, e.g. validation issues. */
  details?: Readonly<Record<string, unknown>>;
  /** The underlying error. It is reduced to a scrubbed summary, never kept raw. */
  cause?: unknown;
}

/**
 * The one error type facegate throws. Branch on `code`; check `retryable`.
 *
 * Use {@link FacegateError.isInstance} rather than `instanceof`: it works when
 * two copies of `@facegate/core` are installed. Messages and causes are
 * scrubbed: they never contain credentials, image bytes or embeddings.
 */
export class FacegateError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'FacegateError';
  readonly code: FacegateErrorCode;
  readonly retryable: boolean;
  readonly provider: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly vendorCode: string | undefined;
  readonly requestId: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /** Build an error; the message and cause are scrubbed. */
  constructor(options: FacegateErrorOptions) {
    const info = ERROR_CODE_INFO[options.code];
    const summary = scrubText(options.message).replace(/[.\s]+$/, '');
    super(`${summary}. ${info.nextStep}`, { cause: summarizeCause(options.cause) });
    this.code = options.code;
    this.retryable = options.retryable ?? info.retryable;
    this.provider = options.provider;
    this.httpStatus = options.httpStatus;
    this.retryAfterMs = options.retryAfterMs;
    this.vendorCode = options.vendorCode === undefined ? undefined : scrubText(options.vendorCode, 100);
    this.requestId = options.requestId;
    this.details = options.details;
  }

  /** True for any facegate error, from this or another installed copy of the package. */
  static isInstance(value: unknown): value is FacegateError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** A plain object for logs and API responses (already scrubbed). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      provider: this.provider,
      httpStatus: this.httpStatus,
      retryAfterMs: this.retryAfterMs,
      vendorCode: this.vendorCode,
      requestId: this.requestId,
      details: this.details,
    };
  }
}

/**
 * Reduce an arbitrary cause to a scrubbed Error. HTTP client errors carry the
 * request (headers with credentials, bodies with image bytes); keeping them
 * would leak both into any log that prints `error.cause`.
 */
function summarizeCause(cause: unknown): Error | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (FacegateError.isInstance(cause)) return cause;
  if (cause instanceof Error) {
    const summary = new Error(scrubText(cause.message));
    summary.name = scrubText(cause.name, 80);
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (summary as Error & { code?: string }).code = scrubText(code, 80);
    summary.stack = `${summary.name}: ${summary.message}`;
    return summary;
  }
  return new Error(scrubText(String(cause)));
}
