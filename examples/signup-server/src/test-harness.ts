// Test support for the signup server (not shipped): a server on the scenario
// provider and an in-memory database, a cookie-keeping client, and images.
import { createFacegate, type Facegate, type FaceProvider } from '@facegate/core';
import { createScenarioProvider, type ScenarioProvider } from '@facegate/core/scenario';
import type { FastifyServerOptions } from 'fastify';
import { readFixture } from '../../../test-support/fixtures';
import { loadServerConfig, type ServerConfig } from './config';
import { type Database, openDatabase } from './db/database';
import type { TemplateRepository } from './db/template-repository';
import { assembleFlowProviders, type FlowProviders } from './providers/flow-providers';
import { createSignupServer, type SignupServer } from './server';

/** A test server and the knobs tests turn. */
export interface TestServer extends SignupServer {
  scenario: ScenarioProvider;
  providers: FlowProviders;
  config: ServerConfig;
  /** Move the server's clock. */
  advance(ms: number): void;
  client(): SignupClient;
}

let shared: Promise<Database> | undefined;
/** One in-memory PGlite per test file (it takes seconds to boot); tests use fresh sessions and unique faces. */
export function sharedDatabase(): Promise<Database> {
  shared ??= openDatabase({ pgliteDataDir: 'memory' });
  return shared;
}

/** Options for {@link createTestServer}. */
export interface TestServerOptions {
  env?: Record<string, string>;
  scenario?: ScenarioProvider;
  /** Build the verification client differently (e.g. session-shape only). */
  verification?: (scenario: ScenarioProvider) => Facegate;
  db?: Database;
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** A search client other than the scenario provider (e.g. the offline engine on a template store). */
  search?: Facegate;
  /** The template store to report in `/api/health`. */
  templates?: TemplateRepository;
}

/** A signup server on the scenario provider, instant retries, rate limits out of the way. */
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadServerConfig({
    PGLITE_DATA_DIR: 'memory',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_SESSION: '1000000',
    ...options.env,
  });
  const scenario = options.scenario ?? createScenarioProvider();
  const verification = options.verification?.(scenario) ?? fastClient(scenario);
  const assembled = assembleFlowProviders(verification, verification);
  const providers = options.search ? { ...assembled, search: options.search } : assembled;
  let offset = 0;
  const server = await createSignupServer({
    config,
    providers,
    db: options.db ?? (await sharedDatabase()),
    clock: () => new Date(Date.now() + offset),
    sweeper: false,
    logger: options.loggerInstance ? undefined : false,
    loggerInstance: options.loggerInstance,
    templates: options.templates,
  });
  return {
    ...server,
    scenario,
    providers,
    config,
    advance: (ms) => {
      offset += ms;
    },
    client: () => new SignupClient(server),
  };
}

/** A facegate client with retries that do not wait. */
export function fastClient(provider: FaceProvider | FaceProvider[]): Facegate {
  return createFacegate({ provider, resilience: { maxRetries: 1, sleep: async () => {}, timeoutMs: 5_000 } });
}

/** One HTTP response, parsed. */
export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test helper, bodies checked by the tests
  body: any;
  headers: Record<string, unknown>;
}

/** A browser-like client: keeps the session cookie, speaks JSON. */
export class SignupClient {
  cookie = '';
  constructor(private readonly server: SignupServer) {}

  async request(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await this.server.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: method === 'POST' ? (typeof payload === 'string' ? payload : JSON.stringify(payload ?? {})) : undefined,
    });
    const setCookie = response.cookies.find((c) => c.name === 'fg_signup');
    if (setCookie) this.cookie = `fg_signup=${setCookie.value}`;
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {
      // not JSON
    }
    return { status: response.statusCode, body, headers: response.headers };
  }

  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('POST', `/api/signup${url}`, payload, headers);
  }

  get(url: string) {
    return this.request('GET', `/api/signup${url}`);
  }

  start() {
    return this.post('/sessions', {});
  }

  /** Get a challenge and answer it with these frames. */
  async liveness(frames: Uint8Array[] = [uniqueFace()]) {
    const challenge = await this.post('/liveness/challenge');
    if (challenge.status !== 200) return challenge;
    return this.post('/liveness/frames', {
      nonce: challenge.body.challenge.nonce,
      frames: frames.map((f, i) => ({ image: b64(f), capturedAtMs: i * 250 })),
    });
  }

  document(image: Uint8Array = uniqueFace('obama-2.jpg')) {
    return this.post('/document', { image: b64(image), filename: 'id.jpg' });
  }

  register(
    form: Record<string, unknown> = {
      fullName: 'Ada Lovelace',
      email: `ada-${Math.random().toString(36).slice(2)}@example.org`,
    },
  ) {
    return this.post('/register', form);
  }

  /** Run every step to registration; returns the last reply. */
  async signup(selfie: Uint8Array = uniqueFace()): Promise<Reply> {
    for (const step of [
      () => this.start(),
      () => this.liveness([selfie]),
      () => this.document(),
      () => this.post('/match'),
      () => this.post('/uniqueness'),
      () => this.register(),
    ]) {
      const reply = await step();
      if (reply.status >= 300 || (reply.body.outcome && reply.body.outcome !== 'pass')) return reply;
    }
    return this.get('/sessions/current');
  }
}

/** Base64 of bytes. */
export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

let counter = 0;
/**
 * A fixture face photo made byte-unique by a JPEG comment segment, so the
 * scenario provider (which identifies people by image hash) sees a new person.
 */
export function uniqueFace(file = 'obama-1.jpg', tag = `${process.pid}-${Date.now()}-${counter++}`): Uint8Array {
  const jpeg = readFixture(`faces/${file}`);
  const text = new TextEncoder().encode(`facegate-test ${tag}`);
  const segment = new Uint8Array(4 + text.length);
  segment.set([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]);
  segment.set(text, 4);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}
