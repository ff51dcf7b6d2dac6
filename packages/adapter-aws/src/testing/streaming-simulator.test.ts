// The streaming simulator spoken to by a client built from the AWS SDK's own
// parts: @smithy/signature-v4 presigns the URL and signs each event exactly as
// the browser's Rekognition streaming client does, @smithy/eventstream-codec
// frames the messages. The sessions come from the adapter (over msw), the
// credentials from the browser credential issuer (STS over msw), and the
// result is read back through the adapter.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createAwsBrowserCredentialIssuer } from '../aws-browser-credentials';
import { createAwsProvider } from '../aws-provider';
import { callContext } from '../aws-test-setup';
import { createAwsSimulator, createSimulatorTls } from './aws-simulator';
import { checkPresignedUrl } from './sigv4-check';
import { STREAMING_PATH } from './streaming-simulator';

// The simulated services' clock runs `skew` ms ahead of the real one (tests move it instead of sleeping).
let skew = 0;
const sim = createAwsSimulator({
  challenge: 'still-camera',
  colors: 2,
  referenceImage: new Uint8Array([0xff, 0xd8, 1]),
  now: () => Date.now() + skew,
});
const msw = setupServer(...sim.handlers);
const codec = new EventStreamCodec(toUtf8, fromUtf8);
let tls: Server;
let origin = '';

