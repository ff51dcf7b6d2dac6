import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FlowError } from '../flow/flow-error';
import { describeIssues } from './input-issues';

/**
 * Every failure answers `{ error: { code, message, … } }`. Messages say what
 * to do; they never echo the request body. System errors carry the alternate
 * path (try later / assisted signup).
 */
export function installErrorHandler(app: FastifyInstance, assistedSignupUrl: string): void {
  app.setErrorHandler((error: FastifyError | FlowError, request, reply) => {
    if (error instanceof FlowError) {
      const body: Record<string, unknown> = { code: error.code, message: error.message };
      if (Object.keys(error.details).length > 0) body.details = error.details;
      if (error.status === 503) {
        body.alternatePath = { retryAfterSeconds: error.retryAfterSeconds, assistedSignupUrl };
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      return reply.code(error.status).send({ error: body });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = describeIssues(error.validation);
      return reply.code(400).send({
        error: {
          code: 'invalid_input',
          message: `Invalid request: ${issues.slice(0, 5).join('; ')}`,
          details: { issues },
        },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 413)
      return reply.code(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large.' } });
    if (status === 429)
      return reply
        .code(429)
        .send({ error: { code: 'rate_limited', message: 'Too many requests; wait a minute and try again.' } });
    if (status === 415)
      return reply
        .code(415)
        .send({ error: { code: 'unsupported_media_type', message: 'Send JSON (content-type: application/json).' } });
    if (status >= 400 && status < 500)
      return reply.code(status).send({
        error: { code: 'invalid_input', message: 'The request could not be read (malformed JSON or headers).' },
      });
    request.log.error({ err: { name: error.name, code: error.code } }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. Try again later, or use assisted signup.',
      },
    });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'No such endpoint.' } }),
  );
}
