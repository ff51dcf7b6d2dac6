import { timingSafeEqual } from 'node:crypto';
import { type Facegate, FacegateError } from '@facegate/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { frameDetailSchema, identityVerificationInitDtoSchema } from '../protocol/wire';
import { SlotBusyError } from '../store/slot-store';
import type { IdentityVerifier } from '../verifier/verifier';
import type { ResultPublisher } from './publisher';

/** What the HTTP service is built from. */
export interface ServiceDeps {
  verifier: IdentityVerifier;
  facegate: Facegate;
  /** When set, results also go to Kafka and the plugin need not publish them. */
  publisher?: ResultPublisher;
  /** Bearer token the plugin must send (unset: no check; only allowed on loopback). */
  token?: string;
  logger?: FastifyServerOptions['logger'];
}

/** Base path of the service. */
export const API_BASE = '/v1/esignet';

const slotId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
const initializeBody = identityVerificationInitDtoSchema.extend({ slotId });
const verifyBody = z.object({
  slotId,
  stepCode: z.string().max(64).nullable(),
  frames: z.array(frameDetailSchema).max(120).nullable().optional(),
});
const resultBody = z.object({ slotId });

/** A request the service refuses, with a code the plugin can act on. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RequestError(400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * The three verifier operations over HTTP, for the Java plugin inside
 * signup-service: `POST /initialize`, `POST /verify` (answers with the result
 * messages, in order, and whether the service already published them),
 * `POST /result`; `GET /health` for probes. Slot ids travel in the body: they
 * are base64 and may hold `/`.
 */
export async function buildService(deps: ServiceDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // 120 frames of up to ~40 KB base64 each, with room; a larger batch is refused before parsing.
    bodyLimit: 8 * 1024 * 1024,
  });
  const expected = deps.token ? Buffer.from(`Bearer ${deps.token}`) : null;

  app.addHook('onRequest', async (request) => {
    if (!expected || request.url === `${API_BASE}/health`) return;
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new RequestError(401, 'unauthorized', 'missing or wrong bearer token');
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RequestError)
      return reply.status(error.status).send({ error: error.code, message: error.message });
    if (error instanceof SlotBusyError)
      return reply.status(503).header('retry-after', '1').send({ error: 'slot_busy', message: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.status(status).send({ error: 'invalid_request', message: (error as Error).message });
    if (FacegateError.isInstance(error) && ['provider_unavailable', 'rate_limited', 'timeout'].includes(error.code))
      return reply.status(503).header('retry-after', '2').send({ error: 'verifier_unavailable', message: error.code });
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal_error', message: 'the verifier failed; see its log' });
  });

  app.get(`${API_BASE}/health`, async () => {
    const health = await deps.facegate.checkHealth();
    return { status: health.status, provider: health.provider, verifierId: deps.verifier.verifierId };
  });

  app.post(`${API_BASE}/initialize`, async (request) => {
    const body = parse(initializeBody, request.body);
    return deps.verifier.initialize(body.slotId, body);
  });

  app.post(`${API_BASE}/verify`, async (request) => {
    const body = parse(verifyBody, request.body);
    const results = await deps.verifier.verify(body.slotId, body);
    let published = false;
    if (deps.publisher && results.length > 0) {
      try {
        await deps.publisher.publish(results);
        published = true;
      } catch (error) {
        // The plugin publishes them instead: no message is lost to a broker hiccup.
        request.log.warn({ err: { message: (error as Error).message } }, 'kafka publish failed; plugin will publish');
      }
    }
    return { results, published };
  });

  app.post(`${API_BASE}/result`, async (request, reply) => {
    const body = parse(resultBody, request.body);
    const result = await deps.verifier.getVerificationResult(body.slotId);
    if (!result) return reply.status(404).send({ error: 'slot_not_found', message: 'unknown or purged slot' });
    return result;
  });

  return app;
}
