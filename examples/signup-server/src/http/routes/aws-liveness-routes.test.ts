import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../../test-support/fixtures';
import { loadServerConfig } from '../../config';
import { providersForServer, type ServerProviders } from '../../providers/aws-browser';
import { createSignupServer, type SignupServer } from '../../server';
import { SignupClient, sharedDatabase } from '../../test-harness';
import { awsLivenessAssets } from './aws-liveness-routes';

const here = dirname(fileURLToPath(import.meta.url));
let setup: ServerProviders;
let server: SignupServer;
let offset = 0;

beforeAll(async () => {
  const env = {
    PGLITE_DATA_DIR: 'memory',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_SESSION: '1000000',
    FACEGATE_AWS_SIMULATOR: '1',
    FACEGATE_ASSIST_PROVIDER: 'scenario',
  };
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  setup = await providersForServer({
    env,
    logger: silent,
    host: '127.0.0.1',
    port: 8443,
    referenceImage: () => readFixture('faces/obama-1.jpg'),
    build: () => Promise.reject(new Error('unused')),
  });
  server = await createSignupServer({
    config: loadServerConfig(env),
    providers: setup.providers,
    db: await sharedDatabase(),
    clock: () => new Date(Date.now() + offset),
    logger: false,
    sweeper: false,
    https: setup.https,
    awsBrowser: setup.awsBrowser,
  });
});
afterAll(async () => {
  setup?.stop();
  await server?.close();
});

describe('AWS liveness assets, served from npm packages', () => {
  it('serves tfjs WASM of exactly the version Amplify bundles, byte for byte, and 404s any other version', async () => {
    const amplify = createRequire(join(here, '../../../../signup-web/package.json')).resolve(
      '@aws-amplify/ui-react-liveness',
    );
    const wasmPackage = createRequire(amplify).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    const version = (JSON.parse(readFileSync(wasmPackage, 'utf8')) as { version: string }).version;
    const file = 'tfjs-backend-wasm-simd.wasm';
    const reply = await server.app.inject({ url: `/assets/aws-liveness/tfjs-backend-wasm/${version}/${file}` });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/wasm');
    expect(reply.headers['cache-control']).toContain('immutable');
    expect(Buffer.compare(reply.rawPayload, readFileSync(join(dirname(wasmPackage), 'dist', file)))).toBe(0);
    const other = await server.app.inject({ url: `/assets/aws-liveness/tfjs-backend-wasm/4.22.0/${file}` });
    expect(other.statusCode).toBe(404);
    expect((await server.app.inject({ url: '/assets/aws-liveness/../../package.json' })).statusCode).toBe(404);
  });

  it('serves the face detector model, whose weights manifest names the served weights file', async () => {
    const model = await server.app.inject({ url: '/assets/aws-liveness/face-detector/model.json' });
    expect(model.statusCode).toBe(200);
    const json = model.json() as {
      format: string;
      weightsManifest: { paths: string[] }[];
      signature?: { outputs?: Record<string, { name: string }> };
    };
    expect(json.format).toBe('graph-model');
    const [weights] = json.weightsManifest[0]?.paths ?? [];
    // The MediaPipe short-range detector Amplify's tfjs runtime executes: one output, Identity:0.
    expect(Object.values(json.signature?.outputs ?? {}).map((o) => o.name)).toEqual(['Identity:0']);
    const bin = await server.app.inject({ url: `/assets/aws-liveness/face-detector/${weights}` });
    expect(bin.statusCode).toBe(200);
    expect(bin.rawPayload.byteLength).toBeGreaterThan(100_000);
  });

  it('lists each file with its package and version, and the docs name them', () => {
    const assets = awsLivenessAssets();
    expect(assets.map((a) => a.path).sort()).toEqual([
      'face-detector/facemesh-detection-short.bin',
      'face-detector/model.json',
      expect.stringMatching(/^tfjs-backend-wasm\/[\d.]+\/tfjs-backend-wasm-simd\.wasm$/),
      expect.stringMatching(/^tfjs-backend-wasm\/[\d.]+\/tfjs-backend-wasm-threaded-simd\.wasm$/),
      expect.stringMatching(/^tfjs-backend-wasm\/[\d.]+\/tfjs-backend-wasm\.wasm$/),
    ]);
    const docs = readFileSync(join(here, '../../../../../docs/adapters/aws.md'), 'utf8');
    for (const asset of assets) expect(docs).toContain(`${asset.package}@${asset.version}`);
  });

  it('the page may open a stream to its own origin and nowhere else (CSP)', async () => {
    const reply = await server.app.inject({ url: '/api/config' });
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toMatch(/connect-src 'self' wss:\/\/127\.0\.0\.1:8443/);
  });
});

