import { createHash } from 'node:crypto';
import { CognitoIdentityClient, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import { FacegateError } from '@facegate/core';
import { type EnvSource, loadSetting, optionalSetting } from '@facegate/core/adapter-kit';
import { toAwsError } from './aws-errors';
import { AWS_PROVIDER_ID } from './aws-limits';
import { requireAwsRegion } from './aws-region';
import { AWS_ENV, type AwsCredentials, credentialsFromEnv } from './aws-settings';

/** The one action the browser's credentials allow. */
export const BROWSER_ACTION = 'rekognition:StartFaceLivenessSession';
/** STS's shortest credential lifetime (seconds); the session policy cuts them off earlier. */
const STS_MIN_DURATION_SECONDS = 900;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const IDENTITY_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/;

/** Short-lived AWS credentials for Amplify's `credentialProvider`. */
export interface BrowserCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601; never later than the liveness session's expiry. */
  expiration: string;
}

/** What one issue is for. */
export interface BrowserCredentialRequest {
  /** The liveness session the browser will stream (recorded in the role session name's hash input). */
  sessionId: string;
  /** When that session stops accepting a capture: the credentials stop working then. */
  sessionExpiresAt: string;
  /** An opaque id of the signup (hashed into the role session name, so CloudTrail ties a stream to one signup). */
  subject: string;
}

/** Issues per-signup browser credentials. */
export interface BrowserCredentialIssuer {
  /** `sts`: AssumeRole with the server's credentials; `cognito`: an identity pool's guest identity (classic flow). */
  readonly mode: 'sts' | 'cognito';
  /** Issue credentials for this session (`session_expired` when it has expired; STS/Cognito errors mapped). */
  issue(request: BrowserCredentialRequest, signal?: AbortSignal): Promise<BrowserCredentials>;
}

/** Options for {@link createAwsBrowserCredentialIssuer}. */
export interface AwsBrowserCredentialOptions {
  /** Region of STS and the identity pool (default `AWS_REGION`). */
  region?: string;
  /**
   * The role the browser's credentials are issued for (default
   * `FACEGATE_AWS_BROWSER_ROLE_ARN`). Its permissions should be
   * `rekognition:StartFaceLivenessSession` only; the session policy narrows
   * them to that action and to the session's lifetime anyway.
   */
  roleArn?: string;
  /**
   * A Cognito identity pool with guest access and the classic (basic) flow
   * enabled (default `FACEGATE_AWS_IDENTITY_POOL_ID`). When set, each signup
   * gets its own guest identity and `roleArn` (the pool's guest role) is
   * assumed with its token: the server's own credentials are not used at all.
   */
  identityPoolId?: string;
  /** The server's credentials for AssumeRole (default: as the Rekognition client: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, then the SDK's chain). */
  credentials?: AwsCredentials;
  /** Ready clients (tests; custom endpoints). */
  stsClient?: STSClient;
  cognitoClient?: CognitoIdentityClient;
  env?: EnvSource;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/**
 * The session policy every issue carries: only StartFaceLivenessSession, and
 * only until the liveness session expires (STS cannot issue credentials for
 * less than 15 minutes; `aws:CurrentTime` ends them with the session).
 */
export function browserSessionPolicy(sessionExpiresAt: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: BROWSER_ACTION,
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': new Date(sessionExpiresAt).toISOString() } },
      },
    ],
  });
}

function configError(message: string, envVar: string): FacegateError {
  return new FacegateError({
    code: 'configuration_error',
    message,
    provider: AWS_PROVIDER_ID,
    details: { envVar },
  });
}

/**
 * Vends the browser's AWS credentials for Amplify's component: STS
 * `AssumeRole` of `roleArn` with a session policy (the default), or a Cognito
 * identity pool's guest identity when `identityPoolId` is set. Credentials are
 * per signup (the role session name is a hash of the signup id), allowed only
 * `rekognition:StartFaceLivenessSession`, and stop working when the liveness
 * session expires; their reported `expiration` is never later than that. The
 * server's own credentials never leave the server.
 */
