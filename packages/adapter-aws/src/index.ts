/**
 * `@facegate/adapter-aws`: Amazon Rekognition for facegate — Face Liveness
 * sessions (Amplify's FaceLivenessDetector in the browser), 1:1 CompareFaces,
 * 1:N search in collections and DetectFaces quality feedback.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * import { createAwsProvider } from '@facegate/adapter-aws';
 * const facegate = createFacegate({ provider: createAwsProvider({ region: 'eu-west-1' }) });
 * ```
 * @module
 */
export {
  type AwsBrowserCredentialOptions,
  BROWSER_ACTION,
  type BrowserCredentialIssuer,
  type BrowserCredentialRequest,
  type BrowserCredentials,
  browserSessionPolicy,
  createAwsBrowserCredentialIssuer,
} from './aws-browser-credentials';
export { AWS_ERROR_RULES, type AwsErrorRule } from './aws-errors';
export {
  AMPLIFY_LIVENESS_COMPONENT,
  AWS_CAPABILITIES,
  AWS_LIVENESS_SESSION_TTL_SECONDS,
  AWS_MEDIA_CONSTRAINTS,
  AWS_PROVIDER_ID,
} from './aws-limits';
export { AWS_FEEDBACK_REASONS } from './aws-liveness';
export { type AwsProvider, type AwsProviderClient, createAwsProvider } from './aws-provider';
export { awsProviderFactory } from './aws-provider-factory';
export {
  type AwsLivenessSettings,
  type AwsProviderCallOptions,
  QUALITY_FILTERS,
} from './aws-provider-options';
export { AWS_QUALITY_THRESHOLDS, type AwsQualityThresholds } from './aws-quality-thresholds';
export { AWS_UNINDEXED_REASONS } from './aws-search';
export { AWS_ENV, type AwsCredentials, type AwsProviderOptions } from './aws-settings';
