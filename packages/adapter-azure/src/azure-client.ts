import { AzureKeyCredential } from '@azure/core-auth';
import {
  exponentialRetryPolicyName,
  systemErrorRetryPolicyName,
  throttlingRetryPolicyName,
} from '@azure/core-rest-pipeline';
import createFaceClient, { type FaceClient } from '@azure-rest/ai-vision-face';
import {
  AZURE_IMPLEMENTED_API_VERSIONS,
  type ResolvedAzureSettings,
  unimplementedApiVersionError,
} from './azure-settings';

// The pipeline's retry policies by name; the SDK adds `defaultRetryPolicy` (its
// name is not exported), users may add the others or a bare `retryPolicy`.
const RETRY_POLICY_NAMES = [
  'defaultRetryPolicy',
  'retryPolicy',
  exponentialRetryPolicyName,
  systemErrorRetryPolicyName,
  throttlingRetryPolicyName,
];

/**
 * Remove every retry policy from a client's pipeline. facegate's core retries
 * (honouring Retry-After, within its own timeout); a second retrier inside
 * the SDK would multiply attempts and hide 429s from it.
 */
export function removeRetryPolicies(client: FaceClient): FaceClient {
  for (const name of RETRY_POLICY_NAMES) client.pipeline.removePolicy({ name });
  return client;
}

const API_VERSION_GUARD = 'facegateApiVersionGuard';
const FACE_PATH_VERSION = /\/face\/([^/]+)\//;

/**
 * Refuse, before anything is sent, a request whose `/face/<version>/` path
 * segment is a version the adapter does not implement. It catches adopted
 * clients built for another version, which settings validation cannot see.
 */
export function guardApiVersion(client: FaceClient): FaceClient {
  client.pipeline.removePolicy({ name: API_VERSION_GUARD });
  client.pipeline.addPolicy({
    name: API_VERSION_GUARD,
    sendRequest(request, next) {
      const version = FACE_PATH_VERSION.exec(new URL(request.url).pathname)?.[1];
      if (version !== undefined && !AZURE_IMPLEMENTED_API_VERSIONS.includes(version))
        return Promise.reject(unimplementedApiVersionError(version));
      return next(request);
    },
  });
  return client;
}

/** Build (or adopt) the Face client for resolved settings, without SDK retries, on v1.2 paths only. */
export function buildFaceClient(settings: ResolvedAzureSettings): FaceClient {
  if (settings.kind === 'client') return guardApiVersion(removeRetryPolicies(settings.client));
  const credential =
    typeof settings.credential === 'string' ? new AzureKeyCredential(settings.credential) : settings.credential;
  const client = createFaceClient(settings.endpoint, credential, {
    apiVersion: settings.apiVersion as 'v1.2', // validated against AZURE_IMPLEMENTED_API_VERSIONS
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'facegate' },
  });
  return guardApiVersion(removeRetryPolicies(client));
}
