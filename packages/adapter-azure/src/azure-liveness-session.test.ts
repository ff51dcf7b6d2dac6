import { FacegateError } from '@facegate/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { RIG_API_KEY, useAzureRig } from './azure-test-setup';
import { azureErrorBody, azureSessionBody, azureVerifyReference, jsonAnswer } from './testing';

const rig = useAzureRig();
const reference = readFixture('faces/obama-1.jpg');

describe('createLivenessSession (plain)', () => {
  it('POSTs Azure’s JSON body to /face/v1.2/detectLiveness-sessions with the key, and nothing else', async () => {
    const session = await rig
      .facegate()
      .createLivenessSession({ deviceCorrelationId: 'device-7', ttlSeconds: 120, providerOptions: {} });
    const [sent, ...more] = rig.fake.requests({ method: 'POST' });
    expect(more).toHaveLength(0);
    expect(sent?.url.pathname).toBe('/face/v1.2/detectLiveness-sessions');
    expect(sent?.url.search).toBe(''); // v1.2 carries its version in the path, no api-version query
    expect(sent?.headers['ocp-apim-subscription-key']).toBe(RIG_API_KEY);
    expect(sent?.headers['content-type']).toMatch(/^application\/json/);
    expect(sent?.json).toEqual({
      livenessOperationMode: 'PassiveActive',
      deviceCorrelationId: 'device-7',
      authTokenTimeToLiveInSeconds: 120,
    });
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.client).toMatchObject({
      component: 'azure-face-liveness',
      sessionId: session.sessionId,
      withVerify: false,
      livenessOperationMode: 'PassiveActive',
    });
    expect(typeof (session.client as { authToken: string }).authToken).toBe('string');
    const expires = Date.parse(session.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(110_000);
    expect(expires).toBeLessThanOrEqual(120_000);
  });

  it('keeps the browser token out of raw and the logs', async () => {
    const session = await rig.facegate().createLivenessSession({ deviceCorrelationId: 'device-7' });
    const token = (session.client as { authToken: string }).authToken as string;
    expect(JSON.stringify(session.raw)).not.toContain(token);
    expect(rig.logger.text()).not.toContain(token);
  });

  it('sends Passive mode from the factory option, overridden per call by providerOptions.azure', async () => {
    const fg = rig.facegate({ livenessOperationMode: 'Passive' });
    await fg.createLivenessSession({ deviceCorrelationId: 'd1' });
    await fg.createLivenessSession({
      deviceCorrelationId: 'd2',
      providerOptions: { azure: { livenessOperationMode: 'PassiveActive', enableSessionImage: true } },
    });
    const bodies = rig.fake.requests({ method: 'POST' }).map((r) => r.json as Record<string, unknown>);
    expect(bodies.map((b) => b.livenessOperationMode)).toEqual(['Passive', 'PassiveActive']);
    expect(bodies[1]?.enableSessionImage).toBe(true);
    expect(bodies[0]).not.toHaveProperty('enableSessionImage');
  });

  it('uses Azure’s default token lifetime (600 s) when none is asked for', async () => {
    const session = await rig.facegate().createLivenessSession({ deviceCorrelationId: 'd' });
    expect(rig.fake.requests({ method: 'POST' })[0]?.json).toMatchObject({ authTokenTimeToLiveInSeconds: 600 });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(590_000);
  });

  it('sends a random device id with a warning when none is given, and none when the client sets it', async () => {
    const fg = rig.facegate();
    const generated = await fg.createLivenessSession({});
    const inClient = await fg.createLivenessSession({
      deviceCorrelationId: 'ignored',
      providerOptions: { azure: { deviceCorrelationIdSetInClient: true } },
    });
    const [first, second] = rig.fake.requests({ method: 'POST' }).map((r) => r.json as Record<string, unknown>);
    expect(first?.deviceCorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.warnings.map((w) => w.type)).toContain('assumption');
    expect(second).not.toHaveProperty('deviceCorrelationId');
    expect(second?.deviceCorrelationIdSetInClient).toBe(true);
    expect(inClient.warnings.some((w) => w.message.includes('deviceCorrelationId is ignored'))).toBe(true);
  });

  it('warns about unknown and verify-only provider options instead of dropping them silently', async () => {
    const session = await rig.facegate().createLivenessSession({
      deviceCorrelationId: 'd',
      providerOptions: { azure: { verifyConfidenceThreshold: 0.6, colour: 'blue' } },
    });
    const messages = session.warnings.map((w) => w.message).join('\n');
    expect(messages).toContain('verifyConfidenceThreshold');
    expect(messages).toContain('colour');
    expect(rig.fake.requests({ method: 'POST' })[0]?.json).not.toHaveProperty('verifyConfidenceThreshold');
  });

  it('maps Azure’s InvalidDeviceCorrelationId to invalid_input', async () => {
    rig.fake.arrange('liveness.session.create', { type: 'documented_error', name: 'InvalidDeviceCorrelationId' });
    const error = await rig
      .facegate()
      .createLivenessSession({ deviceCorrelationId: 'd' })
      .catch((e: unknown) => e);
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_input', vendorCode: 'InvalidDeviceCorrelationId', httpStatus: 400 });
  });

  it('refuses a created session without an auth token (the browser could not use it)', async () => {
    rig.server.use(
      http.post(`${rig.base}/detectLiveness-sessions`, () =>
        HttpResponse.json({ ...azureSessionBody({ sessionId: 'abc', status: 'NotStarted' }), authToken: undefined }),
      ),
    );
    await expect(rig.facegate().createLivenessSession({ deviceCorrelationId: 'd' })).rejects.toMatchObject({
      code: 'provider_error',
    });
  });
});

