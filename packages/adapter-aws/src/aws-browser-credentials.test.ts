import { useMswServer } from '@facegate/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_ACTION, createAwsBrowserCredentialIssuer } from './aws-browser-credentials';
import { rejection, TEST_CREDENTIALS } from './aws-test-setup';
import { createStsMock } from './testing/sts-mock';

const ROLE = 'arn:aws:iam::123456789012:role/facegate-browser';
const POOL = 'eu-west-1:3f1b8a52-1a0c-4d52-9d61-2a7b1c0e9f11';
let clock = Date.parse('2026-11-23T10:00:00Z');
const now = () => clock;
const sts = createStsMock({ now });
useMswServer(...sts.handlers);
afterEach(() => {
  sts.reset();
  clock = Date.parse('2026-11-23T10:00:00Z');
});

const request = (inSeconds = 180) => ({
  sessionId: '0b7d2a6e-5f4c-4f7e-9d3a-6c2f8e1b4a90',
  sessionExpiresAt: new Date(clock + inSeconds * 1000).toISOString(),
  subject: 'signup-4f1c',
});

function issuer(options: Parameters<typeof createAwsBrowserCredentialIssuer>[0] = {}) {
  return createAwsBrowserCredentialIssuer({
    region: 'eu-west-1',
    roleArn: ROLE,
    credentials: TEST_CREDENTIALS,
    env: {},
    now,
    ...options,
  });
}

describe('browser credentials through STS AssumeRole', () => {
  it('assumes the browser role with a session policy allowing only StartFaceLivenessSession until the session ends', async () => {
    const req = request();
    const creds = await issuer().issue(req);
    const [call] = sts.requests;
    expect(call).toMatchObject({ service: 'sts', action: 'AssumeRole', signed: true });
    expect(call?.params).toMatchObject({
      Version: '2011-06-15',
      RoleArn: ROLE,
      DurationSeconds: '900',
    });
    expect(String(call?.params.RoleSessionName)).toMatch(/^facegate-[0-9a-f]{40}$/);
    expect(JSON.parse(String(call?.params.Policy))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: BROWSER_ACTION,
          Resource: '*',
          Condition: { DateLessThan: { 'aws:CurrentTime': req.sessionExpiresAt } },
        },
      ],
    });
    const issued = sts.issued.get(creds.accessKeyId);
    expect(issued?.secretAccessKey).toBe(creds.secretAccessKey);
    expect(creds.sessionToken).toBe(issued?.sessionToken);
    // STS issues 15 minutes at least; what the page is told never outlives the liveness session.
    expect(creds.expiration).toBe(req.sessionExpiresAt);
    expect(JSON.stringify(creds)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    expect(JSON.stringify(creds)).not.toContain(TEST_CREDENTIALS.accessKeyId);
  });

  it('the policy it sends allows the action before the session expiry and nothing after it, nor any other action', async () => {
    const req = request(120);
    const creds = await issuer().issue(req);
    const issued = sts.issued.get(creds.accessKeyId);
    if (!issued) throw new Error('not issued');
    expect(sts.allows(issued, BROWSER_ACTION, clock + 60_000)).toBe(true);
    expect(sts.allows(issued, BROWSER_ACTION, clock + 121_000)).toBe(false);
    expect(sts.allows(issued, 'rekognition:CompareFaces', clock + 1_000)).toBe(false);
    expect(sts.allows(issued, 'rekognition:GetFaceLivenessSessionResults', clock + 1_000)).toBe(false);
  });

  it('gives each signup its own role session name', async () => {
    await issuer().issue(request());
    await issuer().issue({ ...request(), subject: 'another-signup' });
    const [a, b] = sts.requests.map((r) => r.params.RoleSessionName);
    expect(a).not.toBe(b);
  });

  it('issues nothing for an expired session, and asks STS nothing', async () => {
    const error = await rejection(
      issuer().issue({ ...request(), sessionExpiresAt: new Date(clock - 1).toISOString() }),
    );
    expect(error).toMatchObject({ code: 'session_expired' });
    expect(sts.requests).toHaveLength(0);
  });

  it.each([
    [{ code: 'AccessDenied', status: 403 }, 'permission_denied'],
    [{ code: 'MalformedPolicyDocument', status: 400 }, 'configuration_error'],
    [{ code: 'RegionDisabledException', status: 403 }, 'configuration_error'],
  ] as const)('maps STS error %o to %s without leaking the server secret', async (answer, code) => {
    sts.arrange({ type: 'error', ...answer });
    const error = await rejection(issuer().issue(request()));
    expect(error).toMatchObject({ code, provider: 'aws' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('fails closed on an answer without credentials', async () => {
    sts.arrange({ type: 'malformed' });
    const error = await rejection(issuer().issue(request()));
    expect(error).toMatchObject({ code: 'provider_error', provider: 'aws' });
  });

  it('refuses a role that is not a role ARN, naming the variable', () => {
    expect(() => issuer({ roleArn: 'facegate-browser' })).toThrowError(/FACEGATE_AWS_BROWSER_ROLE_ARN/);
    expect(() => createAwsBrowserCredentialIssuer({ region: 'eu-west-1', env: {} })).toThrowError(
      /FACEGATE_AWS_BROWSER_ROLE_ARN/,
    );
  });
});

describe('browser credentials through a Cognito identity pool', () => {
  it('gets a guest identity per signup and assumes the role with its token, unsigned, with the same session policy', async () => {
    const req = request();
    const creds = await issuer({ identityPoolId: POOL, credentials: undefined }).issue(req);
    expect(sts.requests.map((r) => `${r.service}:${r.action}`)).toEqual([
      'cognito-identity:GetId',
      'cognito-identity:GetOpenIdToken',
      'sts:AssumeRoleWithWebIdentity',
    ]);
    const assume = sts.requests[2];
    expect(assume?.signed).toBe(false);
    expect(assume?.params).toMatchObject({ RoleArn: ROLE, DurationSeconds: '900' });
    expect(String(assume?.params.WebIdentityToken)).toMatch(/^sim-openid\./);
    expect(JSON.parse(String(assume?.params.Policy)).Statement[0].Action).toBe(BROWSER_ACTION);
    expect(creds.expiration).toBe(req.sessionExpiresAt);
    expect(sts.requests[0]?.params).toEqual({ IdentityPoolId: POOL });
  });

  it('refuses a malformed pool id', () => {
    expect(() => issuer({ identityPoolId: 'pool-1' })).toThrowError(/FACEGATE_AWS_IDENTITY_POOL_ID/);
  });
});
