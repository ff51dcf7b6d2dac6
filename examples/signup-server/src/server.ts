import type { Logger } from '@facegate/core';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { MediaRepository } from './db/media-repository';
import { migrate } from './db/migrations';
import { RegistrationLock } from './db/registration-lock';
import { SessionRepository } from './db/session-repository';
import type { TemplateRepository } from './db/template-repository';
import { UserRepository } from './db/user-repository';
import { SignupFlow } from './flow/signup-flow';
import { type AppDeps, buildApp } from './http/app';
import type { FlowProviders } from './providers/flow-providers';
import { startOrphanTemplateSweep } from './retention/orphan-templates';
import { startSweeper } from './retention/sweeper';

/** A running (or ready to listen) signup server and its parts. */
export interface SignupServer {
  app: FastifyInstance;
  db: Database;
  flow: SignupFlow;
  sessions: SessionRepository;
  media: MediaRepository;
  users: UserRepository;
  close(): Promise<void>;
}

/** What {@link createSignupServer} needs beyond the config. */
export interface CreateServerOptions {
  config: ServerConfig;
  providers: FlowProviders;
  /** An open database; otherwise one is opened from the config. */
  db?: Database;
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** Current time (tests move it). */
  clock?: () => Date;
  /** Run the retention sweeper (default true). */
  sweeper?: boolean;
  /** Serve over TLS (see {@link AppDeps.https}). */
  https?: AppDeps['https'];
  /** AWS's browser component: credential issuer and streaming origin. */
  awsBrowser?: AppDeps['awsBrowser'];
  /** The offline engine's template store, reported in `/api/health`. */
  templates?: TemplateRepository;
}

/** Open the database, apply migrations, wire the flow and the HTTP app. */
export async function createSignupServer(options: CreateServerOptions): Promise<SignupServer> {
  const { config } = options;
  const db =
    options.db ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR }));
  await migrate(db);
  const sessions = new SessionRepository(db);
  const media = new MediaRepository(db);
  const users = new UserRepository(db);
  // The flow logs through the app's pino logger, created below; until then, nowhere.
  let logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
  const flow = new SignupFlow({
    db,
    sessions,
    media,
    users,
    registrationLock: new RegistrationLock(db),
    providers: options.providers,
    config,
    clock: options.clock,
    logger: {
      debug: (f, m) => logger.debug(f, m),
      info: (f, m) => logger.info(f, m),
      warn: (f, m) => logger.warn(f, m),
      error: (f, m) => logger.error(f, m),
    },
  });
  const app = await buildApp({
    config,
    db,
    flow,
    providers: options.providers,
    webDir: options.webDir,
    logger: options.logger,
    loggerInstance: options.loggerInstance,
    https: options.https,
    awsBrowser: options.awsBrowser,
    templateSearch: options.templates ? () => (options.templates as TemplateRepository).health() : undefined,
  });
  logger = app.log;
  const stopSweeper =
    options.sweeper === false ? () => {} : startSweeper(sessions, media, config.SWEEP_INTERVAL_S * 1000, app.log);
  // Templates left without an account by a registration that crashed between indexing the face and the user insert.
  const stopOrphanSweep =
    options.sweeper === false || !options.templates
      ? () => {}
      : startOrphanTemplateSweep(options.templates, [config.SIGNUP_FACE_COLLECTION], app.log);
  return {
    app,
    db,
    flow,
    sessions,
    media,
    users,
    async close() {
      stopSweeper();
      stopOrphanSweep();
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
