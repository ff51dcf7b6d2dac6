/**
 * The closed set of error codes facegate raises. Every adapter maps its vendor's
 * errors onto these, so applications branch on `code`, never on message text.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unsupported_media',
  'configuration_error',
  'auth_failed',
  'permission_denied',
  'rate_limited',
  'quota_exceeded',
  'session_not_found',
  'session_expired',
  'resource_not_found',
  'provider_unavailable',
  'timeout',
  'provider_error',
  'unsupported_operation',
  'aborted',
] as const;

/** A facegate error code. */
export type FacegateErrorCode = (typeof ERROR_CODES)[number];

interface CodeInfo {
  /** Whether the same call may succeed if simply repeated later. */
  readonly retryable: boolean;
  /** What the developer using the SDK should do next. Appended to messages. */
  readonly nextStep: string;
}

/** Default retryability and the "what to do next" hint for each code. */
export const ERROR_CODE_INFO: Readonly<Record<FacegateErrorCode, CodeInfo>> = {
  invalid_input: {
    retryable: false,
    nextStep: 'Fix the request (see `details`) before calling again.',
  },
  unsupported_media: {
    retryable: false,
    nextStep: 'Convert the media to a format the provider accepts (see its mediaConstraints).',
  },
  configuration_error: {
    retryable: false,
    nextStep: 'Set the missing option or environment variable named above and restart.',
  },
  auth_failed: {
    retryable: false,
    nextStep: 'Check the credentials configured for this provider; they were rejected.',
  },
  permission_denied: {
    retryable: false,
    nextStep:
      'The credentials are valid but lack permission for this operation or feature; grant it in the vendor console.',
  },
  rate_limited: {
    retryable: true,
    nextStep: 'Slow down; facegate retries after the delay the vendor asks for.',
  },
  quota_exceeded: {
    retryable: false,
    nextStep: 'The account quota or plan limit is used up; raise it with the vendor.',
  },
  session_not_found: {
    retryable: false,
    nextStep: 'Create a new liveness session; this id is unknown to the provider.',
  },
  session_expired: {
    retryable: false,
    nextStep: 'Create a new liveness session; sessions are short-lived and single-use.',
  },
  resource_not_found: {
    retryable: false,
    nextStep: 'Check the collection or face id; it does not exist at the provider.',
  },
  provider_unavailable: {
    retryable: true,
    nextStep: 'The provider is down or not ready; try again later or configure a fallback provider.',
  },
  timeout: {
    retryable: true,
    nextStep: 'The provider did not answer in time; try again or raise `timeoutMs`.',
  },
  provider_error: {
    retryable: false,
    nextStep: 'The provider failed or answered in an unexpected way; the result was not trusted.',
  },
  unsupported_operation: {
    retryable: false,
    nextStep: 'Use a provider whose `capabilities` include this operation.',
  },
  aborted: {
    retryable: false,
    nextStep: 'The caller cancelled the operation.',
  },
};
