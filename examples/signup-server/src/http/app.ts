import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import type { TemplateSearchHealth } from '../db/template-repository';
import type { SignupFlow } from '../flow/signup-flow';
import type { AwsBrowserSupport } from '../providers/aws-browser';
import type { FlowProviders } from '../providers/flow-providers';
import { installErrorHandler } from './error-handler';
import { PathOnlyLogController } from './path-only-logs';
import { awsCredentialRoutes, awsLivenessAssetRoutes } from './routes/aws-liveness-routes';
import { modelRoutes } from './routes/model-routes';
import { signupRoutes } from './routes/signup-routes';
import { systemRoutes } from './routes/system-routes';

/** What the HTTP app is built from. */
export interface AppDeps {
  config: ServerConfig;
  db: Database;
  flow: SignupFlow;
  /** How the duplicate search runs, for `/api/health`. */
  templateSearch?: () => TemplateSearchHealth;
  providers: FlowProviders;
  /** Fastify logger options or instance settings (tests pass a stream). */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** The built webcam page, served at `/`. */
  webDir?: string;
  /** Serve over TLS with this key and certificate (the AWS simulator demo: Amplify streams over wss to this origin). */
  https?: { key: string; cert: string };
  /** The AWS browser component's needs: its credential issuer and the streaming origin the CSP allows. */
  awsBrowser?: AwsBrowserSupport;
}

/** Log redaction: credentials and session tokens never reach a log line. */
export const LOG_REDACT_PATHS = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

/**
 * The signup server: JSON API under `/api`, OpenAPI at `/docs`, the webcam
 * page at `/`. Request bodies are validated by zod schemas (which also produce
 * the OpenAPI document); responses are serialized through their schemas, so
 * nothing outside them (images, scores, vendor answers) can leak.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const https = config.PUBLIC_ORIGIN?.startsWith('https:') ?? false;
  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    ...(deps.loggerInstance
      ? { loggerInstance: deps.loggerInstance }
      : { logger: deps.logger ?? { level: config.LOG_LEVEL, redact: LOG_REDACT_PATHS } }),
    bodyLimit: 256 * 1024,
    trustProxy: false,
    logController: new PathOnlyLogController(),
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only: fastify's built-in text/plain parser would turn such bodies into schema errors (400) instead of 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, config.ASSISTED_SIGNUP_URL);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // tfjs runs its WASM backend in the page; nothing is loaded from other origins.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // The vendor's liveness stream (AWS: wss to Rekognition's streaming endpoint) is the only other origin.
        connectSrc: ["'self'", ...(deps.awsBrowser?.connectSources ?? [])],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        // Over plain http (the local demo) upgrading would break every request.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });
  // CORS only for the page's own origin (none when the page is served from here).
  await app.register(cors, { origin: config.PUBLIC_ORIGIN ? [config.PUBLIC_ORIGIN] : false, credentials: true });
  await app.register(rateLimit, { global: true, max: config.RATE_LIMIT_PER_IP, timeWindow: 60_000 });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'facegate signup API',
        version: '0.1.0',
        description:
          'Signup with liveness, ID document, face match and a duplicate check, every verdict decided on the server.',
      },
      tags: [
        { name: 'signup', description: 'Session and registration' },
        { name: 'liveness', description: 'Liveness, media or session shape' },
        { name: 'document', description: 'ID document' },
        { name: 'checks', description: 'Face match and uniqueness' },
        { name: 'system', description: 'Configuration and health' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await app.register(signupRoutes, {
    prefix: '/api/signup',
    flow: deps.flow,
    secureCookies: https,
    perSessionLimit: config.RATE_LIMIT_PER_SESSION,
  });
  await app.register(systemRoutes, {
    prefix: '/api',
    config,
    db: deps.db,
    providers: deps.providers,
    templateSearch: deps.templateSearch,
  });
  await app.register(modelRoutes, { prefix: '/models' });
  await app.register(awsLivenessAssetRoutes, { prefix: '/assets/aws-liveness' });
  if (deps.awsBrowser)
    await app.register(awsCredentialRoutes, {
      prefix: '/api/signup',
      flow: deps.flow,
      issuer: deps.awsBrowser.issuer,
      perSessionLimit: config.RATE_LIMIT_PER_SESSION,
    });

  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, prefix: '/', cacheControl: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>facegate signup</title><p>The API runs. Build the webcam page (examples/signup-web) to use it here; the API is documented at <a href="/docs">/docs</a>.</p>',
        ),
    );
  }
  return app;
}