export function createAwsBrowserCredentialIssuer(options: AwsBrowserCredentialOptions = {}): BrowserCredentialIssuer {
  const env: EnvSource = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  const now = options.now ?? Date.now;
  const region = requireAwsRegion(options.region, env);
  const roleArn = loadSetting(
    {
      provider: AWS_PROVIDER_ID,
      option: 'roleArn',
      envName: AWS_ENV.browserRoleArn,
      description: 'IAM role for the browser liveness component',
    },
    options.roleArn,
    env,
  );
  if (!ROLE_ARN.test(roleArn))
    throw configError(
      `${AWS_ENV.browserRoleArn} is not a role ARN (arn:aws:iam::<account>:role/<name>)`,
      AWS_ENV.browserRoleArn,
    );
  const identityPoolId = optionalSetting(
    {
      provider: AWS_PROVIDER_ID,
      option: 'identityPoolId',
      envName: AWS_ENV.identityPoolId,
      description: 'Cognito identity pool for browser credentials',
    },
    options.identityPoolId,
    env,
  );
  if (identityPoolId !== undefined && !IDENTITY_POOL_ID.test(identityPoolId))
    throw configError(`${AWS_ENV.identityPoolId} is not an identity pool id (<region>:<uuid>)`, AWS_ENV.identityPoolId);
  // The Cognito flow needs no credentials of the server's; AssumeRole signs with the server's own.
  const serverCredentials = identityPoolId ? undefined : (options.credentials ?? credentialsFromEnv(env));
  const sts =
    options.stsClient ??
    new STSClient({ region, maxAttempts: 1, ...(serverCredentials ? { credentials: serverCredentials } : {}) });
  const cognito = identityPoolId
    ? (options.cognitoClient ?? new CognitoIdentityClient({ region, maxAttempts: 1 }))
    : undefined;

  const toBrowser = (credentials: StsCredentials | undefined, sessionExpiresAt: string): BrowserCredentials => {
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
    if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date))
      throw new FacegateError({
        code: 'provider_error',
        message: 'STS answered without complete credentials',
        provider: AWS_PROVIDER_ID,
      });
    const until = Math.min(Expiration.getTime(), Date.parse(sessionExpiresAt));
    return {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      sessionToken: SessionToken,
      expiration: new Date(until).toISOString(),
    };
  };

  return {
    mode: identityPoolId ? 'cognito' : 'sts',
    async issue(request, signal) {
      const expiresAt = Date.parse(request.sessionExpiresAt);
      if (!Number.isFinite(expiresAt) || expiresAt <= now())
        throw new FacegateError({
          code: 'session_expired',
          message: 'The liveness session has expired: no browser credentials are issued for it',
          provider: AWS_PROVIDER_ID,
        });
      const roleSessionName = `facegate-${createHash('sha256').update(request.subject).digest('hex').slice(0, 40)}`;
      const common = {
        RoleArn: roleArn,
        RoleSessionName: roleSessionName,
        Policy: browserSessionPolicy(request.sessionExpiresAt),
        DurationSeconds: STS_MIN_DURATION_SECONDS,
      };
      const options = signal ? { abortSignal: signal } : {};
      try {
        if (cognito && identityPoolId) {
          const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: identityPoolId }), options);
          if (!IdentityId) throw new Error('Cognito answered GetId without an IdentityId');
          const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }), options);
          if (!Token) throw new Error('Cognito answered GetOpenIdToken without a Token');
          const answer = await sts.send(
            new AssumeRoleWithWebIdentityCommand({ ...common, WebIdentityToken: Token }),
            options,
          );
          return toBrowser(answer.Credentials, request.sessionExpiresAt);
        }
        const answer = await sts.send(new AssumeRoleCommand(common), options);
        return toBrowser(answer.Credentials, request.sessionExpiresAt);
      } catch (error) {
        if (FacegateError.isInstance(error)) throw error;
        throw toAwsError(error, 'issueBrowserCredentials', signal ?? new AbortController().signal);
      }
    },
  };
}
