import { FacegateError, type FacegateErrorCode } from '@facegate/core';
import {
  httpError,
  isNetworkError,
  malformedResponse,
  parseRetryAfter,
  unreachableError,
} from '@facegate/core/adapter-kit';
import { AWS_PROVIDER_ID } from './aws-limits';
import { AWS_ENV } from './aws-settings';

/** How one Rekognition (or AWS-wide) error name maps to a facegate error. */
export interface AwsErrorRule {
  readonly code: FacegateErrorCode;
  readonly retryable: boolean;
}

const rule = (code: FacegateErrorCode, retryable = false): AwsErrorRule => ({ code, retryable });

/**
 * Every error name the adapter maps, with its facegate code and retryability.
 * Rekognition's own errors follow its API reference and error-handling guide
 * ("OK to retry?"); the AWS-wide ones (signature, token, 503) follow the AWS
 * common errors list. Names not listed fall back to the HTTP status.
 */
export const AWS_ERROR_RULES: Readonly<Record<string, AwsErrorRule>> = {
  // Rekognition, HTTP 400.
  AccessDeniedException: rule('permission_denied'),
  ImageTooLargeException: rule('unsupported_media'),
  InvalidImageFormatException: rule('unsupported_media'),
  InvalidParameterException: rule('invalid_input'),
  InvalidS3ObjectException: rule('invalid_input'),
  InvalidPaginationTokenException: rule('invalid_input'),
  IdempotentParameterMismatchException: rule('invalid_input'),
  ProvisionedThroughputExceededException: rule('rate_limited', true),
  ResourceNotFoundException: rule('resource_not_found'),
  ResourceAlreadyExistsException: rule('invalid_input'),
  ResourceInUseException: rule('invalid_input'),
  ServiceQuotaExceededException: rule('quota_exceeded'),
  LimitExceededException: rule('quota_exceeded'),
  SessionNotFoundException: rule('session_not_found'),
  ConflictException: rule('invalid_input'),
  // Rekognition, HTTP 500.
  InternalServerError: rule('provider_error', true),
  ThrottlingException: rule('rate_limited', true),
  // AWS-wide errors any endpoint may answer with.
  UnrecognizedClientException: rule('auth_failed'),
  InvalidClientTokenId: rule('auth_failed'),
  InvalidSignatureException: rule('auth_failed'),
  SignatureDoesNotMatch: rule('auth_failed'),
  IncompleteSignature: rule('auth_failed'),
  IncompleteSignatureException: rule('auth_failed'),
  MissingAuthenticationToken: rule('auth_failed'),
  MissingAuthenticationTokenException: rule('auth_failed'),
  ExpiredToken: rule('auth_failed'),
  ExpiredTokenException: rule('auth_failed'),
  RequestExpired: rule('auth_failed'),
  NotAuthorized: rule('permission_denied'),
  OptInRequired: rule('permission_denied'),
  ValidationException: rule('invalid_input'),
  ValidationError: rule('invalid_input'),
  Throttling: rule('rate_limited', true),
  TooManyRequestsException: rule('rate_limited', true),
  InternalFailure: rule('provider_error', true),
  ServiceUnavailable: rule('provider_unavailable', true),
  ServiceUnavailableException: rule('provider_unavailable', true),
};

/** The parts of an AWS SDK error the mapping reads. */
interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * Turn anything a Rekognition call threw into a {@link FacegateError}. The SDK's
 * error objects carry the raw response and the signed request; they are never
 * passed on (only a scrubbed summary as `cause`).
 */
export function toAwsError(error: unknown, operation: string, signal?: AbortSignal): FacegateError {
  if (FacegateError.isInstance(error)) return error;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (FacegateError.isInstance(reason)) return reason;
    return new FacegateError({
      code: 'aborted',
      message: `${AWS_PROVIDER_ID} ${operation} was cancelled`,
      provider: AWS_PROVIDER_ID,
    });
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'AbortError') {
    return new FacegateError({
      code: 'aborted',
      message: `${AWS_PROVIDER_ID} ${operation} was cancelled`,
      provider: AWS_PROVIDER_ID,
    });
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return new FacegateError({
      code: 'configuration_error',
      message: `AWS credentials could not be loaded for ${operation}: pass \`credentials\` or \`client\`, or set ${AWS_ENV.accessKeyId} and ${AWS_ENV.secretAccessKey} (or ${AWS_ENV.profile}, or run with an IAM role)`,
      provider: AWS_PROVIDER_ID,
      details: { option: 'credentials', envVar: AWS_ENV.accessKeyId },
      cause: error,
    });
  }
  if (isNetworkError(error) || isFetchNetworkError(name, e.message))
    return unreachableError(AWS_PROVIDER_ID, operation, error);
  const status = e.$metadata?.httpStatusCode;
  if (typeof status !== 'number') {
    if (typeof e.message === 'string' && /region is missing/i.test(e.message)) {
      return new FacegateError({
        code: 'configuration_error',
        message: `The Rekognition client has no region: pass \`region\` or set ${AWS_ENV.region}`,
        provider: AWS_PROVIDER_ID,
        details: { option: 'region', envVar: AWS_ENV.region },
      });
    }
    return new FacegateError({
      code: 'provider_error',
      message: `${AWS_PROVIDER_ID} ${operation} failed with an unexpected error`,
      provider: AWS_PROVIDER_ID,
      cause: error,
    });
  }
  const requestId = e.$metadata?.requestId || undefined;
  const retryAfterMs = parseRetryAfter(e.$response?.headers?.['retry-after']);
  // Service errors carry `$fault`; an error without it is the SDK failing to
  // read the body (not JSON, truncated), which on a 2xx answer means the
  // answer is unusable and on an error status says no more than the status.
  if (e.$fault === undefined) {
    if (status < 300) {
      return malformedResponse(
        { provider: AWS_PROVIDER_ID, operation, requestId, httpStatus: status },
        'body is not valid JSON',
      );
    }
    return httpError({ provider: AWS_PROVIDER_ID, operation, status, requestId, retryAfterMs });
  }
  const known = Object.hasOwn(AWS_ERROR_RULES, name) ? AWS_ERROR_RULES[name] : undefined;
  const vendorCode = name && name !== 'Unknown' && name !== 'Error' ? name : undefined;
  return httpError({
    provider: AWS_PROVIDER_ID,
    operation,
    status,
    code: known?.code,
    retryable: known?.retryable,
    vendorCode,
    vendorMessage: typeof e.message === 'string' && e.message !== 'UnknownError' ? e.message : undefined,
    requestId,
    retryAfterMs,
  });
}

/**
 * Fetch-style transport failures carry no error code, only a TypeError
 * message: "Failed to fetch" (browsers, the SDK's fetch handler), "fetch
 * failed" (undici) or "Network error" (msw's simulated drop).
 */
function isFetchNetworkError(name: string, message: unknown): boolean {
  return (
    name === 'TypeError' &&
    typeof message === 'string' &&
    /^(failed to fetch|fetch failed|network error)$/i.test(message)
  );
}
