import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Method and path of a request: never its query string (a token put there must not reach a log). */
export function requestLine(request: FastifyRequest): { method: string; path: string } {
  const url = request.raw.url ?? '';
  const query = url.indexOf('?');
  return { method: request.method, path: query === -1 ? url : url.slice(0, query) };
}

/**
 * Fastify's request log lines, with the request written as method + path only
 * (its default serializer writes the full URL). Pass as `logController`.
 */
export class PathOnlyLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ request: requestLine(request) }, 'incoming request');
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ request: requestLine(request) }, 'route not found');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    reply.log[level]({ request: requestLine(request), res: reply, err: error }, error?.message);
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ request: requestLine(request), res: reply, err: error }, error?.message);
  }
}