beforeAll(async () => {
  // Only the SDK's HTTPS calls are simulated by msw; the WebSocket goes to the real local server.
  msw.listen({ onUnhandledRequest: 'bypass' });
  tls = createServer(await createSimulatorTls());
  sim.streaming.attach(tls);
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterEach(() => {
  sim.streaming.reset();
  skew = 0;
});
afterAll(async () => {
  msw.close();
  sim.streaming.close();
  await new Promise((resolve) => tls.close(resolve));
});

const env = () => sim.env(origin);
const provider = () => createAwsProvider({ env: env() });
const issuer = () => createAwsBrowserCredentialIssuer({ env: env() });

async function newSession() {
  const created = await provider().doCreateLivenessSession({}, callContext());
  const creds = await issuer().issue({
    sessionId: created.sessionId,
    sessionExpiresAt: created.expiresAt,
    subject: 'signup-test',
  });
  return { created, creds };
}

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Open the stream as the SDK does: presigned GET with the operation's headers moved into the query. */
async function openStream(sessionId: string, creds: Creds, region = sim.region) {
  const signer = new SignatureV4({ credentials: creds, region, service: 'rekognition', sha256: Sha256 });
  const host = new URL(origin).host;
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname: '127.0.0.1',
      port: Number(new URL(origin).port),
      path: STREAMING_PATH,
      query: {
        'session-id': sessionId,
        'video-width': '640',
        'video-height': '480',
        'challenge-versions': 'FaceMovementAndLightChallenge_2.0.0,FaceMovementChallenge_1.0.0',
      },
      headers: { host },
      body: '',
    },
    { expiresIn: 299 },
  );
  const query = new URLSearchParams(presigned.query as Record<string, string>);
  const ws = new WebSocket(`wss://${host}${STREAMING_PATH}?${query}`, { rejectUnauthorized: false });
  const received: Message[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<boolean>((resolve) => {
    ws.on('open', () => resolve(true));
    ws.on('unexpected-response', () => resolve(false));
    ws.on('error', () => resolve(false));
  });
  ws.on('message', (data) => received.push(codec.decode(new Uint8Array(data as Buffer))));
  let prior = String(query.get('X-Amz-Signature'));
  /** Send one event, wrapped and signed as EventSigningTransformStream does. */
  const send = async (type: string, body: unknown) => {
    const inner = codec.encode({
      headers: {
        ':event-type': { type: 'string', value: type },
        ':message-type': { type: 'string', value: 'event' },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: fromUtf8(JSON.stringify(body)),
    });
    const date = new Date();
    const dateHeader = { ':date': { type: 'timestamp' as const, value: date } };
    const signed = await signer.signMessage(
      { message: { headers: dateHeader, body: inner }, priorSignature: prior },
      {
        signingDate: date,
      },
    );
    prior = signed.signature;
    ws.send(
      codec.encode({
        headers: { ...dateHeader, ':chunk-signature': { type: 'binary', value: Buffer.from(signed.signature, 'hex') } },
        body: inner,
      }),
    );
  };
  return { ws, opened, closed, received, send };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};
const eventType = (m: Message | undefined) =>
  String(m?.headers[':event-type']?.value ?? m?.headers[':exception-type']?.value);

/** The client's side of a completed challenge. */
async function performChallenge(stream: Awaited<ReturnType<typeof openStream>>, video = true) {
  const challengeId = 'c-1';
  await stream.send('ClientSessionInformationEvent', {
    Challenge: { FaceMovementAndLightChallenge: { ChallengeId: challengeId, VideoStartTimestamp: 1, InitialFace: {} } },
  });
  if (video)
    await stream.send('VideoEvent', { VideoChunk: Buffer.from('webm-bytes').toString('base64'), TimestampMillis: 2 });
  for (const n of [0, 1])
    await stream.send('ClientSessionInformationEvent', {
      Challenge: { FaceMovementAndLightChallenge: { ChallengeId: challengeId, ColorDisplayed: { SequenceNumber: n } } },
    });
  await stream.send('ClientSessionInformationEvent', {
    Challenge: {
      FaceMovementAndLightChallenge: {
        ChallengeId: challengeId,
        TargetFace: {},
        VideoEndTimestamp: 3,
        InitialFace: {},
      },
    },
  });
  await stream.send('VideoEvent', { VideoChunk: '', TimestampMillis: 4 });
}

describe('the streaming simulator', () => {
  it('accepts what the SDK presigns, sends the challenge, and a finished stream makes the session live', async () => {
    const { created, creds } = await newSession();
    const stream = await openStream(created.sessionId, creds);
    expect(await stream.opened).toBe(true);
    await until(() => stream.received.length >= 1);
    const info = JSON.parse(toUtf8(stream.received[0]?.body ?? new Uint8Array()));
    expect(eventType(stream.received[0])).toBe('ServerSessionInformationEvent');
    const challenge = info.SessionInformation.Challenge.FaceMovementAndLightChallenge;
    expect(challenge.ColorSequences).toHaveLength(2);
    expect(challenge.OvalParameters).toMatchObject({ Width: expect.any(Number), CenterX: expect.any(Number) });
    expect(challenge.ChallengeConfig.OvalHeightWidthRatio).toBeCloseTo(1.618);
    await performChallenge(stream);
    await until(() => stream.received.some((m) => eventType(m) === 'DisconnectionEvent'));
    stream.ws.close(1000);
    expect(sim.streaming.streamOf(created.sessionId)).toMatchObject({
      completed: true,
      videoChunks: 1,
      clientEvents: ['start', 'color', 'color', 'end'],
      badSignatures: 0,
    });
    const result = await provider().doGetLivenessSessionResult({ sessionId: created.sessionId }, callContext());
    expect(result).toMatchObject({ status: 'complete', observation: { confidence: 0.965, reasons: [] } });
  });

  it('a stream that sent no video is not live (FAILED → capture_failed)', async () => {
    const { created, creds } = await newSession();
    const stream = await openStream(created.sessionId, creds);
    await until(() => stream.received.length >= 1);
    await performChallenge(stream, false);
    await until(() => stream.received.some((m) => eventType(m) === 'DisconnectionEvent'));
    const result = await provider().doGetLivenessSessionResult({ sessionId: created.sessionId }, callContext());
    expect(result).toMatchObject({ status: 'complete', observation: { verdict: null, reasons: ['capture_failed'] } });
  });

  it('a session nobody streamed stays pending', async () => {
    const { created } = await newSession();
    expect(await provider().doGetLivenessSessionResult({ sessionId: created.sessionId }, callContext())).toMatchObject({
      status: 'pending',
    });
  });

  it('refuses a URL signed with a secret it did not issue, or for another region, or with the server credentials', async () => {
    const { created, creds } = await newSession();
    const forged = await openStream(created.sessionId, { ...creds, secretAccessKey: `${creds.secretAccessKey}x` });
    expect(await forged.opened).toBe(false);
    const region = await openStream(created.sessionId, creds, 'eu-west-1');
    expect(await region.opened).toBe(false);
    const server = await openStream(created.sessionId, sim.serverCredentials);
    expect(await server.opened).toBe(false);
    expect(sim.streaming.streams.map((s) => s.refused)).toEqual([
      'InvalidSignatureException',
      'InvalidSignatureException',
      'UnrecognizedClientException',
    ]);
  });

  it('refuses credentials whose session policy has run out (AccessDeniedException)', async () => {
    const { created } = await newSession();
    const soon = await issuer().issue({
      sessionId: created.sessionId,
      sessionExpiresAt: new Date(Date.now() + 1500).toISOString(),
      subject: 's',
    });
    skew = 2_000;
    const stream = await openStream(created.sessionId, soon);
    expect(await stream.opened).toBe(false);
    expect(sim.streaming.streamOf(created.sessionId)?.refused).toBe('AccessDeniedException');
  });

  it.each([
    'ValidationException',
    'InternalServerException',
    'ThrottlingException',
    'ServiceQuotaExceededException',
  ] as const)('sends %s on demand and fails the session', async (name) => {
    sim.streaming.arrange({ type: 'error', event: name, when: 'after-video' });
    const { created, creds } = await newSession();
    const stream = await openStream(created.sessionId, creds);
    await until(() => stream.received.length >= 1);
    await performChallenge(stream);
    await until(() => stream.received.some((m) => m.headers[':message-type']?.value === 'exception'));
    expect(eventType(stream.received.at(-1))).toBe(name);
    expect(await provider().doGetLivenessSessionResult({ sessionId: created.sessionId }, callContext())).toMatchObject({
      observation: { reasons: ['capture_failed'] },
    });
  });

  it('refuses a second stream of the same session (single use)', async () => {
    const { created, creds } = await newSession();
    const first = await openStream(created.sessionId, creds);
    await until(() => first.received.length >= 1);
    const second = await openStream(created.sessionId, creds);
    await until(() => second.received.length >= 1);
    expect(eventType(second.received[0])).toBe('ValidationException');
  });

  it('refuses an event whose chain signature is wrong', async () => {
    const { created, creds } = await newSession();
    const stream = await openStream(created.sessionId, creds);
    await until(() => stream.received.length >= 1);
    const bad = codec.encode({
      headers: {
        ':date': { type: 'timestamp', value: new Date() },
        ':chunk-signature': { type: 'binary', value: new Uint8Array(32) },
      },
      body: fromUtf8('{}'),
    });
    stream.ws.send(bad);
    await until(() => stream.received.length >= 2);
    expect(eventType(stream.received[1])).toBe('ValidationException');
    expect(sim.streaming.streamOf(created.sessionId)?.badSignatures).toBe(1);
  });
});

describe('checkPresignedUrl', () => {
  it('agrees with the SDK signer, and catches any changed query value', async () => {
    const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/with+chars', sessionToken: 'tok=en' };
    const signer = new SignatureV4({ credentials: creds, region: 'eu-west-1', service: 'rekognition', sha256: Sha256 });
    const signedAt = new Date();
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'wss:',
        hostname: 'streaming-rekognition.eu-west-1.amazonaws.com',
        path: STREAMING_PATH,
        query: { 'session-id': 'abc', 'challenge-versions': 'A_1.0.0,B_2.0.0', 'user-agent': 'x y/1 (z)' },
        headers: { host: 'streaming-rekognition.eu-west-1.amazonaws.com' },
        body: '',
      },
      { expiresIn: 299, signingDate: signedAt },
    );
    const url = new URL(`wss://streaming-rekognition.eu-west-1.amazonaws.com${STREAMING_PATH}`);
    for (const [k, v] of Object.entries(presigned.query ?? {})) url.searchParams.set(k, String(v));
    const check = (u: URL) =>
      checkPresignedUrl(
        u,
        'streaming-rekognition.eu-west-1.amazonaws.com',
        {
          region: 'eu-west-1',
          service: 'rekognition',
          now: signedAt.getTime(),
        },
        () => creds,
      );
    expect(check(url)).toMatchObject({ ok: true, value: { accessKeyId: 'ASIAEXAMPLE' } });
    const tampered = new URL(url);
    tampered.searchParams.set('session-id', 'abd');
    expect(check(tampered)).toMatchObject({ ok: false, error: 'InvalidSignatureException' });
    const later = checkPresignedUrl(
      url,
      'streaming-rekognition.eu-west-1.amazonaws.com',
      {
        region: 'eu-west-1',
        service: 'rekognition',
        now: signedAt.getTime() + 300_000,
      },
      () => creds,
    );
    expect(later).toMatchObject({ ok: false, error: 'ExpiredTokenException' });
  });
});
