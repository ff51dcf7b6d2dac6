import { randomBytes, randomUUID } from 'node:crypto';
import { type HttpHandler, HttpResponse, http } from 'msw';

// A simulated AWS STS (awsQuery: form-encoded POST, XML answers) and Cognito
// Identity (awsJson1_1) as far as browser credentials need them: AssumeRole,
// AssumeRoleWithWebIdentity, GetId, GetOpenIdToken. The credentials it issues
// are remembered, with their session policy, so the streaming simulator can
// check a browser's signature and what the policy allows.

/** STS endpoints: global, regional, FIPS. */
export const STS_ENDPOINT = /^https:\/\/sts(-fips)?(\.[a-z0-9-]+)?\.amazonaws\.com\/$/;
/** Cognito Identity endpoints. */
export const COGNITO_IDENTITY_ENDPOINT = /^https:\/\/cognito-identity(-fips)?\.([a-z0-9-]+)\.amazonaws\.com\/$/;

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ACCOUNT = '123456789012';

/** A credential the simulated STS issued. */
export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch. */
  expiresAt: number;
  /** The session policy sent with the request, parsed (undefined: none). */
  policy: PolicyDocument | undefined;
  roleArn: string;
  roleSessionName: string;
  /** `AssumeRole` or `AssumeRoleWithWebIdentity`. */
  action: string;
}

/** An IAM policy document, as far as the simulator evaluates it. */
export interface PolicyDocument {
  Version?: string;
  Statement: {
    Effect: 'Allow' | 'Deny';
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }[];
}

/** How the simulated STS answers the next call. */
export type StsAnswer =
  | { type: 'ok' }
  | { type: 'error'; code: string; status: number; message?: string }
  | { type: 'malformed' };

/** A request the simulated STS or Cognito received. */
export interface StsRequest {
  service: 'sts' | 'cognito-identity';
  action: string;
  /** Form fields (STS) or the JSON body (Cognito). */
  params: Record<string, unknown>;
  signed: boolean;
}

/** Options for {@link createStsMock}. */
export interface StsMockOptions {
  /** Clock (default `Date.now`). */
  now?: () => number;
  /** Identity pools that exist (default: any well-formed id). */
  identityPools?: string[];
}

/** The simulated STS and Cognito Identity. */
export interface StsMock {
  readonly handlers: HttpHandler[];
  /** Credentials issued, by access key id. */
  readonly issued: ReadonlyMap<string, IssuedCredential>;
  readonly requests: readonly StsRequest[];
  /** Answer the next STS call (AssumeRole*) this way; the last one repeats. */
  arrange(...answers: StsAnswer[]): void;
  /** Whether `credential` may call `action` now (its session policy evaluated, Deny wins). */
  allows(credential: IssuedCredential, action: string, now?: number): boolean;
  /** Forget issued credentials, requests, identities and arrangements. */
  reset(): void;
}

const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function stsError(code: string, status: number, message: string, requestId: string): Response {
  const body = `<ErrorResponse xmlns="${STS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>${xml(code)}</Code>
    <Message>${xml(message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`;
  return new HttpResponse(body, {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
  });
}

const matches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(value);

/** Create the simulated STS + Cognito Identity (msw handlers). */
export function createStsMock(options: StsMockOptions = {}): StsMock {
  const now = options.now ?? Date.now;
  const issued = new Map<string, IssuedCredential>();
  const requests: StsRequest[] = [];
  let arranged: StsAnswer[] = [];
  const identities = new Map<string, string>();

  const next = (): StsAnswer => {
    if (arranged.length === 0) return { type: 'ok' };
    return (arranged.length > 1 ? arranged.shift() : arranged[0]) as StsAnswer;
  };

  function issue(action: string, form: URLSearchParams, requestId: string): Response {
    const roleArn = form.get('RoleArn') ?? '';
    const roleSessionName = form.get('RoleSessionName') ?? '';
    const duration = Number(form.get('DurationSeconds') ?? 3600);
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn))
      return stsError('ValidationError', 400, "1 validation error detected: Value at 'roleArn' failed", requestId);
    if (!/^[\w+=,.@-]{2,64}$/.test(roleSessionName))
      return stsError(
        'ValidationError',
        400,
        "1 validation error detected: Value at 'roleSessionName' failed",
        requestId,
      );
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
      return stsError(
        'ValidationError',
        400,
        "1 validation error detected: Value at 'durationSeconds' failed",
        requestId,
      );
    let policy: PolicyDocument | undefined;
    const policyText = form.get('Policy');
    if (policyText !== null) {
      try {
        policy = JSON.parse(policyText) as PolicyDocument;
        if (!Array.isArray(policy.Statement)) throw new Error('no Statement');
      } catch {
        return stsError('MalformedPolicyDocument', 400, 'The policy is not in the valid JSON format.', requestId);
      }
    }
    const credential: IssuedCredential = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(48).toString('base64')}`,
      expiresAt: now() + duration * 1000,
      policy,
      roleArn,
      roleSessionName,
      action,
    };
    issued.set(credential.accessKeyId, credential);
    const role = roleArn.split('/').slice(1).join('/');
    const extra =
      action === 'AssumeRoleWithWebIdentity'
        ? `    <SubjectFromWebIdentityToken>${randomUUID()}</SubjectFromWebIdentityToken>
    <Audience>simulated-identity-pool</Audience>
    <Provider>cognito-identity.amazonaws.com</Provider>
