import type { FaceProvider, Logger } from '@facegate/core';
import type { FastifyInstance } from 'fastify';
import { type EsignetEnv, loadEsignetEnv, verifierSettingsFrom } from '../config';
import { SlotStore } from '../store/slot-store';
import { ensureSchema, openSql, type Sql } from '../store/sql';
import { IdentityVerifier } from '../verifier/verifier';
import { buildService } from './app';
import { createVerifierProvider } from './providers';
import { createKafkaPublisher, type KafkaProducerLike, type ResultPublisher } from './publisher';

/** A running verifier service. */
export interface RunningService {
  app: FastifyInstance;
  verifier: IdentityVerifier;
  store: SlotStore;
  sql: Sql;
  config: EsignetEnv;
  /** `http://host:port` it listens on. */
  url: string;
  /** Stop listening, stop the sweeper, close the provider and the database. */
  close(): Promise<void>;
}

/** Options of {@link startService} (tests inject providers, a clock, a Kafka producer). */
export interface StartOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  providers?: readonly FaceProvider[];
  kafkaProducer?: KafkaProducerLike;
  /** Clock for slot expiry (tests). */
  now?: () => number;
  /** Do not listen (tests call `app.inject`). */
  listen?: boolean;
  /** An open database to use instead of the configured one (tests share one); not closed by `close()`. */
  sql?: Sql;
}

/**
 * Start the service from the environment: settings, the face provider (frame
 * liveness only), the database (PGlite, or PostgreSQL with DATABASE_URL), the
 * Kafka publisher when brokers are set, the retention sweeper, HTTP.
 */
export async function startService(options: StartOptions = {}): Promise<RunningService> {
  const env = options.env ?? process.env;
  const config = loadEsignetEnv(env);
  const logger: Logger = options.logger ?? (await defaultLogger(config.LOG_LEVEL));
  const { facegate, frameLimits } = await createVerifierProvider(env, logger, options.providers);
  const sql =
    options.sql ?? (await openSql({ databaseUrl: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR }));
  await ensureSchema(sql);
  const store = new SlotStore(sql, { now: options.now });
  const verifier = new IdentityVerifier({
    facegate,
    store,
    settings: verifierSettingsFrom(config),
    frameLimits,
    now: options.now,
    logger,
  });
  let publisher: ResultPublisher | undefined;
  if (config.ESIGNET_KAFKA_BROKERS?.length || options.kafkaProducer)
    publisher = await createKafkaPublisher({
      brokers: config.ESIGNET_KAFKA_BROKERS ?? [],
      clientId: config.ESIGNET_KAFKA_CLIENT_ID,
      topic: config.ESIGNET_KAFKA_TOPIC,
      logger,
      producer: options.kafkaProducer,
    });
  const app = await buildService({ verifier, facegate, publisher, token: config.ESIGNET_SERVICE_TOKEN });
  const sweeper = setInterval(() => {
    store.sweep().then(
      (removed) => {
        if (removed.frames + removed.slots > 0) logger.info(removed, 'expired slots swept');
      },
      (error: Error) => logger.warn({ message: error.message }, 'sweep failed'),
    );
  }, config.ESIGNET_SWEEP_INTERVAL_S * 1000);
  sweeper.unref();
  let url = '';
  if (options.listen !== false) url = await app.listen({ host: config.HOST, port: config.PORT });
  return {
    app,
    verifier,
    store,
    sql,
    config,
    url,
    async close() {
      clearInterval(sweeper);
      await app.close();
      await publisher?.close().catch(() => {});
      await facegate.close();
      if (!options.sql) await sql.close();
    },
  };
}

async function defaultLogger(level: string): Promise<Logger> {
  const { pino } = await import('pino');
  const logger = pino({ level, name: 'facegate-esignet' });
  return {
    debug: logger.debug.bind(logger),
    info: logger.info.bind(logger),
    warn: logger.warn.bind(logger),
    error: logger.error.bind(logger),
  };
}
