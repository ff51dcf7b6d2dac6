import { AzureKeyCredential } from '@azure/core-auth';
import {
  exponentialRetryPolicyName,
  systemErrorRetryPolicyName,
  throttlingRetryPolicyName,
} from '@azure/core-rest-pipeline';
import createFaceClient, { type FaceClient } from '@azure-rest/ai-vision-face';
import type { ResolvedAzureSettings } from './azure-settings';

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

/** Build (or adopt) the Face client for resolved settings, without SDK retries. */
export function buildFaceClient(settings: ResolvedAzureSettings): FaceClient {
  if (settings.kind === 'client') return removeRetryPolicies(settings.client);
  const credential =
    typeof settings.credential === 'string' ? new AzureKeyCredential(settings.credential) : settings.credential;
  const client = createFaceClient(settings.endpoint, credential, {
    // The SDK types list the versions it knows; newer ones are path segments too.
    apiVersion: settings.apiVersion as 'v1.2',
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'facegate' },
  });
  return removeRetryPolicies(client);
}
