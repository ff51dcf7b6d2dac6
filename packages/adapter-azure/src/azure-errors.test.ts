import { FacegateError } from '@facegate/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { RIG_API_KEY, useAzureRig } from './azure-test-setup';

const rig = useAzureRig();
const image = readFixture('faces/obama-1.jpg');

/** Answer `/detect` with this status, body text and headers. */
function detectFails(status: number, body: string, headers: Record<string, string> = {}) {
  rig.server.use(
    http.post(
      `${rig.base}/detect`,
      () =>
        new HttpResponse(body, {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'apim-request-id': 'req-err-1', ...headers },
        }),
    ),
  );
}

const azureError = (code: string, message: string) => JSON.stringify({ error: { code, message } });

async function compareError(): Promise<FacegateError> {
  const error = await rig
    .facegate()
    .compareFaces({ source: image, target: image })
    .catch((e: unknown) => e);
  if (!FacegateError.isInstance(error)) throw new Error(`expected a FacegateError, got ${String(error)}`);
  return error;
}

describe('Azure error answers', () => {
  it.each([
    ['InvalidImage', 'Decoding error, image format unsupported.'],
    ['InvalidImageSize', 'Image size is too small.'],
    ['BadArgument', 'Argument returnFaceAttributes is not valid.'],
  ])('400 %s → invalid_input, not retryable, with Azure’s code, message and request id', async (code, message) => {
    detectFails(400, azureError(code, message));
    const error = await compareError();
    expect(error).toMatchObject({
      code: 'invalid_input',
      retryable: false,
      httpStatus: 400,
      vendorCode: code,
      requestId: 'req-err-1',
    });
    expect(error.message).toContain(message);
  });

  it('401 → auth_failed with a hint, and the key never appears', async () => {
    detectFails(401, azureError('401', 'Access denied due to invalid subscription key or wrong API endpoint.'));
    const error = await compareError();
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
    expect(error.message).toContain('regional endpoint');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(RIG_API_KEY);
  });

  it('the fake itself answers 401 to a wrong key', async () => {
    const error = await rig
      .facegate({ apiKey: 'wrong-key-123456' })
      .compareFaces({ source: image, target: image })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
  });

  it('403 UnsupportedFeature → permission_denied, naming Limited Access', async () => {
    detectFails(403, azureError('UnsupportedFeature', 'Feature is not supported, missing approval for Verification.'));
    const error = await compareError();
    expect(error).toMatchObject({ code: 'permission_denied', retryable: false, vendorCode: 'UnsupportedFeature' });
    expect(error.message).toContain('aka.ms/facerecognition');
  });

  it('403 out of call volume quota → quota_exceeded', async () => {
    detectFails(
      403,
      azureError('403', 'Out of call volume quota for FaceAPI. Quota will be replenished in 2.12 days.'),
    );
    expect(await compareError()).toMatchObject({ code: 'quota_exceeded', retryable: false });
  });

  it('404 on a service path → configuration_error (wrong endpoint or version), not session_not_found', async () => {
    detectFails(404, azureError('404', 'Resource not found'));
    expect(await compareError()).toMatchObject({ code: 'configuration_error', retryable: false, httpStatus: 404 });
  });

  it('429 with Retry-After seconds → rate_limited with retryAfterMs', async () => {
    detectFails(429, azureError('429', 'Rate limit is exceeded. Try again in 7 seconds.'), { 'retry-after': '7' });
    expect(await compareError()).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7000 });
  });

  it('429 with retry-after-ms wins over Retry-After', async () => {
    detectFails(429, azureError('429', 'Rate limit is exceeded.'), { 'retry-after': '2', 'retry-after-ms': '1500' });
    expect(await compareError()).toMatchObject({ code: 'rate_limited', retryAfterMs: 1500 });
  });

  it.each([
    [500, 'provider_error'],
    [502, 'provider_error'],
    [503, 'provider_unavailable'],
  ] as const)('%s → %s, retryable', async (status, code) => {
    detectFails(status, azureError('InternalServerError', 'Something went wrong.'));
    expect(await compareError()).toMatchObject({ code, retryable: true, httpStatus: status });
  });

  it('an HTML error page keeps its status mapping (502 → retryable provider_error)', async () => {
    detectFails(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' });
    expect(await compareError()).toMatchObject({ code: 'provider_error', retryable: true, httpStatus: 502 });
  });

  it('an empty error body takes its code from x-ms-error-code', async () => {
    detectFails(400, '', { 'x-ms-error-code': 'InvalidImageSize' });
    expect(await compareError()).toMatchObject({ code: 'invalid_input', vendorCode: 'InvalidImageSize' });
  });

  it('a truncated error body is still mapped by status', async () => {
    detectFails(429, '{"error":{"code":"429","mess', { 'retry-after': '3' });
    expect(await compareError()).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000 });
  });

  it.each([
    ['not JSON', '<html>ok</html>'],
    ['truncated', '[{"faceId":"a","faceRect'],
    ['wrong schema', '{"faces":[]}'],
    ['empty', ''],
  ])('a 200 detect answer that is %s → provider_error (never a pass)', async (_name, body) => {
    detectFails(200, body);
    expect(await compareError()).toMatchObject({ code: 'provider_error', httpStatus: 200 });
  });
});
