import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './api-error';

describe('toApiError', () => {
  it('reads the server error body with its alternate path', () => {
    const e = toApiError(503, {
      error: {
        code: 'provider_unavailable',
        message: 'down',
        alternatePath: { retryAfterSeconds: 60, assistedSignupUrl: '/assisted' },
      },
    });
    expect(e.code).toBe('provider_unavailable');
    expect(e.isSystemError).toBe(true);
    expect(e.alternatePath?.assistedSignupUrl).toBe('/assisted');
  });

  it('keeps the status of a body that is not an error body', () => {
    const e = toApiError(502, '<html>');
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('server_error');
    expect(e.isSystemError).toBe(true);
  });

  it('treats a 409 as a flow refusal, not a system error', () => {
    expect(toApiError(409, { error: { code: 'step_expired', message: 'x' } }).isSystemError).toBe(false);
  });
});
