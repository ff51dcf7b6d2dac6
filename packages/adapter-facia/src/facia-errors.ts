import type { FacegateError, FacegateErrorCode } from '@facegate/core';
import { type HttpAnswer, httpAnswerError } from '@facegate/core/adapter-kit';
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

/** How to map an error answer when its status alone should not decide. */
export interface ErrorMapping {
  readonly code: FacegateErrorCode;
  readonly retryable: boolean;
  readonly vendorCode?: string;
}

/**
 * The FacegateError for an error answer. With a `mapping` (a documented body,
 * or an error body on a success status) that decides the code; without one
 * the HTTP status does, and a Retry-After header is kept.
 */
export function errorFor(
  answer: HttpAnswer,
  body: FaciaErrorBody | undefined,
  operation: string,
  mapping?: ErrorMapping,
): FacegateError {
  const retryAfter = mapping ? { retryAfterMs: undefined } : {};
  return httpAnswerError(answer, {
    provider: FACIA_PROVIDER_ID,
    operation,
    code: mapping?.code,
    retryable: mapping?.retryable,
    vendorCode: mapping?.vendorCode,
    vendorMessage: vendorText(body),
    ...retryAfter,
  });
}