describe('POST /api/signup/liveness/vendor-session/credentials', () => {
  it('refuses without a signup, and before a vendor session exists', async () => {
    const client = new SignupClient(server);
    expect((await client.post('/liveness/vendor-session/credentials')).status).toBe(401);
    await client.start();
    const early = await client.post('/liveness/vendor-session/credentials');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('vendor_session_required');
  });

  it('vends per-signup credentials allowed only StartFaceLivenessSession until the session expires; never the server’s', async () => {
    const client = new SignupClient(server);
    await client.start();
    const session = await client.post('/liveness/vendor-session');
    expect(session.body.client).toMatchObject({
      component: 'aws-amplify-face-liveness',
      region: 'us-east-1',
      endpointOverride: 'https://127.0.0.1:8443',
    });
    const reply = await client.post('/liveness/vendor-session/credentials');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(Object.keys(reply.body).sort()).toEqual(['accessKeyId', 'expiration', 'secretAccessKey', 'sessionToken']);
    const sim = setup.simulator;
    const issued = sim?.sts.issued.get(reply.body.accessKeyId);
    expect(issued?.secretAccessKey).toBe(reply.body.secretAccessKey);
    expect(reply.body.expiration).toBe(session.body.expiresAt);
    const expiresAt = Date.parse(session.body.expiresAt);
    if (!issued || !sim) throw new Error('not issued by the simulated STS');
    expect(sim.sts.allows(issued, 'rekognition:StartFaceLivenessSession', expiresAt - 1_000)).toBe(true);
    expect(sim.sts.allows(issued, 'rekognition:StartFaceLivenessSession', expiresAt + 1_000)).toBe(false);
    expect(sim.sts.allows(issued, 'rekognition:CreateFaceLivenessSession', Date.now())).toBe(false);
    const everything = JSON.stringify([session, reply]);
    expect(everything).not.toContain(sim.serverCredentials.accessKeyId);
    expect(everything).not.toContain(sim.serverCredentials.secretAccessKey);
    // Per signup: another signup gets another role session.
    const other = new SignupClient(server);
    await other.start();
    await other.post('/liveness/vendor-session');
    const second = await other.post('/liveness/vendor-session/credentials');
    expect(sim.sts.issued.get(second.body.accessKeyId)?.roleSessionName).not.toBe(issued.roleSessionName);
  });

  it('refuses once the vendor session expired, and asks STS nothing', async () => {
    const client = new SignupClient(server);
    await client.start();
    await client.post('/liveness/vendor-session');
    const before = setup.simulator?.sts.requests.length;
    offset = 181_000;
    try {
      const reply = await client.post('/liveness/vendor-session/credentials');
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('vendor_session_expired');
      expect(setup.simulator?.sts.requests.length).toBe(before);
    } finally {
      offset = 0;
    }
  });

  it('maps STS refusing the role to the system-error answer with the alternate path', async () => {
    const client = new SignupClient(server);
    await client.start();
    await client.post('/liveness/vendor-session');
    setup.simulator?.sts.arrange({ type: 'error', code: 'AccessDenied', status: 403 });
    try {
      const reply = await client.post('/liveness/vendor-session/credentials');
      expect(reply.status).toBe(503);
      expect(reply.body.error).toMatchObject({ code: 'provider_unavailable', alternatePath: expect.any(Object) });
    } finally {
      setup.simulator?.sts.arrange({ type: 'ok' });
    }
  });
});
