import { RekognitionClient, type RekognitionClientConfig } from '@aws-sdk/client-rekognition';
import { FacegateError } from '@facegate/core';
import { type EnvSource, optionalSetting } from '@facegate/core/adapter-kit';
import { AWS_PROVIDER_ID } from './aws-limits';
import type { AwsLivenessSettings } from './aws-provider-options';
import type { AwsQualityThresholds } from './aws-quality-thresholds';
import { requireAwsRegion } from './aws-region';

/** AWS credentials as the SDK accepts them: a static identity or a provider function. */
export type AwsCredentials = NonNullable<RekognitionClientConfig['credentials']>;

/** Options for {@link createAwsProvider}. */
export interface AwsProviderOptions {
  /**
   * A ready Rekognition client. Credentials and region then stay in it; build
   * it with `maxAttempts: 1` so facegate's retry policy is the only one (the
   * adapter logs a warning otherwise).
   */
  httpClient?: RekognitionClient;
  /** @deprecated Renamed `httpClient` (one name in every adapter); accepted for one release. */
  client?: RekognitionClient;
  /**
   * AWS region, e.g. `eu-west-1`. Default, as the AWS SDK's chain: `AWS_REGION`,
   * else the `region` of the profile (`AWS_PROFILE` or `default`) in
   * `~/.aws/config` (`AWS_CONFIG_FILE`) or `~/.aws/credentials`.
   */
  region?: string;
  /**
   * Credentials (default: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
   * `AWS_SESSION_TOKEN` when set, else the AWS SDK's default credential chain:
   * profile, SSO, web identity, container or instance role).
   */
  credentials?: AwsCredentials;
  /** Defaults for every liveness session (per-call `providerOptions.aws` wins). */
  liveness?: AwsLivenessSettings;
  /**
   * Where the browser component streams, when not Rekognition's public
   * endpoint: `https://host[:port]` of a local simulator or a proxy (sent as
   * `client.endpointOverride`; Amplify opens `wss://` on it). Default: the
   * `FACEGATE_AWS_STREAMING_ENDPOINT` variable, else none.
   */
  streamingEndpoint?: string;
  /** Override the DetectFaces → reason code mapping (see `AWS_QUALITY_THRESHOLDS`). */
  qualityThresholds?: Partial<AwsQualityThresholds>;
  /** Environment to read settings from (default: `process.env`). */
  env?: EnvSource;
  /** Clock for session expiry (default `Date.now`). */
  now?: () => number;
}

/** The environment variables the AWS adapter reads. */
export const AWS_ENV = {
  region: 'AWS_REGION',
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  profile: 'AWS_PROFILE',
  livenessBucket: 'FACEGATE_AWS_LIVENESS_BUCKET',
  livenessKeyPrefix: 'FACEGATE_AWS_LIVENESS_KEY_PREFIX',
  auditImagesLimit: 'FACEGATE_AWS_AUDIT_IMAGES_LIMIT',
  streamingEndpoint: 'FACEGATE_AWS_STREAMING_ENDPOINT',
  browserRoleArn: 'FACEGATE_AWS_BROWSER_ROLE_ARN',
  identityPoolId: 'FACEGATE_AWS_IDENTITY_POOL_ID',
} as const;

/** The client the adapter talks through, and whether the adapter built it. */
export interface ResolvedAwsClient {
  client: RekognitionClient;
  /** True when the adapter built the client (and so disabled the SDK's own retries). */
  ownClient: boolean;
  /** The static credentials' values, for the provider's `secrets()` (none for a given client or a credential chain). */
  secrets: readonly string[];
}

/**
 * Use the given client, or build one from the options and the environment.
 * The region comes from the option, `AWS_REGION` or the profile's config
 * (see {@link requireAwsRegion}); a missing one is a `configuration_error`
 * naming the `region` option and `AWS_REGION`. Credentials left out fall back to the SDK's default chain,
 * which fails at the first call (mapped to `configuration_error`) when it
 * finds nothing.
 */
