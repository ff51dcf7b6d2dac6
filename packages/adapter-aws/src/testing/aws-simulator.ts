import { randomBytes } from 'node:crypto';
import type { HttpHandler } from 'msw';
import { generate } from 'selfsigned';
import { createRekognitionMock, type RekognitionMock, type RekognitionMockOptions } from './rekognition-mock';
import { type ChallengePreset, createStreamingSimulator, type StreamingSimulator } from './streaming-simulator';
import { createStsMock, type StsMock } from './sts-mock';

/** Options for {@link createAwsSimulator}. */
export interface AwsSimulatorOptions {
  /** Region everything is signed for (default `us-east-1`). */
  region?: string;
  /** Options of the simulated Rekognition (sessions start CREATED: only a stream decides them). */
  rekognition?: RekognitionMockOptions;
  /** The image the simulated service returns as the session's reference (it cannot decode the video). */
  referenceImage?: Uint8Array;
  /** Confidence of a completed stream, 0–100 (default 96.5). */
  confidence?: number;
  /** Challenge thresholds (default `realistic`; `still-camera` for a fake camera). */
  challenge?: ChallengePreset;
  /** Colours in the light challenge (default 4). */
  colors?: number;
  /** Clock of every simulated service (default `Date.now`). */
  now?: () => number;
}

/** The whole AWS side of a liveness session, simulated on this machine. */
export interface AwsSimulator {
  readonly region: string;
  readonly rekognition: RekognitionMock;
  readonly sts: StsMock;
  readonly streaming: StreamingSimulator;
  /** msw handlers for Rekognition, STS and Cognito Identity: add them to a `setupServer`. */
  readonly handlers: HttpHandler[];
  /** The server's own (fake) credentials: they sign the server's calls and must never reach a browser. */
  readonly serverCredentials: { accessKeyId: string; secretAccessKey: string };
  /** A role ARN for the browser credentials (the simulated STS accepts any well-formed one). */
  readonly browserRoleArn: string;
  /** Environment for the AWS adapter and the browser credential issuer in simulator mode. */
  env(streamingEndpoint: string): Record<string, string>;
}

/**
 * Rekognition (msw, HTTP level), STS + Cognito Identity (msw) and the Face
 * Liveness streaming endpoint (WebSocket), wired together: credentials the STS
 * issues are the only ones the streaming endpoint accepts, and what arrives on
 * a stream decides the session's result that `GetFaceLivenessSessionResults`
 * reports. Attach `streaming` to a TLS server (Amplify opens `wss://`); see
 * {@link createSimulatorTls}.
 */
export function createAwsSimulator(options: AwsSimulatorOptions = {}): AwsSimulator {
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const rekognition = createRekognitionMock({
    autoCreateCollections: true,
    sessionResult: { status: 'CREATED' },
    now,
    ...options.rekognition,
  });
  const sts = createStsMock({ now });
  const streaming = createStreamingSimulator({
    rekognition,
    sts,
    region,
    now,
    referenceImage: options.referenceImage,
    confidence: options.confidence,
    challenge: options.challenge,
    colors: options.colors,
  });
  const serverCredentials = {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  const browserRoleArn = 'arn:aws:iam::123456789012:role/facegate-browser-liveness';
  return {
    region,
    rekognition,
    sts,
    streaming,
    handlers: [...rekognition.handlers, ...sts.handlers],
    serverCredentials,
    browserRoleArn,
    env(streamingEndpoint) {
      return {
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: serverCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: serverCredentials.secretAccessKey,
        FACEGATE_AWS_BROWSER_ROLE_ARN: browserRoleArn,
        FACEGATE_AWS_STREAMING_ENDPOINT: streamingEndpoint,
      };
    },
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost (a day long), for the simulator's TLS server. */
export async function createSimulatorTls(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'facegate-aws-simulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
