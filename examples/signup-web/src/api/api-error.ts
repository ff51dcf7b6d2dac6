/** The alternate path the server offers when verification is unavailable. */
export interface AlternatePath {
  retryAfterSeconds: number;
  assistedSignupUrl: string;
}

/** A refusal from the signup API (`{error:{code,message}}`), or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly alternatePath?: AlternatePath,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Verification is down (provider outage, timeouts): offer try-later and assisted signup. */
  get isSystemError(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === 'provider_unavailable';
  }
}

/** Read an error body; anything unexpected still becomes an ApiError with the HTTP status. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      (error.details as Record<string, unknown> | undefined) ?? {},
      error.alternatePath as AlternatePath | undefined,
    );
  }
  return new ApiError(status, status >= 500 ? 'server_error' : 'http_error', `HTTP ${status}`);
}
