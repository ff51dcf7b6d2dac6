import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config';
import type { Database } from '../../db/database';
import type { TemplateSearchHealth } from '../../db/template-repository';
import type { FlowProviders } from '../../providers/flow-providers';
import { MAX_FRAME_BYTES, MAX_FRAMES } from '../schemas';

/** Options for the system routes. */
export interface SystemRoutesOptions {
  config: ServerConfig;
  db: Database;
  providers: FlowProviders;
  /** How the offline engine's duplicate search runs (absent when the server has no template store). */
  templateSearch?: () => TemplateSearchHealth;
}

/** Public configuration for the page, and a health probe. */
export const systemRoutes: FastifyPluginAsyncZod<SystemRoutesOptions> = async (
  app,
  { config, db, providers, templateSearch },
) => {
  app.get(
    '/config',
    {
      schema: {
        tags: ['system'],
        summary: 'What the webcam page needs to know',
        response: {
          200: z.object({
            livenessShape: z.enum(['frames', 'image', 'session']),
            providers: z.object({
              verification: z.array(z.string()),
              search: z.array(z.string()),
              documents: z.array(z.string()),
            }),
            deadlinesMs: z.record(z.string(), z.number()),
            attempts: z.record(z.string(), z.number()),
            maxFrames: z.number().int(),
            maxFrameBytes: z.number().int(),
            framesPerSecond: z.number(),
            blinkFramesPerSecond: z.number(),
            assistedSignupUrl: z.string(),
          }),
        },
      },
    },
    async () => ({
      livenessShape: providers.livenessShape,
      providers: {
        verification: [...providers.verification.providerIds],
        search: [...providers.search.providerIds],
        documents: [...providers.documents.providerIds],
      },
      deadlinesMs: config.deadlinesMs,
      attempts: config.attempts,
      maxFrames: MAX_FRAMES,
      maxFrameBytes: MAX_FRAME_BYTES,
      // A blink lasts 100–200 ms: a faster burst while the blink prompt shows catches the closed eyes.
      framesPerSecond: 10,
      blinkFramesPerSecond: 15,
      assistedSignupUrl: config.ASSISTED_SIGNUP_URL,
    }),
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness of the database, the verification provider and the duplicate search',
        response: {
          200: z.object({
            status: z.enum(['ready', 'degraded']),
            database: z.string(),
            provider: z.object({ id: z.string(), status: z.string() }),
            templateSearch: z
              .object({
                status: z.enum(['ready', 'unavailable']),
                method: z.enum(['hnsw', 'exact']).optional(),
                extension: z.string().optional(),
                hnsw: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }).optional(),
                reason: z.string().optional(),
              })
              .optional()
              .describe(
                "The offline engine's face template search: `hnsw` (pgvector index) or `exact` (in-database scan without pgvector), detected at start-up",
              ),
          }),
        },
      },
    },
    async () => {
      const database = await db.query('SELECT 1').then(
        () => 'ready',
        () => 'down',
      );
      const health = await providers.verification.checkHealth();
      const templates = templateSearch?.();
      const ready = database === 'ready' && health.status === 'ready' && templates?.status !== 'unavailable';
      return {
        status: ready ? ('ready' as const) : ('degraded' as const),
        database,
        provider: { id: health.provider, status: health.status },
        ...(templates ? { templateSearch: templates } : {}),
      };
    },
  );
};
