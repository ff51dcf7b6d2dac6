import { inspect } from 'node:util';
import { FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { AWS_ERROR_RULES } from './aws-errors';
import {
  awsFacegate,
  awsProvider,
  base64Fixture,
  callContext,
  fixtureImage,
  rejection,
  TEST_CREDENTIALS,
  useRekognition,
} from './aws-test-setup';
import { REKOGNITION_ERRORS, type RekognitionErrorName } from './testing/rekognition-wire';

const rekognition = useRekognition();
const image = () => fixtureImage('faces/obama-1.jpg');
const detect = () => awsProvider().doAnalyzeQuality({ image: image() }, callContext());

/** Nothing secret or biometric may be in an error, however it is printed. */
function expectClean(error: unknown): void {
  const text = `${String(error)}\n${inspect(error, { depth: 10, showHidden: true })}\n${JSON.stringify(error)}`;
  expect(text).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  expect(text).not.toContain(TEST_CREDENTIALS.accessKeyId);
  expect(text).not.toContain('AWS4-HMAC-SHA256');
  expect(text).not.toContain(base64Fixture('faces/obama-1.jpg').slice(1000, 1060));
  expect(text).not.toContain('$response');
}

describe('Rekognition error mapping', () => {
  const documented = Object.keys(REKOGNITION_ERRORS).filter(
    (name) => name !== 'UnknownOperationException' && name !== 'MissingAuthenticationTokenException',
  ) as RekognitionErrorName[];

  it.each(documented)('maps %s with its documented status to the rule in AWS_ERROR_RULES', async (name) => {
    rekognition.arrange('DetectFaces', { type: 'error', name });
    const error = await rejection(detect());
    const rule = AWS_ERROR_RULES[name];
    expect(rule, `${name} has no rule`).toBeDefined();
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: rule?.code,
      retryable: rule?.retryable,
      provider: 'aws',
      vendorCode: name,
      httpStatus: REKOGNITION_ERRORS[name].status,
    });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expectClean(error);
  });

  it('sends Throttling (HTTP 500 per the API reference) and ProvisionedThroughputExceeded (400) to a retry', async () => {
    const fg = awsFacegate({}, { resilience: { maxRetries: 2, sleep: async () => {} } });
    rekognition.arrange(
      'DetectFaces',
      { type: 'error', name: 'ThrottlingException' },
      { type: 'error', name: 'ProvisionedThroughputExceededException' },
      { type: 'ok' },
    );
    const report = await fg.analyzeQuality({ image: image().data });
    expect(report.faces).toHaveLength(1);
    expect(rekognition.calls('DetectFaces')).toBe(3);
  });

  it('reads Retry-After from a real HTTP 429 whose body is not JSON', async () => {
    rekognition.arrange('DetectFaces', {
      type: 'http',
      status: 429,
      body: '<html>Too Many Requests</html>',
      headers: { 'content-type': 'text/html', 'retry-after': '2' },
    });
    const error = await rejection(detect());
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, httpStatus: 429, retryAfterMs: 2000 });
    expect(error.vendorCode).toBeUndefined();
    expectClean(error);
  });

  it.each([
    [503, '', 'provider_unavailable'],
    [502, '<html>Bad Gateway</html>', 'provider_error'],
    [500, '{"__type":"InternalFailure","message":"internal"}', 'provider_error'],
  ] as const)('maps HTTP %s (body %j) by status to a retryable %s', async (status, body, code) => {
    rekognition.arrange('DetectFaces', {
      type: 'http',
      status,
      body,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
    const error = await rejection(detect());
    expect(error).toMatchObject({ code, retryable: true, httpStatus: status });
  });

  it('falls back to the HTTP status for an error name it does not know, keeping the name', async () => {
    rekognition.arrange('DetectFaces', { type: 'error', name: 'BrandNewException', status: 400 });
    const error = await rejection(detect());
    expect(error).toMatchObject({ code: 'invalid_input', retryable: false, vendorCode: 'BrandNewException' });
  });

  it('maps a dropped connection to a retryable provider_unavailable', async () => {
    rekognition.arrange('DetectFaces', { type: 'network_error' });
    const error = await rejection(detect());
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expectClean(error);
  });

  it.each(['not_json', 'truncated'] as const)(
    'treats a %s HTTP 200 as provider_error with the request id',
    async (variant) => {
      rekognition.arrange('DetectFaces', { type: 'malformed', variant });
      const error = await rejection(detect());
      expect(error).toMatchObject({ code: 'provider_error', retryable: false, httpStatus: 200 });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).not.toContain('Bad Gateway');
    },
  );

  it('stops the HTTP request when the call is aborted, passing on the abort reason', async () => {
    rekognition.arrange('DetectFaces', { type: 'hang' });
    const controller = new AbortController();
    const reason = new FacegateError({ code: 'timeout', message: 'test deadline', provider: 'aws' });
    const pending = awsProvider().doAnalyzeQuality({ image: image() }, callContext(controller.signal));
    setTimeout(() => controller.abort(reason), 20);
    expect(await rejection(pending)).toBe(reason);

    const other = new AbortController();
    const second = awsProvider().doAnalyzeQuality({ image: image() }, callContext(other.signal));
    setTimeout(() => other.abort(new Error('user left')), 20);
    expect(await rejection(second)).toMatchObject({ code: 'aborted' });
  });

  it('keeps only a scrubbed summary of the SDK error as the cause', async () => {
    rekognition.arrange('DetectFaces', { type: 'error', name: 'AccessDeniedException' });
    const error = await rejection(detect());
    // The SDK's error (with the signed request and raw response) is not kept.
    expect(error.cause === undefined || !Object.hasOwn(error.cause as object, '$metadata')).toBe(true);
    rekognition.arrange('DetectFaces', { type: 'network_error' });
    const dropped = await rejection(detect());
    expect(dropped.cause).toBeInstanceOf(Error);
    expect(Object.keys(dropped.cause as object)).not.toContain('$metadata');
    expectClean(error);
  });
});

describe('the simulated Rekognition answers like the service', () => {
  it('answers an unsigned request with MissingAuthenticationTokenException', async () => {
    const response = await fetch('https://rekognition.eu-west-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'x-amz-target': 'RekognitionService.DetectFaces', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('sends Rekognition error bodies with __type, Code, Logref and Message', async () => {
    rekognition.arrange('DetectFaces', { type: 'error', name: 'InvalidParameterException' });
    await rejection(detect());
    const [request] = rekognition.requests;
    expect(request?.headers['x-amz-target']).toBe('RekognitionService.DetectFaces');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    const response = await fetch('https://rekognition.eu-west-1.amazonaws.com/', {
      method: 'POST',
      headers: {
        'x-amz-target': 'RekognitionService.DetectFaces',
        'content-type': 'application/x-amz-json-1.1',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/eu-west-1/rekognition/aws4_request',
        'x-amz-date': '20260101T000000Z',
      },
      body: '{}',
    });
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidParameterException:/);
    expect(await response.json()).toMatchObject({
      __type: 'InvalidParameterException',
      Code: 'InvalidParameterException',
      Message: 'Request has invalid parameters.',
    });
  });
});
