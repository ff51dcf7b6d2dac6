import type { BrowserCredentialIssuer } from '@facegate/adapter-aws';
import type { AwsSimulator } from '@facegate/adapter-aws/testing';
import {
  type Capability,
  createFacegate,
  createProviderRegistry,
  type FaceProvider,
  type Logger,
} from '@facegate/core';
import { assembleFlowProviders, type FlowProviders, PROVIDER_LOADERS } from './flow-providers';

/** Environment variables (process.env or a test's). */
type EnvSource = Record<string, string | undefined>;

/** What the server adds for AWS's browser component. */
export interface AwsBrowserSupport {
  /** Vends the page's short-lived credentials. */
  issuer: BrowserCredentialIssuer;
  /** Origins the page may open connections to besides its own (the streaming endpoint), for the CSP. */
  connectSources: string[];
}

/**
 * For an AWS session-shape setup: the browser credential issuer (STS
 * AssumeRole of `FACEGATE_AWS_BROWSER_ROLE_ARN`, or the identity pool in
 * `FACEGATE_AWS_IDENTITY_POOL_ID`) and the streaming origin the CSP must allow
 * (`wss://streaming-rekognition.<region>.amazonaws.com`, or the configured
 * endpoint). Undefined when liveness is not AWS's session. A missing role
 * stops the server at start, naming the variable.
 */
export async function awsBrowserSupport(
  env: EnvSource,
  providers: FlowProviders,
): Promise<AwsBrowserSupport | undefined> {
  if (providers.livenessShape !== 'session' || !providers.verification.providerIds.includes('aws')) return undefined;
  const { createAwsBrowserCredentialIssuer } = await import('@facegate/adapter-aws');
  const issuer = createAwsBrowserCredentialIssuer({ env });
  const endpoint = env.FACEGATE_AWS_STREAMING_ENDPOINT?.trim();
  const region = env.AWS_REGION?.trim() ?? '';
  const connect = endpoint ? `wss://${new URL(endpoint).host}` : `wss://streaming-rekognition.${region}.amazonaws.com`;
  return { issuer, connectSources: [connect] };
}

/** A provider offering only some of its capabilities (so a chain routes each operation where it belongs). */
function only(provider: FaceProvider, capabilities: readonly Capability[]): FaceProvider {
  return { ...provider, capabilities: provider.capabilities.filter((c) => capabilities.includes(c)) };
}

/** The simulator-mode setup: simulated AWS for liveness, the assist provider for the rest. */
export interface AwsSimulatorMode {
  simulator: AwsSimulator;
  providers: FlowProviders;
  support: AwsBrowserSupport;
  /** TLS for the signup server: Amplify opens `wss://` on the page's own origin, where the simulator listens. */
  tls: { key: string; cert: string };
  stop(): void;
}

/**
 * `FACEGATE_AWS_SIMULATOR=1`: the AWS liveness path on this machine. Rekognition,
 * STS and Cognito are simulated at the HTTP level (msw, in this process), the
 * Face Liveness stream by a WebSocket endpoint on the signup server itself
 * (`origin`, served over TLS with a generated certificate). Liveness sessions
 * go to the simulated Rekognition through the real AWS adapter and Amplify's
 * real component; matching, duplicate search and the document face use the
 * assist provider (the offline engine by default), because the simulator
 * cannot see the video: it reports `referenceImage` as the face Rekognition
 * picked.
 */
export async function startAwsSimulatorMode(options: {
  env: EnvSource;
  origin: string;
  logger: Logger;
  referenceImage: Uint8Array;
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
}): Promise<AwsSimulatorMode> {
  const [{ createAwsSimulator, createSimulatorTls }, { setupServer }] = await Promise.all([
    import('@facegate/adapter-aws/testing'),
    import('msw/node'),
  ]);
  const challenge = options.env.FACEGATE_AWS_SIMULATOR_CHALLENGE === 'still-camera' ? 'still-camera' : 'realistic';
  const simulator = createAwsSimulator({ challenge, referenceImage: options.referenceImage });
  const msw = setupServer(...simulator.handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
  const env = { ...options.env, ...simulator.env(options.origin) };
  const registry = createProviderRegistry(PROVIDER_LOADERS);
  const aws = await registry.createProvider('aws', undefined, env);
  const assistId = options.env.FACEGATE_ASSIST_PROVIDER || 'local';
  const assist = await registry.createProvider(assistId, options.providerOptions?.[assistId], options.env);
  const verification = createFacegate({
    provider: [only(aws, ['liveness.session']), only(assist, ['match', 'search', 'quality'])],
    logger: options.logger,
  });
  const providers = assembleFlowProviders(verification, verification);
  const support = await awsBrowserSupport(env, providers);
  if (!support) throw new Error('simulator mode: the AWS session path is not configured');
  return {
    simulator,
    providers,
    support,
    tls: await createSimulatorTls(),
    stop() {
      simulator.streaming.close();
      msw.close();
    },
  };
}

/** The flow's providers plus what the AWS browser component needs, as the server starts. */
export interface ServerProviders {
  providers: FlowProviders;
  awsBrowser?: AwsBrowserSupport;
  /** TLS for the server (simulator mode). */
  https?: { key: string; cert: string };
  /** Hook the simulator's streaming endpoint onto the listening server (simulator mode). */
  attach(server: import('node:http').Server): void;
  /** A line for the console about the mode. */
  note?: string;
  /** The simulated AWS (simulator mode), for tests to arrange and inspect. */
  simulator?: AwsSimulator;
  stop(): void;
}

/**
 * Build the providers as the environment says: `FACEGATE_AWS_SIMULATOR=1` runs
 * the AWS liveness path against the local simulator (the server then serves
 * https on `host:port`); otherwise `build` makes them, and an AWS session
 * setup gets its browser credential issuer.
 */
export async function providersForServer(options: {
  env: EnvSource;
  logger: Logger;
  host: string;
  port: number;
  /** The image the simulator reports as the session's reference face. */
  referenceImage: () => Uint8Array;
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
  build: () => Promise<FlowProviders>;
}): Promise<ServerProviders> {
  if (options.env.FACEGATE_AWS_SIMULATOR === '1') {
    const origin = `https://${options.host}:${options.port}`;
    const mode = await startAwsSimulatorMode({
      env: options.env,
      origin,
      logger: options.logger,
      referenceImage: options.referenceImage(),
      providerOptions: options.providerOptions,
    });
    return {
      providers: mode.providers,
      awsBrowser: mode.support,
      https: mode.tls,
      attach: (server) => mode.simulator.streaming.attach(server),
      simulator: mode.simulator,
      note: `AWS simulator mode: the page is served over https with a self-signed certificate (accept it once); Rekognition, STS and the liveness stream are simulated on this machine.`,
      stop: () => mode.stop(),
    };
  }
  const providers = await options.build();
  return { providers, awsBrowser: await awsBrowserSupport(options.env, providers), attach() {}, stop() {} };
}
