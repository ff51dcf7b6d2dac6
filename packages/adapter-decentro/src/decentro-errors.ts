import type { FacegateError, FacegateErrorCode } from '@facegate/core';
import { httpError, parseRetryAfter } from '@facegate/core/adapter-kit';
import { type DecentroErrorBody, decentroErrorBodySchema } from './decentro-schemas';
import { DECENTRO_PROVIDER_ID } from './decentro-settings';

/** What a Decentro failure maps to. */
export interface DecentroErrorMapping {
  readonly code: FacegateErrorCode;
  readonly retryable: boolean;
  /** Why, for the docs table. */
  readonly note: string;
}

const map = (code: FacegateErrorCode, retryable: boolean, note: string): DecentroErrorMapping => ({
  code,
  retryable,
  note,
});

/**
 * Decentro `responseKey`s (from Decentro's KYC & Onboarding response-key
 * list) and what they mean for facegate. Checked before `responseCode`, which
 * is checked before the HTTP status.
 */
export const DECENTRO_RESPONSE_KEYS: Readonly<Record<string, DecentroErrorMapping>> = {
  error_unauthorized_module: map('auth_failed', false, 'Credentials rejected for the KYC module'),
  error_empty_module_secret: map('auth_failed', false, 'Module secret missing'),
  error_invalid_module_secret: map('auth_failed', false, 'Module secret rejected'),
  error_no_subscription_found: map('permission_denied', false, 'Account not subscribed to the module'),
  error_module_access_expired: map('permission_denied', false, 'Module subscription expired'),
  error_missing_configuration: map('permission_denied', false, 'Plan not configured for the account'),
  error_ip_not_configured: map('permission_denied', false, 'Calling IP not allow-listed'),
  error_unauthorized_provider: map('permission_denied', false, 'Underlying provider not enabled for the account'),
  error_module_credits_exhausted: map('quota_exceeded', false, 'Module credits used up'),
  error_insufficient_account_balance: map('quota_exceeded', false, 'Account balance too low'),
  error_short_purpose_length: map('configuration_error', false, 'consentPurpose too short'),
  error_long_purpose_length: map('configuration_error', false, 'consentPurpose too long'),
  error_invalid_purpose: map('configuration_error', false, 'consentPurpose refused'),
  error_empty_purpose: map('configuration_error', false, 'consentPurpose missing'),
  error_invalid_endpoint: map('configuration_error', false, 'Wrong base URL or path'),
  error_invalid_file_size: map('invalid_input', false, 'File too large for Decentro'),
  error_invalid_file_format: map('unsupported_media', false, 'File type refused'),
  error_duplicate_reference_id: map('provider_error', true, 'reference_id reused; a retry sends a new one'),
  error_empty_reference_id: map('provider_error', false, 'Adapter sent no reference_id (a bug)'),
  error_invalid_reference_id: map('provider_error', false, 'reference_id refused (a bug)'),
  error_malformed_request: map('provider_error', false, 'Decentro could not read the request (a bug)'),
  error_invalid_consent_type: map('provider_error', false, 'Consent encoding refused (adapter assumption wrong)'),
  error_consent_false: map('provider_error', false, 'Consent not seen as true (adapter assumption wrong)'),
  error_decentro_error: map('provider_error', true, 'Decentro-side failure'),
  error_provider_error: map('provider_error', true, "Decentro's upstream provider failed"),
  error_unexpected_response: map('provider_error', true, "Unexpected answer from Decentro's upstream provider"),
};

/** Decentro `responseCode`s seen in its documented failures. */
export const DECENTRO_RESPONSE_CODES: Readonly<Record<string, DecentroErrorMapping>> = {
  E00009: map('invalid_input', false, 'Request validation failed (image, threshold, purpose …)'),
  E00016: map('invalid_input', false, 'Image of low quality or of the wrong kind'),
  E00019: map('provider_error', true, 'Duplicate reference_id; a retry sends a new one'),
  E00020: map('unsupported_media', false, 'File type not allowed'),
};

/** A 404 without a known key means the URL is wrong (Decentro has no resources to miss here). */
const NOT_FOUND = map('configuration_error', false, 'Unknown path: check the base URL');

/** Where a failure happened, for the error message. */
export interface DecentroFailure {
  operation: string;
  httpStatus: number;
  /** The parsed body, if it was JSON. */
  body: unknown;
  headers: Readonly<Record<string, string | undefined>>;
}

/** Delay from `Retry-After`, else from the gateway's `RateLimit-Reset` (seconds). */
export function retryAfterFrom(headers: Readonly<Record<string, string | undefined>>): number | undefined {
  return parseRetryAfter(headers['retry-after']) ?? parseRetryAfter(headers['ratelimit-reset']);
}

/** Look up what a Decentro failure body means, if the key or code is known. */
export function mappingFor(body: DecentroErrorBody): DecentroErrorMapping | undefined {
  return (
    (body.responseKey ? DECENTRO_RESPONSE_KEYS[body.responseKey] : undefined) ??
    (body.responseCode ? DECENTRO_RESPONSE_CODES[body.responseCode] : undefined)
  );
}

/**
 * The FacegateError for a Decentro failure: an HTTP error status, or a 2xx
 * whose body says `FAILURE` (never a pass). `responseKey`, then
 * `responseCode`, then the HTTP status decide the code.
 */
export function decentroError(failure: DecentroFailure): FacegateError {
  const parsed = decentroErrorBodySchema.safeParse(failure.body);
  const body: DecentroErrorBody = parsed.success ? parsed.data : {};
  const known = mappingFor(body) ?? (failure.httpStatus === 404 ? NOT_FOUND : undefined);
  const isHttpError = failure.httpStatus >= 400;
  return httpError({
    provider: DECENTRO_PROVIDER_ID,
    operation: failure.operation,
    status: failure.httpStatus,
    // A 2xx FAILURE with an unknown key is an unusable answer (provider_error, not retried).
    code: known?.code ?? (isHttpError ? undefined : 'provider_error'),
    retryable: known?.retryable ?? (isHttpError ? undefined : false),
    vendorCode: body.responseKey ?? body.responseCode,
    vendorMessage: body.message?.slice(0, 200),
    requestId: body.decentroTxnId,
    retryAfterMs: retryAfterFrom(failure.headers),
  });
}