export function resolveAwsClient(options: AwsProviderOptions, env: EnvSource): ResolvedAwsClient {
  const given = options.httpClient ?? options.client;
  if (given) return { client: given, ownClient: false, secrets: [] };
  const region = requireAwsRegion(options.region, env);
  const credentials = options.credentials ?? credentialsFromEnv(env);
  const secrets =
    credentials && typeof credentials === 'object'
      ? [credentials.secretAccessKey, credentials.sessionToken, credentials.accessKeyId].filter(
          (s): s is string => typeof s === 'string',
        )
      : [];
  // maxAttempts 1: core's resilience layer owns retries. No request timeout is
  // set on the handler either: core aborts each attempt through its signal.
  const client = new RekognitionClient({ region, maxAttempts: 1, ...(credentials ? { credentials } : {}) });
  return { client, ownClient: true, secrets };
}

/** Static credentials from the environment, or undefined to let the SDK's chain decide. */
export function credentialsFromEnv(env: EnvSource): AwsCredentials | undefined {
  const spec = (option: string, envName: string, description: string) => ({
    provider: AWS_PROVIDER_ID,
    option,
    envName,
    description,
  });
  const accessKeyId = optionalSetting(spec('credentials', AWS_ENV.accessKeyId, 'AWS access key id'), undefined, env);
  const secretAccessKey = optionalSetting(
    spec('credentials', AWS_ENV.secretAccessKey, 'AWS secret access key'),
    undefined,
    env,
  );
  const sessionToken = optionalSetting(spec('credentials', AWS_ENV.sessionToken, 'AWS session token'), undefined, env);
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    const missing = accessKeyId ? AWS_ENV.secretAccessKey : AWS_ENV.accessKeyId;
    throw new FacegateError({
      code: 'configuration_error',
      message: `AWS credentials are incomplete: set ${missing} as well, or pass \`credentials\``,
      provider: AWS_PROVIDER_ID,
      details: { option: 'credentials', envVar: missing },
    });
  }
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** Liveness defaults from `FACEGATE_AWS_*` variables (options win). */
export function livenessSettingsFromEnv(env: EnvSource): AwsLivenessSettings {
  const spec = (envName: string, description: string) => ({
    provider: AWS_PROVIDER_ID,
    option: 'liveness',
    envName,
    description,
  });
  const bucket = optionalSetting(spec(AWS_ENV.livenessBucket, 'S3 bucket for liveness images'), undefined, env);
  const prefix = optionalSetting(spec(AWS_ENV.livenessKeyPrefix, 'S3 key prefix'), undefined, env);
  const limit = optionalSetting(spec(AWS_ENV.auditImagesLimit, 'audit images per session'), undefined, env);
  const settings: AwsLivenessSettings = {};
  if (bucket) settings.outputConfig = prefix ? { s3Bucket: bucket, s3KeyPrefix: prefix } : { s3Bucket: bucket };
  else if (prefix) {
    throw new FacegateError({
      code: 'configuration_error',
      message: `${AWS_ENV.livenessKeyPrefix} is set without ${AWS_ENV.livenessBucket}: set the bucket too`,
      provider: AWS_PROVIDER_ID,
      details: { envVar: AWS_ENV.livenessBucket },
    });
  }
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0 || n > 4) {
      throw new FacegateError({
        code: 'configuration_error',
        message: `${AWS_ENV.auditImagesLimit} must be an integer from 0 to 4`,
        provider: AWS_PROVIDER_ID,
        details: { envVar: AWS_ENV.auditImagesLimit },
      });
    }
    settings.auditImagesLimit = n;
  }
  return settings;
}

/** The browser's streaming endpoint (option, else `FACEGATE_AWS_STREAMING_ENDPOINT`): an `https` origin, or undefined. */
export function streamingEndpointFrom(option: string | undefined, env: EnvSource): string | undefined {
  const value = optionalSetting(
    {
      provider: AWS_PROVIDER_ID,
      option: 'streamingEndpoint',
      envName: AWS_ENV.streamingEndpoint,
      description: 'streaming endpoint for the browser component',
    },
    option,
    env,
  );
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw new FacegateError({
      code: 'configuration_error',
      message: `${AWS_ENV.streamingEndpoint} must be an https origin such as https://127.0.0.1:8443 (Amplify always opens wss:// on it)`,
      provider: AWS_PROVIDER_ID,
      details: { option: 'streamingEndpoint', envVar: AWS_ENV.streamingEndpoint },
    });
  }
  return url.origin;
}