`
        : '';
    const body = `<${action}Response xmlns="${STS_NS}">
  <${action}Result>
${extra}    <AssumedRoleUser>
      <Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${xml(role)}/${xml(roleSessionName)}</Arn>
      <AssumedRoleId>AROA${randomBytes(8).toString('hex').toUpperCase()}:${xml(roleSessionName)}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credential.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xml(credential.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xml(credential.sessionToken)}</SessionToken>
      <Expiration>${new Date(credential.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>
    </Credentials>
    <PackedPolicySize>${policy ? 9 : 0}</PackedPolicySize>
  </${action}Result>
  <ResponseMetadata>
    <RequestId>${requestId}</RequestId>
  </ResponseMetadata>
</${action}Response>
`;
    return new HttpResponse(body, {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    });
  }

  const sts = http.post(STS_ENDPOINT, async ({ request }) => {
    const requestId = randomUUID();
    const form = new URLSearchParams(await request.text());
    const action = form.get('Action') ?? '';
    const signed = (request.headers.get('authorization') ?? '').startsWith('AWS4-HMAC-SHA256 Credential=');
    requests.push({ service: 'sts', action, params: Object.fromEntries(form), signed });
    if (form.get('Version') !== '2011-06-15')
      return stsError('InvalidAction', 400, 'Could not find operation for this version', requestId);
    if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity')
      return stsError('InvalidAction', 400, `Could not find operation ${action}`, requestId);
    if (action === 'AssumeRole' && !signed)
      return stsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token', requestId);
    if (action === 'AssumeRoleWithWebIdentity' && !/^sim-openid\./.test(form.get('WebIdentityToken') ?? ''))
      return stsError(
        'InvalidIdentityToken',
        400,
        'Couldn’t retrieve verification key from your identity provider',
        requestId,
      );
    const answer = next();
    if (answer.type === 'error') return stsError(answer.code, answer.status, answer.message ?? answer.code, requestId);
    if (answer.type === 'malformed')
      return new HttpResponse(`<${action}Response xmlns="${STS_NS}"><${action}Result><Credentials>`, {
        status: 200,
        headers: { 'content-type': 'text/xml' },
      });
    return issue(action, form, requestId);
  });

  const cognito = http.post(COGNITO_IDENTITY_ENDPOINT, async ({ request }) => {
    const requestId = randomUUID();
    const target = request.headers.get('x-amz-target') ?? '';
    const action = target.replace(/^AWSCognitoIdentityService\./, '');
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    requests.push({ service: 'cognito-identity', action, params: body, signed: false });
    const json = (status: number, value: Record<string, unknown>) =>
      HttpResponse.json(value, {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      });
    if (action === 'GetId') {
      const pool = String(body.IdentityPoolId ?? '');
      if (options.identityPools && !options.identityPools.includes(pool))
        return json(400, { __type: 'ResourceNotFoundException', message: `IdentityPool '${pool}' not found.` });
      const id = `${pool.split(':')[0]}:${randomUUID()}`;
      identities.set(id, pool);
      return json(200, { IdentityId: id });
    }
    if (action === 'GetOpenIdToken') {
      const id = String(body.IdentityId ?? '');
      if (!identities.has(id))
        return json(400, { __type: 'NotAuthorizedException', message: 'Unauthenticated access is not supported.' });
      return json(200, { IdentityId: id, Token: `sim-openid.${randomBytes(24).toString('base64url')}` });
    }
    return json(400, { __type: 'UnknownOperationException', message: `Unknown operation ${action}` });
  });

  return {
    handlers: [sts, cognito],
    issued,
    requests,
    arrange(...answers) {
      arranged = [...answers];
    },
    allows(credential, action, at = now()) {
      if (at >= credential.expiresAt) return false;
      // Without a session policy the role's own policy decides; the simulated role allows the browser action only.
      const statements = credential.policy?.Statement ?? [
        { Effect: 'Allow' as const, Action: 'rekognition:StartFaceLivenessSession' },
      ];
      const applies = (s: PolicyDocument['Statement'][number]) => {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        if (!actions.some((a) => matches(a, action))) return false;
        for (const [operator, conditions] of Object.entries(s.Condition ?? {})) {
          for (const [key, value] of Object.entries(conditions)) {
            if (key !== 'aws:CurrentTime') return false; // a condition the simulator cannot evaluate never matches
            const limit = Date.parse(value);
            if (operator === 'DateLessThan' && !(at < limit)) return false;
            if (operator === 'DateGreaterThan' && !(at > limit)) return false;
            if (operator !== 'DateLessThan' && operator !== 'DateGreaterThan') return false;
          }
        }
        return true;
      };
      const relevant = statements.filter(applies);
      return relevant.some((s) => s.Effect === 'Allow') && !relevant.some((s) => s.Effect === 'Deny');
    },
    reset() {
      issued.clear();
      requests.length = 0;
      arranged = [];
      identities.clear();
    },
  };
}
