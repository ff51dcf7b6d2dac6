// A signup server for browser tests: the server's own sources, the built page
// at `/`, an in-memory database shared by the file, a real port on 127.0.0.1.
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import type { AwsSimulator } from '@facegate/adapter-aws/testing';
import type { Facegate } from '@facegate/core';
import { CAPABILITIES } from '@facegate/core';
import { createScenarioProvider, type ScenarioMode, type ScenarioProvider } from '@facegate/core/scenario';
import { loadServerConfig } from '../../signup-server/src/config';
import { providersForServer } from '../../signup-server/src/providers/aws-browser';
import {
  assembleFlowProviders,
  createFlowProviders,
  type FlowProviders,
} from '../../signup-server/src/providers/flow-providers';
import { createSignupServer, type SignupServer } from '../../signup-server/src/server';
import { fastClient, sharedDatabase } from '../../signup-server/src/test-harness';

/** A running server and its address. */
export interface PageServer {
  url: string;
  server: SignupServer;
  scenario?: ScenarioProvider;
  /** The simulated AWS (with `aws`). */
  aws?: AwsSimulator;
  close(): Promise<void>;
}

/** Options for {@link startPageServer}. */
export interface PageServerOptions {
  webDir: string;
  env?: Record<string, string>;
  /** Scenario mode (default happy). Ignored with `provider`. */
  mode?: ScenarioMode;
  /** Only session-shape liveness (the vendor-component path). */
  sessionShape?: boolean;
  /** Build providers from the environment instead (e.g. FACEGATE_PROVIDER=local). */
  provider?: string;
  /** The AWS path against the local simulator (FACEGATE_AWS_SIMULATOR=1, https), its reference face from this photo. */
  aws?: { referenceImage: Uint8Array };
}

/** A free port on 127.0.0.1 (the AWS simulator needs the origin before the server is built). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A signup server in AWS simulator mode, as `FACEGATE_AWS_SIMULATOR=1` starts it (a still camera's challenge). */
async function startAwsPageServer(
  options: PageServerOptions & { aws: { referenceImage: Uint8Array } },
  env: Record<string, string>,
): Promise<PageServer> {
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const port = await freePort();
  const setup = await providersForServer({
    env: { FACEGATE_AWS_SIMULATOR: '1', FACEGATE_AWS_SIMULATOR_CHALLENGE: 'still-camera', ...env },
    logger: silent,
    host: '127.0.0.1',
    port,
    referenceImage: () => options.aws.referenceImage,
    build: () => Promise.reject(new Error('simulator mode builds its own providers')),
  });
  const server = await createSignupServer({
    config: loadServerConfig(env),
    providers: setup.providers,
    db: await sharedDatabase(),
    webDir: options.webDir,
    logger: false,
    sweeper: false,
    https: setup.https,
    awsBrowser: setup.awsBrowser,
  });
  setup.attach(server.app.server);
  const address = await server.app.listen({ host: '127.0.0.1', port });
  return {
    url: address,
    server,
    aws: setup.simulator,
    async close() {
      setup.stop();
      await server.close();
    },
  };
}

/** Start a signup server on a free port. */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const env = {
    PGLITE_DATA_DIR: 'memory',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_SESSION: '1000000',
    ASSISTED_SIGNUP_URL: '/assisted-signup',
    ...options.env,
  };
  if (options.aws) return startAwsPageServer({ ...options, aws: options.aws }, env);
  const config = loadServerConfig(env);
  let scenario: ScenarioProvider | undefined;
  let providers: FlowProviders;
  if (options.provider) {
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    providers = await createFlowProviders({ ...env, FACEGATE_PROVIDER: options.provider }, silent, 'scenario');
  } else {
    scenario = createScenarioProvider({
      mode: options.mode ?? 'happy',
      capabilities: options.sessionShape
        ? CAPABILITIES.filter((c) => c !== 'liveness.frames' && c !== 'liveness.image' && c !== 'liveness.video')
        : undefined,
    });
    const client: Facegate = fastClient(scenario);
    providers = assembleFlowProviders(client, client);
  }
  const server = await createSignupServer({
    config,
    providers,
    db: await sharedDatabase(),
    webDir: options.webDir,
    logger: false,
    sweeper: false,
  });
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, server, scenario, close: () => server.close() };
}
