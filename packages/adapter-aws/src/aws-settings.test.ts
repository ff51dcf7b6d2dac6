import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { createFacegate, createScrubber, FacegateError } from '@facegate/core';
import { createRecordingLogger } from '@facegate/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { AWS_CAPABILITIES } from './aws-limits';
import { createAwsProvider } from './aws-provider';
import { awsProviderFactory } from './aws-provider-factory';
import { callContext, fixtureImage, rejection, TEST_CREDENTIALS, useRekognition } from './aws-test-setup';

const rekognition = useRekognition();

function configurationError(run: () => unknown): FacegateError {
  try {
    run();
  } catch (error) {
    expect(FacegateError.isInstance(error)).toBe(true);
    expect((error as FacegateError).code).toBe('configuration_error');
    return error as FacegateError;
  }
  throw new Error('expected a configuration_error');
}

describe('createAwsProvider settings', () => {
  it('names the region option and AWS_REGION when no region is set', () => {
    const error = configurationError(() => createAwsProvider({ credentials: TEST_CREDENTIALS, env: {} }));
    expect(error.message).toContain('`region`');
    expect(error.message).toContain('AWS_REGION');
    expect(error.details).toEqual({ option: 'region', envVar: 'AWS_REGION' });
  });

  it('reads the region from AWS_REGION and refuses a malformed one', async () => {
    const provider = createAwsProvider({ credentials: TEST_CREDENTIALS, env: { AWS_REGION: 'ap-south-1' } });
    expect(await provider.client.config.region()).toBe('ap-south-1');
    configurationError(() => createAwsProvider({ credentials: TEST_CREDENTIALS, env: { AWS_REGION: 'eu west/1' } }));
  });

  it('hands the browser a configured streaming endpoint as endpointOverride, and refuses anything but an https origin', async () => {
    const env = { AWS_REGION: 'eu-west-1', FACEGATE_AWS_STREAMING_ENDPOINT: 'https://127.0.0.1:8443' };
    const session = await createAwsProvider({ credentials: TEST_CREDENTIALS, env }).doCreateLivenessSession(
      {},
      callContext(),
    );
    expect(session.client).toEqual({
      component: 'aws-amplify-face-liveness',
      sessionId: session.sessionId,
      region: 'eu-west-1',
      endpointOverride: 'https://127.0.0.1:8443',
    });
    for (const bad of ['ws://127.0.0.1:8443', 'http://127.0.0.1:8443', 'https://h/path', 'not a url'])
      expect(
        configurationError(() =>
          createAwsProvider({ credentials: TEST_CREDENTIALS, region: 'eu-west-1', streamingEndpoint: bad, env: {} }),
        ).message,
      ).toContain('FACEGATE_AWS_STREAMING_ENDPOINT');
  });

  it('turns off the SDK retries on the client it builds, so only core retries', async () => {
    const provider = createAwsProvider({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, env: {} });
    expect(await provider.client.config.maxAttempts()).toBe(1);
  });

  it('signs with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment and declares them as secrets', async () => {
    const env = {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIAFROMENVIRONMENT01',
      AWS_SECRET_ACCESS_KEY: 'env-secret-access-key-for-facegate-tests-77',
    };
    const provider = createAwsProvider({ env });
    await provider.doAnalyzeQuality({ image: fixtureImage('faces/obama-1.jpg') }, callContext());
    const [request] = rekognition.requests;
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFROMENVIRONMENT01\/\d{8}\/eu-central-1\/rekognition\/aws4_request/,
    );
    expect(provider.secrets?.()).toEqual([env.AWS_SECRET_ACCESS_KEY, env.AWS_ACCESS_KEY_ID]);
    expect(createScrubber(provider.secrets?.() ?? []).text(`key ${env.AWS_SECRET_ACCESS_KEY}`)).toBe('key [redacted]');
  });

  it('refuses half of a key pair, naming the missing variable', () => {
    const error = configurationError(() =>
      createAwsProvider({ env: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAONLYHALFOFAPAIR01' } }),
    );
    expect(error.message).toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('maps a credential chain that finds nothing to configuration_error naming the variables', async () => {
    const provider = createAwsProvider({
      region: 'eu-west-1',
      env: {},
      credentials: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), {
          name: 'CredentialsProviderError',
        });
      },
    });
    const error = await rejection(
      provider.doAnalyzeQuality({ image: fixtureImage('faces/obama-1.jpg') }, callContext()),
    );
    expect(error).toMatchObject({ code: 'configuration_error', retryable: false });
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(rekognition.calls()).toBe(0);
  });

  it('maps the real default chain finding no credentials to configuration_error naming the variables', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
      vi.stubEnv(name, undefined);
    for (const name of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/facegate-aws-credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/facegate-aws-config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    try {
      const provider = createAwsProvider({ region: 'eu-west-1', env: {} });
      const error = await rejection(
        provider.doAnalyzeQuality({ image: fixtureImage('faces/obama-1.jpg') }, callContext()),
      );
      expect(error).toMatchObject({ code: 'configuration_error', retryable: false });
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'])
        expect(error.message).toContain(name);
      expect(rekognition.calls()).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('uses a ready client as is, and warns once when that client retries on its own', async () => {
    const logger = createRecordingLogger();
    const client = new RekognitionClient({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 3 });
    const provider = createAwsProvider({ httpClient: client, env: {} });
    expect(provider.client).toBe(client);
    const fg = createFacegate({ provider, logger });
    await fg.analyzeQuality({ image: fixtureImage('faces/obama-1.jpg').data });
    await fg.analyzeQuality({ image: fixtureImage('faces/obama-1.jpg').data });
    expect(logger.lines.filter((l) => l.message.includes('maxAttempts: 1'))).toHaveLength(1);

    const quiet = createRecordingLogger();
    const single = new RekognitionClient({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    // `client` is the deprecated name of `httpClient`, still accepted.
    await createFacegate({ provider: createAwsProvider({ client: single, env: {} }), logger: quiet }).analyzeQuality({
      image: fixtureImage('faces/obama-1.jpg').data,
    });
    expect(quiet.lines.filter((l) => l.message.includes('maxAttempts'))).toHaveLength(0);
  });

  it('takes liveness defaults from FACEGATE_AWS_* variables and refuses bad ones', async () => {
    const provider = createAwsProvider({
      region: 'eu-west-1',
      credentials: TEST_CREDENTIALS,
      env: {
        FACEGATE_AWS_LIVENESS_BUCKET: 'my-liveness-bucket',
        FACEGATE_AWS_LIVENESS_KEY_PREFIX: 'signup/',
        FACEGATE_AWS_AUDIT_IMAGES_LIMIT: '2',
      },
    });
    await provider.doCreateLivenessSession({}, callContext());
    expect(rekognition.requestsFor('CreateFaceLivenessSession')[0]?.body).toEqual({
      Settings: { AuditImagesLimit: 2, OutputConfig: { S3Bucket: 'my-liveness-bucket', S3KeyPrefix: 'signup/' } },
    });
    const base = { region: 'eu-west-1', credentials: TEST_CREDENTIALS };
    configurationError(() => createAwsProvider({ ...base, env: { FACEGATE_AWS_AUDIT_IMAGES_LIMIT: '9' } }));
    configurationError(() => createAwsProvider({ ...base, env: { FACEGATE_AWS_LIVENESS_KEY_PREFIX: 'x/' } }));
    configurationError(() => createAwsProvider({ ...base, env: {}, liveness: { auditImagesLimit: 7 } }));
  });
});

describe('awsProviderFactory', () => {
  it('builds the provider from the environment it is given', async () => {
    const provider = await awsProviderFactory.create(undefined, {
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    });
    expect(provider.provider).toBe('aws');
    expect([...provider.capabilities]).toEqual([...AWS_CAPABILITIES]);
    expect(await (provider as ReturnType<typeof createAwsProvider>).client.config.region()).toBe('us-west-2');
  });

  it('reports a missing AWS_REGION without any network call', () => {
    expect(awsProviderFactory.describeConfiguration?.({})).toMatchObject({
      configured: false,
      missing: ['AWS_REGION'],
    });
    expect(awsProviderFactory.describeConfiguration?.({ AWS_REGION: 'eu-west-1' })).toMatchObject({
      configured: true,
      missing: [],
    });
    expect(rekognition.calls()).toBe(0);
  });
});

describe('the SDK calls', () => {
  it('pass the call signal as abortSignal on every operation', async () => {
    const client = new RekognitionClient({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const send = vi.spyOn(client, 'send');
    const provider = createAwsProvider({ httpClient: client, env: {} });
    const image = fixtureImage('faces/obama-1.jpg');
    const signal = new AbortController().signal;
    const ctx = callContext(signal);
    const collection = 'signal-check';
    const session = await provider.doCreateLivenessSession({}, ctx);
    await provider.doGetLivenessSessionResult({ sessionId: session.sessionId }, ctx);
    await provider.doCompareFaces({ source: image, target: image }, ctx);
    await provider.doAnalyzeQuality({ image }, ctx);
    await provider.doEnsureCollection({ collection }, ctx);
    const { faceId } = await provider.doIndexFace({ collection, externalId: 'someone', image }, ctx);
    await provider.doSearchFaces({ collection, image, minSimilarity: 0.8, maxResults: 5 }, ctx);
    await provider.doRemoveFaces({ collection, externalIds: ['someone'], faceIds: [faceId] }, ctx);
    const operations = send.mock.calls.map(([command]) => command.constructor.name);
    expect(operations).toEqual([
      'CreateFaceLivenessSessionCommand',
      'GetFaceLivenessSessionResultsCommand',
      'CompareFacesCommand',
      'DetectFacesCommand',
      'CreateCollectionCommand',
      'IndexFacesCommand',
      'SearchFacesByImageCommand',
      'ListFacesCommand',
      'DeleteFacesCommand',
    ]);
    for (const call of send.mock.calls) expect(call[1]).toEqual({ abortSignal: signal });
  });

  it('maps a ready client without a region to configuration_error naming AWS_REGION', async () => {
    // No region anywhere the SDK looks: env, config file, instance metadata.
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/facegate-aws-config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    try {
      const client = new RekognitionClient({ credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const error = await rejection(
        createAwsProvider({ httpClient: client, env: {} }).doAnalyzeQuality(
          { image: fixtureImage('faces/obama-1.jpg') },
          callContext(),
        ),
      );
      expect(error).toMatchObject({ code: 'configuration_error', details: { envVar: 'AWS_REGION' } });
      expect(rekognition.calls()).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
