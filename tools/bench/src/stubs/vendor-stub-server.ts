// A real HTTP server on loopback that answers like the four vendors (their
// real success shapes, from each adapter's testing wire builders) after a
// fixed latency. Both the facegate path and the raw SDK path of the adapter
// overhead bench talk to it over real sockets, so both pay the same HTTP cost.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AMZ_JSON, compareFacesBody } from '@facegate/adapter-aws/testing';
import { azureDetectedFace } from '@facegate/adapter-azure/testing';
import { faceMatchBody } from '@facegate/adapter-decentro/testing';
import { FACIA_EXAMPLE_RESULT } from '@facegate/adapter-facia/testing';

/** A running stub: its base URL and request counts per route. */
export interface VendorStubServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Requests answered, by route name. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, contentType = 'application/json'): Answer => ({
  status,
  contentType,
  body: JSON.stringify(body),
});

/** Which vendor call a request is, and its answer. */
function route(req: IncomingMessage): [string, Answer] {
  const url = new URL(req.url ?? '/', 'http://stub');
  const target = req.headers['x-amz-target'];
  if (req.method === 'POST' && target === 'RekognitionService.CompareFaces') {
    return [
      'aws.CompareFaces',
      { ...json(200, compareFacesBody([99.2]), AMZ_JSON), headers: { 'x-amzn-requestid': randomUUID() } },
    ];
  }
  if (req.method === 'POST' && url.pathname.endsWith('/detect')) {
    return [
      'azure.detect',
      {
        ...json(200, [azureDetectedFace()], 'application/json; charset=utf-8'),
        headers: { 'apim-request-id': randomUUID() },
      },
    ];
  }
  if (req.method === 'POST' && url.pathname.endsWith('/verify')) {
    return [
      'azure.verify',
      {
        ...json(200, { isIdentical: true, confidence: 0.93 }, 'application/json; charset=utf-8'),
        headers: { 'apim-request-id': randomUUID() },
      },
    ];
  }
  if (req.method === 'POST' && url.pathname === '/v2/kyc/forensics/face_match') {
    return ['decentro.face_match', json(200, faceMatchBody({ match: '98.00%' }))];
  }
  if (req.method === 'GET' && url.pathname === '/status_check') {
    return ['facia.status_check', { status: 200, contentType: 'text/plain', body: 'Service is live' }];
  }
  if (req.method === 'POST' && url.pathname === '/process_face') {
    return ['facia.process_face', json(201, FACIA_EXAMPLE_RESULT)];
  }
  return ['unknown', json(404, { error: `no stub for ${req.method} ${url.pathname}` })];
}

/** Start the stub on 127.0.0.1 (a free port); every answer waits `latencyMs` after the request body arrived. */
export async function startVendorStubServer(latencyMs: number): Promise<VendorStubServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Read (and drop) the whole body first, as a real service would.
    req.on('data', () => {});
    req.on('end', () => {
      const [name, answer] = route(req);
      hits.set(name, (hits.get(name) ?? 0) + 1);
      setTimeout(() => {
        res.writeHead(answer.status, {
          'content-type': answer.contentType,
          'content-length': Buffer.byteLength(answer.body),
          ...answer.headers,
        });
        res.end(answer.body);
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
