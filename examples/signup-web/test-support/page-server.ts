// A signup server for browser tests: the server's own sources, the built page
// at `/`, an in-memory database shared by the file, a real port on 127.0.0.1.
import type { Facegate } from '@facegate/core';
import { CAPABILITIES } from '@facegate/core';
import { createScenarioProvider, type ScenarioMode, type ScenarioProvider } from '@facegate/core/scenario';
import { loadServerConfig } from '../../signup-server/src/config';
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
