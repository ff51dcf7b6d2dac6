import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { EventStreamCodec, type Message, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { RekognitionMock } from './rekognition-mock';
import { checkEventSignature, checkPresignedUrl } from './sigv4-check';
import type { IssuedCredential, StsMock } from './sts-mock';

// A local Rekognition Face Liveness streaming endpoint (StartFaceLivenessSession
// over WebSocket) for tests and demos. Facts from the service's client
// (`@aws-sdk/client-rekognitionstreaming` + `@aws-sdk/middleware-websocket`):
// the client opens `wss://<endpoint>/start-face-liveness-session-websocket`
// with a SigV4-presigned query (host the only signed header; the operation's
// headers `x-amz-rekognition-streaming-liveness-*` moved into the query as
// `session-id`, `video-width`, `video-height`, `challenge-versions`), then sends
// AWS event-stream messages, each wrapped in a signed envelope (`:date`,
// `:chunk-signature`, chained from the URL's signature). The service answers
// with unsigned event-stream messages: `ServerSessionInformationEvent` (the
// challenge), then `DisconnectionEvent` once the client has sent its final
// `ClientSessionInformationEvent` and an empty `VideoEvent`; errors are
// exception messages (`:message-type: exception`).

/** The path the streaming client opens. */
export const STREAMING_PATH = '/start-face-liveness-session-websocket';
/** The error events of the response stream. */
export const STREAM_ERROR_EVENTS = [
  'ValidationException',
  'InternalServerException',
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'ServiceUnavailableException',
] as const;
/** One error event of the response stream. */
export type StreamErrorEvent = (typeof STREAM_ERROR_EVENTS)[number];

/** How the simulator answers one stream. */
export type StreamScript =
  /**
   * The service's normal conversation (default). `challengeConfig` overrides
   * thresholds of this stream's challenge (e.g. an oval no face fits, for a
   * client timeout); `result` replaces the outcome of a completed stream (e.g.
   * `EXPIRED`: the session ran out before its result was read).
   */
  | { type: 'normal'; challengeConfig?: Record<string, number>; result?: 'EXPIRED' | 'FAILED' }
  /** Send this error event, right after connecting or once video arrived. */
  | { type: 'error'; event: StreamErrorEvent; when?: 'on-connect' | 'after-video'; message?: string };

/** The challenge parameters the simulator hands out. */
export type ChallengePreset =
  /** Thresholds as the service's own examples use them: the person must move closer into the oval. */
  | 'realistic'
  /** Thresholds a still camera picture (a fake camera in tests) satisfies: any single face in view fits. */
  | 'still-camera';

/** What the simulator saw of one stream. */
export interface StreamRecord {
  sessionId: string;
  /** Access key the URL was signed with. */
  accessKeyId: string | undefined;
  /** Why the connection was refused (the service's error name), if it was. */
  refused?: string;
  /** The challenge type sent. */
  challenge?: 'FaceMovementAndLightChallenge' | 'FaceMovementChallenge';
  videoChunks: number;
  videoBytes: number;
  /** Client events in order: `start` (initial face), `color` (a colour shown), `end` (target face reached). */
  clientEvents: ('start' | 'color' | 'end')[];
  /** Envelopes whose chunk signature did not verify (the stream is refused at the first). */
  badSignatures: number;
  /** The error event sent, if any. */
  errorSent?: StreamErrorEvent;
  /** Close code from the client (1000 = normal; Amplify sends 4001 timeout, 4003 user cancel, …). */
  closeCode?: number;
  /** True when the client completed the challenge and the simulator sent DisconnectionEvent. */
  completed: boolean;
}

/** Options for {@link createStreamingSimulator}. */
export interface StreamingSimulatorOptions {
  /** The simulated Rekognition whose sessions are streamed; the outcome is written back to it. */
  rekognition: RekognitionMock;
  /** The simulated STS whose credentials may sign (their session policy must allow the action). */
  sts: StsMock;
  /** Region the URL must be signed for (default `us-east-1`). */
  region?: string;
  /** Clock (default `Date.now`). */
  now?: () => number;
  /** The image the service would pick from the video as reference (it cannot be decoded here): default a grey JPEG. */
  referenceImage?: Uint8Array;
  /** Confidence (0–100) of a completed stream (default 96.5). */
  confidence?: number;
  /** Challenge thresholds (default `realistic`). */
  challenge?: ChallengePreset;
  /** Colours in a light challenge (default 4; the service uses more). */
  colors?: number;
}

/** A running simulator. */
export interface StreamingSimulator {
  /** Serve the streaming path on this (TLS) server's upgrades: Amplify always opens `wss://`. */
  attach(server: Server): void;
  /** The next streams answer with these scripts, in order; the last repeats. */
  arrange(...scripts: StreamScript[]): void;
  readonly streams: readonly StreamRecord[];
  /** The record of the latest stream of a session. */
  streamOf(sessionId: string): StreamRecord | undefined;
  /** Forget the recorded streams and arrangements. */
  reset(): void;
  /** Detach from the servers and drop open streams. */
  close(): void;
}

const COLORS: [number, number, number][] = [
  [0, 0, 0],
  [255, 255, 255],
  [255, 0, 0],
  [255, 255, 0],
  [0, 255, 0],
  [0, 255, 255],
  [0, 0, 255],
  [255, 0, 255],
];

const CONFIG: Record<ChallengePreset, Record<string, number>> = {
  realistic: {
    BlazeFaceDetectionThreshold: 0.75,
    FaceDistanceThreshold: 0.4,
    FaceDistanceThresholdMax: 0,
    FaceDistanceThresholdMin: 0.4,
    FaceIouHeightThreshold: 0.15,
    FaceIouWidthThreshold: 0.15,
    OvalHeightWidthRatio: 1.618,
    OvalIouHeightThreshold: 0.25,
    OvalIouThreshold: 0.6,
    OvalIouWidthThreshold: 0.25,
    OvalFitTimeout: 7000,
  },
  'still-camera': {
    BlazeFaceDetectionThreshold: 0.75,
    FaceDistanceThreshold: 5,
    FaceDistanceThresholdMax: 0,
    FaceDistanceThresholdMin: 5,
    FaceIouHeightThreshold: 0.15,
    FaceIouWidthThreshold: 0.15,
    OvalHeightWidthRatio: 1.618,
    OvalIouHeightThreshold: 0.25,
    OvalIouThreshold: 0.01,
    OvalIouWidthThreshold: 0.25,
    OvalFitTimeout: 7000,
  },
};

function refuse(socket: Duplex, status: number, error: string, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\n` +
      `content-type: application/json\r\nx-amzn-errortype: ${error}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const str = (value: string) => ({ type: 'string' as const, value });

/**
 * A local Face Liveness streaming endpoint. It checks the presigned URL with the
 * credentials the simulated STS issued (and their session policy), answers
 * with a challenge, reads the client's video and session events, checks every
 * event signature, and ends with `DisconnectionEvent`; `arrange` sends any
 * error event instead. What arrived decides the session's result in the
 * simulated Rekognition: SUCCEEDED only when video arrived and the client
 * finished the challenge; a stream without video, or one that broke off, is
 * FAILED; a session nobody streamed stays CREATED until it expires.
 */
export function createStreamingSimulator(options: StreamingSimulatorOptions): StreamingSimulator {
  const { rekognition, sts } = options;
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const preset = options.challenge ?? 'realistic';
  const colorCount = Math.max(1, Math.min(COLORS.length, options.colors ?? 4));
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const wss = new WebSocketServer({ noServer: true });
  const streams: StreamRecord[] = [];
  let arranged: StreamScript[] = [];
  const attached: Server[] = [];

  const nextScript = (): StreamScript => {
    if (arranged.length === 0) return { type: 'normal' };
    return (arranged.length > 1 ? arranged.shift() : arranged[0]) as StreamScript;
  };

  const encode = (headers: MessageHeaders, body: unknown) =>
    codec.encode({ headers, body: fromUtf8(JSON.stringify(body)) });
  const event = (type: string, body: unknown) =>
    encode({ ':message-type': str('event'), ':event-type': str(type), ':content-type': str('application/json') }, body);
  const exception = (type: string, message: string) =>
    encode(
      { ':message-type': str('exception'), ':exception-type': str(type), ':content-type': str('application/json') },
      { Message: message },
    );

  function challengeFor(
    type: 'FaceMovementAndLightChallenge' | 'FaceMovementChallenge',
    width: number,
    height: number,
    overrides: Record<string, number> = {},
  ): unknown {
    const config = { ...CONFIG[preset], ...overrides };
    const ratio = config.OvalHeightWidthRatio as number;
    // Centre and size as the service picks them: a random centre near the middle, width from the shorter side.
    const jitter = () => (preset === 'still-camera' ? 0.5 : Math.random());
    const base = width >= height ? (3 / 4) * height : width;
    const ovalWidth = Math.floor(0.8 * base * (preset === 'still-camera' ? 1 : 0.9 + 0.1 * Math.random()));
    const oval = {
      Width: ovalWidth,
      Height: Math.floor(ratio * ovalWidth),
      CenterX: Math.floor(((7 + 2 * jitter()) * width) / 16),
      CenterY: Math.floor(((7 + 2 * jitter()) * height) / 16),
    };
    if (type === 'FaceMovementChallenge')
      return { FaceMovementChallenge: { OvalParameters: oval, ChallengeConfig: config } };
    return {
      FaceMovementAndLightChallenge: {
        OvalParameters: oval,
        LightChallengeType: 'SEQUENTIAL',
        ChallengeConfig: config,
        ColorSequences: COLORS.slice(0, colorCount).map((rgb, i) => ({
          FreshnessColor: { RGB: rgb },
          DownscrollDuration: i === 0 ? 0 : 300,
          FlatDisplayDuration: i === 0 ? 100 : 100,
        })),
      },
    };
  }

  function settle(record: StreamRecord, script: StreamScript = { type: 'normal' }): void {
    const session = rekognition.sessions.get(record.sessionId);
    if (!session || record.refused) return;
    if (record.completed && record.videoBytes > 0 && script.type === 'normal' && script.result) {
      rekognition.completeSession(record.sessionId, { status: script.result });
    } else if (record.completed && record.videoBytes > 0) {
      rekognition.completeSession(record.sessionId, {
        status: 'SUCCEEDED',
        confidence: options.confidence ?? 96.5,
        ...(options.referenceImage ? { referenceBytes: options.referenceImage } : {}),
      });
    } else {
      // Video that never arrived, a challenge left unfinished, an error event: the check failed.
      rekognition.completeSession(record.sessionId, { status: 'FAILED' });
    }
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'https://simulator.invalid');
    if (url.pathname !== STREAMING_PATH) return;
    const sessionId = url.searchParams.get('session-id') ?? '';
    const record: StreamRecord = {
      sessionId,
      accessKeyId: undefined,
      videoChunks: 0,
      videoBytes: 0,
      clientEvents: [],
      badSignatures: 0,
      completed: false,
    };
    streams.push(record);
    let credential: IssuedCredential | undefined;
    const signed = checkPresignedUrl(
      url,
      request.headers.host ?? '',
      { region, service: 'rekognition', now: now() },
      (id) => {
        credential = sts.issued.get(id);
        return credential;
      },
    );
    if (!signed.ok) {
      record.refused = signed.error;
      refuse(socket, 403, signed.error, signed.message);
      return;
    }
    record.accessKeyId = signed.value.accessKeyId;
    if (!credential || !sts.allows(credential, 'rekognition:StartFaceLivenessSession', now())) {
      record.refused = 'AccessDeniedException';
      refuse(
        socket,
        403,
        'AccessDeniedException',
        'User is not authorized to perform: rekognition:StartFaceLivenessSession',
      );
      return;
    }
    const secret = credential.secretAccessKey;
    wss.handleUpgrade(request, socket, head, (ws) => {
      converse(ws, record, url, secret, signed.value.signature);
    });
  }

  function converse(ws: WebSocket, record: StreamRecord, url: URL, secret: string, urlSignature: string) {
    const session = rekognition.sessions.get(record.sessionId);
    const script = nextScript();
    const versions = (url.searchParams.get('challenge-versions') ?? '').split(',');
    const fail = (name: StreamErrorEvent, message: string) => {
      record.errorSent = name;
      ws.send(exception(name, message));
      settle(record);
      ws.close(1000);
    };
    ws.on('close', (code) => {
      record.closeCode = code;
      if (!record.completed && !record.errorSent) settle(record);
    });
    if (!session) return fail('ValidationException', `Session ${record.sessionId.slice(0, 64)} not found.`);
    if (now() - session.createdAt > rekognition.sessionTtlMs)
      return fail('ValidationException', 'The session has expired.');
    if (streams.some((s) => s !== record && s.sessionId === record.sessionId && !s.refused))
      return fail('ValidationException', 'The session was already used; create a new one.');
    const preferred = (session.settings?.ChallengePreferences as { Type?: string }[] | undefined)?.[0]?.Type;
    const type =
      preferred === 'FaceMovementChallenge' || !versions.some((v) => v.startsWith('FaceMovementAndLightChallenge_'))
        ? 'FaceMovementChallenge'
        : 'FaceMovementAndLightChallenge';
    if (!versions.some((v) => v.startsWith(`${type}_`)))
      return fail('ValidationException', 'None of the challenge versions the client supports is available.');
    if (script.type === 'error' && script.when !== 'after-video')
      return fail(script.event, script.message ?? `${script.event} (simulated)`);
    record.challenge = type;
    rekognition.completeSession(record.sessionId, { status: 'IN_PROGRESS' });
    const width = Number(url.searchParams.get('video-width')) || 640;
    const height = Number(url.searchParams.get('video-height')) || 480;
    const overrides = script.type === 'normal' ? script.challengeConfig : undefined;
    ws.send(
      event('ServerSessionInformationEvent', {
        SessionInformation: { Challenge: challengeFor(type, width, height, overrides) },
      }),
    );

    let prior = urlSignature;
    let videoEnded = false;
    ws.on('message', (data: RawData) => {
      if (record.errorSent || record.completed) return;
      const bytes = new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
      let envelope: Message;
      try {
        envelope = codec.decode(bytes);
      } catch {
        return fail('ValidationException', 'The request stream is not a valid event stream.');
      }
      const date = envelope.headers[':date'];
      const chunkSignature = envelope.headers[':chunk-signature'];
      if (date?.type !== 'timestamp' || chunkSignature?.type !== 'binary')
        return fail('ValidationException', 'An event is not signed.');
      // The `:date` header comes first in the envelope: 4+4+4 prelude bytes, then 1+5+1+8 bytes of it.
      const dateHeaderBytes = bytes.subarray(12, 12 + 15);
      const signatureHex = Buffer.from(chunkSignature.value).toString('hex');
      const valid = checkEventSignature({
        priorSignature: prior,
        dateHeaderBytes,
        date: date.value,
        payload: envelope.body,
        chunkSignature: signatureHex,
        region,
        service: 'rekognition',
        secretAccessKey: secret,
      });
      if (!valid) {
        record.badSignatures += 1;
        return fail('ValidationException', 'The event signature does not match.');
      }
      prior = signatureHex;
      if (envelope.body.byteLength === 0) return;
      let inner: Message;
      try {
        inner = codec.decode(envelope.body);
      } catch {
        return fail('ValidationException', 'An event payload is not a valid event-stream message.');
      }
      const kind = inner.headers[':event-type']?.value;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(toUtf8(inner.body)) as Record<string, unknown>;
      } catch {
        return fail('ValidationException', `The ${String(kind)} body is not JSON.`);
      }
      if (kind === 'VideoEvent') {
        const chunk = typeof body.VideoChunk === 'string' ? Buffer.from(body.VideoChunk, 'base64') : Buffer.alloc(0);
        if (chunk.byteLength === 0) videoEnded = true;
        else {
          record.videoChunks += 1;
          record.videoBytes += chunk.byteLength;
          if (script.type === 'error' && script.when === 'after-video')
            return fail(script.event, script.message ?? `${script.event} (simulated)`);
        }
      } else if (kind === 'ClientSessionInformationEvent') {
        const challenge = (body.Challenge ?? {}) as Record<string, Record<string, unknown>>;
        const performed = challenge.FaceMovementAndLightChallenge ?? challenge.FaceMovementChallenge ?? {};
        if (performed.ColorDisplayed) record.clientEvents.push('color');
        else if (performed.TargetFace && performed.VideoEndTimestamp !== undefined) record.clientEvents.push('end');
        else if (performed.InitialFace) record.clientEvents.push('start');
      } else {
        return fail('ValidationException', `Unknown event ${String(kind).slice(0, 40)}.`);
      }
      const colors = record.clientEvents.filter((e) => e === 'color').length;
      const enoughColors = type === 'FaceMovementChallenge' || colors >= colorCount;
      if (videoEnded && record.clientEvents.includes('end')) {
        record.completed = enoughColors && record.videoBytes > 0;
        settle(record, script);
        ws.send(event('DisconnectionEvent', { TimestampMillis: now() }));
      }
    });
  }

  return {
    attach(server) {
      server.on('upgrade', onUpgrade);
      attached.push(server);
    },
    arrange(...scripts) {
      arranged = [...scripts];
    },
    streams,
    streamOf(sessionId) {
      return streams.filter((s) => s.sessionId === sessionId).at(-1);
    },
    reset() {
      streams.length = 0;
      arranged = [];
    },
    close() {
      for (const server of attached.splice(0)) server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
