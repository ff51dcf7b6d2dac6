import { type FacegateError, type FacegateErrorCode, httpError, parseRetryAfter } from '@facegate/core';
import type { FaciaAnswer } from './facia-http';
import type { FaciaErrorBody } from './facia-schemas';
import { FACIA_PROVIDER_ID } from './facia-settings';

/** One error body Facia documents, and what it maps to. */
export interface FaciaDocumentedError {
  /** The field the text arrives in. */
  readonly field: 'error' | 'message';
  /** Matches the vendor text. */
  readonly pattern: RegExp;
  readonly code: FacegateErrorCode;
  readonly retryable: boolean;
  /** Stable name used as `vendorCode`. */
  readonly vendorCode: string;
}

/**
 * The documented error bodies. Facia does not document their HTTP statuses,
 * so they are recognised by the body whatever the status (even 2xx).
 */
export const FACIA_DOCUMENTED_ERRORS: readonly FaciaDocumentedError[] = [
  {
    field: 'message',
    pattern: /^\s*invalid credentials\.?\s*$/i,
    code: 'auth_failed',
    retryable: false,
    vendorCode: 'invalid_credentials',
  },
  {
    field: 'message',
    pattern: /request limit has been reached/i,
    code: 'quota_exceeded',
    retryable: false,
    vendorCode: 'request_limit_reached',
  },
  {
    field: 'error',
    pattern: /invalid or corrupt (selfie|document) image/i,
    code: 'invalid_input',
    retryable: false,
    vendorCode: 'invalid_image',
  },
  {
    field: 'error',
    pattern: /both selfie_image and document_image are required/i,
    code: 'invalid_input',
    retryable: false,
    vendorCode: 'missing_image',
  },
];

const MAX_VENDOR_TEXT = 160;

function vendorText(body: FaciaErrorBody | undefined): string | undefined {
  const text = body?.error ?? body?.message;
  return text === undefined ? undefined : text.slice(0, MAX_VENDOR_TEXT);
}

/** The documented error a body carries, if any. */
export function documentedError(body: FaciaErrorBody | undefined): FaciaDocumentedError | undefined {
  if (!body) return undefined;
  return FACIA_DOCUMENTED_ERRORS.find((known) => {
    const text = body[known.field];
    return typeof text === 'string' && known.pattern.test(text);
  });
}

/** The error for a documented error body, whatever the HTTP status. */
export function documentedErrorFor(
  known: FaciaDocumentedError,
  answer: FaciaAnswer,
  body: FaciaErrorBody,
  operation: string,
): FacegateError {
  return httpError({
    provider: FACIA_PROVIDER_ID,
    operation,
    status: answer.status,
    code: known.code,
    retryable: known.retryable,
    vendorCode: known.vendorCode,
    vendorMessage: vendorText(body),
  });
}

/** The error for an HTTP failure status without a documented body: the status decides (429 with Retry-After). */
export function statusErrorFor(
  answer: FaciaAnswer,
  body: FaciaErrorBody | undefined,
  operation: string,
): FacegateError {
  return httpError({
    provider: FACIA_PROVIDER_ID,
    operation,
    status: answer.status,
    vendorMessage: vendorText(body),
    retryAfterMs: parseRetryAfter(answer.headers['retry-after']),
  });
}

/** The error for a success status whose body is an undocumented error (`{"error": …}`): never a pass. */
export function unexpectedErrorBodyFor(answer: FaciaAnswer, body: FaciaErrorBody, operation: string): FacegateError {
  return httpError({
    provider: FACIA_PROVIDER_ID,
    operation,
    status: answer.status,
    code: 'provider_error',
    retryable: false,
    vendorMessage: vendorText(body),
  });
}