describe('createLivenessSession with a reference image (liveness with verify)', () => {
  it('POSTs multipart to /detectLivenessWithVerify-sessions with the settings and the verifyImage file', async () => {
    const session = await rig.facegate().createLivenessSession({
      deviceCorrelationId: 'device-9',
      reference,
      ttlSeconds: 300,
      providerOptions: { azure: { livenessOperationMode: 'Passive', verifyConfidenceThreshold: 0.6 } },
    });
    const [sent] = rig.fake.requests({ method: 'POST' });
    expect(sent?.url.pathname).toBe('/face/v1.2/detectLivenessWithVerify-sessions');
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const { verifyImage, ...fields } = sent?.form ?? {};
    expect(fields).toEqual({
      livenessOperationMode: 'Passive',
      deviceCorrelationId: 'device-9',
      authTokenTimeToLiveInSeconds: '300',
      verifyConfidenceThreshold: '0.6',
    });
    expect(verifyImage).toMatchObject({ filename: 'reference.jpg', type: 'image/jpeg' });
    expect(Buffer.from((verifyImage as { bytes: Uint8Array }).bytes).equals(Buffer.from(reference))).toBe(true);
    expect(session.sessionId).toMatch(/^verify:[0-9a-f-]{36}$/);
    expect(session.client).toMatchObject({ withVerify: true, livenessOperationMode: 'Passive' });
  });

  it('warns when Azure rates the reference face low for recognition', async () => {
    rig.server.use(
      http.post(`${rig.base}/detectLivenessWithVerify-sessions`, () =>
        HttpResponse.json(
          azureSessionBody({
            sessionId: 'low-quality-session',
            status: 'NotStarted',
            verifyReferences: [azureVerifyReference('low')],
          }),
        ),
      ),
    );
    const session = await rig.facegate().createLivenessSession({ deviceCorrelationId: 'd', reference });
    expect(session.warnings.some((w) => w.message.includes("'low' for recognition"))).toBe(true);
  });

  it('maps a reference without a usable face (400 InvalidImage) to invalid_input', async () => {
    rig.server.use(
      http.post(`${rig.base}/detectLivenessWithVerify-sessions`, () => {
        const answer = jsonAnswer(400, azureErrorBody('InvalidImage', 'No face detected in the image.'));
        return new HttpResponse(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
      }),
    );
    await expect(rig.facegate().createLivenessSession({ deviceCorrelationId: 'd', reference })).rejects.toMatchObject({
      code: 'invalid_input',
      vendorCode: 'InvalidImage',
      retryable: false,
    });
  });
});
