import type { FacegateErrorCode } from '../errors/error-codes';
import { FacegateError } from '../errors/facegate-error';

/** Parse a Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Default code and retryability for an HTTP status when the vendor body says nothing more specific. */
export function codeForHttpStatus(status: number): { code: FacegateErrorCode; retryable: boolean } {
  if (status === 400 || status === 413 || status === 422) return { code: 'invalid_input', retryable: false };
  if (status === 401) return { code: 'auth_failed', retryable: false };
  if (status === 403) return { code: 'permission_denied', retryable: false };
  if (status === 404) return { code: 'resource_not_found', retryable: false };
  if (status === 408) return { code: 'timeout', retryable: true };
  if (status === 415) return { code: 'unsupported_media', retryable: false };
  if (status === 429) return { code: 'rate_limited', retryable: true };
  if (status === 503) return { code: 'provider_unavailable', retryable: true };
  if (status >= 500) return { code: 'provider_error', retryable: true };
  return { code: 'provider_error', retryable: false };
}

/** Inputs for {@link httpError}. */
export interface HttpErrorInput {
  provider: string;
  operation: string;
  status: number;
  /** Overrides the status-based code, e.g. from the vendor's error name. */
  code?: FacegateErrorCode;
  retryable?: boolean;
  vendorCode?: string;
  /** The vendor's message; scrubbed and shortened. */
  vendorMessage?: string;
  retryAfterMs?: number;
  requestId?: string;
}

/** Build the FacegateError for a failed vendor HTTP call. */
export function httpError(input: HttpErrorInput): FacegateError {
  const base = codeForHttpStatus(input.status);
  const code = input.code ?? base.code;
  const vendor = [input.vendorCode, input.vendorMessage].filter(Boolean).join(': ');
  return new FacegateError({
    code,
    retryable: input.retryable ?? (input.code ? undefined : base.retryable),
    message: `${input.provider} ${input.operation} failed with HTTP ${input.status}${vendor ? ` (${vendor})` : ''}`,
    provider: input.provider,
    httpStatus: input.status,
    vendorCode: input.vendorCode,
    retryAfterMs: input.retryAfterMs,
    requestId: input.requestId,
  });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when an error is a transport failure (no HTTP answer at all). */
export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (
      (current as { name?: unknown }).name === 'TypeError' &&
      String((current as Error).message).includes('fetch failed')
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The error for a vendor that could not be reached. */
export function unreachableError(provider: string, operation: string, cause: unknown): FacegateError {
  return new FacegateError({
    code: 'provider_unavailable',
    message: `${provider} ${operation}: the vendor could not be reached`,
    provider,
    cause,
  });
}
