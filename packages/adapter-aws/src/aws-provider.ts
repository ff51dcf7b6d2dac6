import { FacegateError } from '@facegate/core';
import type { EnvSource } from '@facegate/core/adapter-kit';
import {
  type FaceMatchOperations,
  type FaceSearchOperations,
  type ProviderInfo,
  type QualityOperations,
  type SessionLivenessOperations,
  SPECIFICATION_VERSION,
} from '@facegate/core/spec';
import { createAwsCaller } from './aws-call';
import { AWS_CAPABILITIES, AWS_MEDIA_CONSTRAINTS, AWS_PROVIDER_ID } from './aws-limits';
import { type AwsLivenessContext, createAwsLivenessSession, getAwsLivenessSessionResult } from './aws-liveness';
import { compareFacesWithAws } from './aws-match';
import { type AwsLivenessSettings, livenessSettingsSchema } from './aws-provider-options';
import { analyzeQualityWithAws } from './aws-quality';
import { AWS_QUALITY_THRESHOLDS, type AwsQualityThresholds } from './aws-quality-thresholds';
import { ensureAwsCollection, indexAwsFace, removeAwsFaces, searchAwsFaces } from './aws-search';
import {
  type AwsProviderOptions,
  livenessSettingsFromEnv,
  resolveAwsClient,
  streamingEndpointFrom,
} from './aws-settings';

/**
 * The AWS provider: a `FaceProvider` whose session-liveness, match, search and
 * quality operations are always present, plus the Rekognition client it talks
 * through.
 */
export type AwsProvider = ProviderInfo &
  SessionLivenessOperations &
  FaceMatchOperations &
  FaceSearchOperations &
  QualityOperations & {
    /** The Rekognition client (the one passed in, or the one the adapter built). */
    readonly client: AwsProviderClient;
  };

/** The Rekognition client type, as exposed on {@link AwsProvider}. */
export type AwsProviderClient = import('@aws-sdk/client-rekognition').RekognitionClient;

/**
 * Create the Amazon Rekognition provider: Face Liveness sessions (Amplify's
 * FaceLivenessDetector in the browser), CompareFaces, collections (1:N) and
 * DetectFaces quality feedback.
 *
 * ```ts
 * const aws = createAwsProvider({ region: 'eu-west-1' }); // credentials: the AWS default chain
 * const facegate = createFacegate({ provider: aws });
 * ```
 *
 * Settings are read when this is called: a missing region is a
 * `configuration_error` naming the `region` option and `AWS_REGION`.
 */
export function createAwsProvider(options: AwsProviderOptions = {}): AwsProvider {
  const env: EnvSource = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  const resolved = resolveAwsClient(options, env);
  const caller = createAwsCaller(resolved);
  const thresholds: AwsQualityThresholds = { ...AWS_QUALITY_THRESHOLDS, ...options.qualityThresholds };
  const liveness: AwsLivenessContext = {
    caller,
    defaults: livenessDefaults({ ...livenessSettingsFromEnv(env), ...options.liveness }),
    streamingEndpoint: streamingEndpointFrom(options.streamingEndpoint, env),
    now: options.now ?? Date.now,
  };
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: AWS_PROVIDER_ID,
    capabilities: AWS_CAPABILITIES,
    mediaConstraints: AWS_MEDIA_CONSTRAINTS,
    policyDefaults: {},
    secrets: () => resolved.secrets,
    client: caller.client,
    doCreateLivenessSession: (request, ctx) => createAwsLivenessSession(liveness, request, ctx),
    doGetLivenessSessionResult: (request, ctx) => getAwsLivenessSessionResult(liveness, request, ctx),
    doCompareFaces: (request, ctx) => compareFacesWithAws(caller, request, ctx),
    doEnsureCollection: (request, ctx) => ensureAwsCollection(caller, request, ctx),
    doIndexFace: (request, ctx) => indexAwsFace(caller, request, ctx),
    doSearchFaces: (request, ctx) => searchAwsFaces(caller, request, ctx),
    doRemoveFaces: (request, ctx) => removeAwsFaces(caller, request, ctx),
    doAnalyzeQuality: (request, ctx) => analyzeQualityWithAws(caller, thresholds, request, ctx),
  };
}

function livenessDefaults(settings: AwsLivenessSettings): AwsLivenessSettings {
  const parsed = livenessSettingsSchema.strict().safeParse(settings);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new FacegateError({
    code: 'configuration_error',
    message: `Invalid AWS liveness settings (${issues.join('; ')})`,
    provider: AWS_PROVIDER_ID,
    details: { issues },
  });
}
