import type { EnvSource } from '@facegate/core/adapter-kit';
import type { ConfigurationStatus, ProviderFactory } from '@facegate/core/spec';
import { AWS_CAPABILITIES, AWS_PROVIDER_ID } from './aws-limits';
import { createAwsProvider } from './aws-provider';
import { findAwsRegion } from './aws-region';
import { AWS_ENV, type AwsProviderOptions } from './aws-settings';

/** Registry factory for the AWS provider (`FACEGATE_PROVIDER=aws`). */
export const awsProviderFactory: ProviderFactory<AwsProviderOptions> = {
  id: AWS_PROVIDER_ID,
  displayName: 'Amazon Rekognition',
  capabilities: AWS_CAPABILITIES,
  envVars: [
    {
      name: AWS_ENV.region,
      required: true,
      secret: false,
      description: "AWS region, e.g. eu-west-1 (else the profile's region in ~/.aws/config, as the AWS SDK reads it)",
    },
    {
      name: AWS_ENV.accessKeyId,
      required: false,
      secret: true,
      description: 'Access key id (else the AWS default credential chain: profile, SSO, role)',
    },
    { name: AWS_ENV.secretAccessKey, required: false, secret: true, description: 'Secret access key' },
    {
      name: AWS_ENV.sessionToken,
      required: false,
      secret: true,
      description: 'Session token for temporary credentials',
    },
    { name: AWS_ENV.profile, required: false, secret: false, description: 'Named profile for the default chain' },
    {
      name: AWS_ENV.livenessBucket,
      required: false,
      secret: false,
      description: 'S3 bucket for liveness reference/audit images (else bytes are returned)',
    },
    { name: AWS_ENV.livenessKeyPrefix, required: false, secret: false, description: 'S3 key prefix for those images' },
    {
      name: AWS_ENV.auditImagesLimit,
      required: false,
      secret: false,
      description: 'Audit images per liveness session, 0–4 (default 0)',
    },
    {
      name: AWS_ENV.streamingEndpoint,
      required: false,
      secret: false,
      description: "https origin the browser component streams to instead of Rekognition's (simulator, proxy)",
    },
    {
      name: AWS_ENV.browserRoleArn,
      required: false,
      secret: false,
      description: 'IAM role assumed for the browser liveness component (allowed only StartFaceLivenessSession)',
    },
    {
      name: AWS_ENV.identityPoolId,
      required: false,
      secret: false,
      description: 'Cognito identity pool (guest, classic flow) for browser credentials instead of AssumeRole',
    },
  ],
  describeConfiguration(env: EnvSource): ConfigurationStatus {
    const missing = findAwsRegion(undefined, env) ? [] : [AWS_ENV.region];
    const explicit = Boolean(env[AWS_ENV.accessKeyId]?.trim() && env[AWS_ENV.secretAccessKey]?.trim());
    return {
      configured: missing.length === 0,
      missing,
      note: explicit
        ? 'credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY'
        : 'credentials from the AWS default chain (profile, SSO, container or instance role); checked at the first call',
    };
  },
  create(options, env) {
    return createAwsProvider({ env, ...options });
  },
};
