import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDING_LENGTH, RECOGNITION_MODEL } from '@facegate/adapter-local';
import { FacegateError } from '@facegate/core';
import { pino } from 'pino';
import { loadServerConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { TemplateRepository } from './db/template-repository';
import { LOG_REDACT_PATHS } from './http/app';
import { providersForServer } from './providers/aws-browser';
import { createFlowProviders } from './providers/flow-providers';
import { createSignupServer } from './server';

/** The provider when FACEGATE_PROVIDER is unset: the offline engine, no account needed. */
export const DEFAULT_PROVIDER = 'local';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const config = loadServerConfig();
  const logger = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS });
  if (!config.DATABASE_URL && config.PGLITE_DATA_DIR !== 'memory')
    mkdirSync(dirname(resolve(config.PGLITE_DATA_DIR)), { recursive: true });
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR });
  await migrate(db);
  // Providers are built before listening: a vendor without its settings stops the server here, naming what is missing.
  // The offline engine's templates: searched in the database (pgvector HNSW, or exact without it; see /api/health).
  const templateStore = await TemplateRepository.open(db, {
    models: [{ model: RECOGNITION_MODEL, dimensions: EMBEDDING_LENGTH }],
  });
  const templateSearch = templateStore.health();
  if (templateSearch.status === 'unavailable')
    logger.warn(
      { reason: templateSearch.reason },
      'face template search unavailable: offline duplicate checks will fail',
    );
  else logger.info(templateSearch, 'face template search ready');
  const setup = await providersForServer({
    env: process.env,
    logger,
    host: config.HOST,
    port: config.PORT,
    referenceImage: () =>
      new Uint8Array(
        readFileSync(
          process.env.FACEGATE_AWS_SIMULATOR_REFERENCE ?? resolve(here, '../../../fixtures/faces/obama-1.jpg'),
        ),
      ),
    providerOptions: { local: { templateStore } },
    build: () => createFlowProviders(process.env, logger, DEFAULT_PROVIDER, { templateStore }),
  });
  const { providers } = setup;
  logger.info(
    {
      verification: providers.verification.providerIds,
      search: providers.search.providerIds,
      livenessShape: providers.livenessShape,
    },
    'providers ready',
  );
  const webDir = config.WEB_DIST_DIR ?? resolve(here, '../../signup-web/dist');
  const server = await createSignupServer({
    config,
    providers,
    db,
    loggerInstance: logger,
    webDir: existsSync(webDir) ? webDir : undefined,
    https: setup.https,
    awsBrowser: setup.awsBrowser,
    templates: templateStore,
  });
  setup.attach(server.app.server);
  // Load models / check vendors before the first person waits for them.
  await Promise.all(
    [...new Set([providers.verification, providers.search, providers.documents])].map((c) => c.warmUp()),
  );
  const address = await server.app.listen({ host: config.HOST, port: config.PORT });
  logger.info({ address, database: server.db.kind }, 'signup server ready');
  console.log(
    `\nfacegate signup demo: open ${address} (API docs at ${address}/docs; provider ${providers.verification.providerIds.join(' → ')}, database ${server.db.kind}). Ctrl+C stops it.\n`,
  );
  if (setup.note) console.log(setup.note);
  const stop = async () => {
    setup.stop();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (FacegateError.isInstance(error) && error.code === 'configuration_error') {
    console.error(`facegate signup server: ${error.message}`);
  } else {
    console.error('facegate signup server failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
