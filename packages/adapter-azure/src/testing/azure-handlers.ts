import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import type { AzureFaceFake, FakeReply, RecordedAzureRequest } from './azure-face-fake';
import { type AzureWireAnswer, azureErrorBody, documentedErrorAnswer, jsonAnswer } from './azure-wire';

const MODES = ['Passive', 'PassiveActive'];
const MIN_IMAGE_BYTES = 1024;
const MAX_IMAGE_BYTES = 6 * 1024 * 1024;

const badRequest = (code: string, message: string): AzureWireAnswer =>
  jsonAnswer(400, azureErrorBody(code, message), { 'x-ms-error-code': code });

async function readRequest(request: Request, route: string): Promise<RecordedAzureRequest | AzureWireAnswer> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const recorded: RecordedAzureRequest = { method: request.method, route, url: new URL(request.url), headers };
  const type = headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    const text = await request.text();
    try {
      recorded.json = JSON.parse(text);
    } catch {
      return badRequest('BadArgument', 'JSON parsing error.');
    }
  } else if (type.startsWith('multipart/form-data')) {
    const form: NonNullable<RecordedAzureRequest['form']> = {};
    for (const [name, value] of await request.formData()) {
      form[name] =
        typeof value === 'string'
          ? value
          : { filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
    }
    recorded.form = form;
  } else if (request.method !== 'GET' && request.method !== 'DELETE') {
    recorded.bytes = new Uint8Array(await request.arrayBuffer());
  }
  return recorded;
}

function toResponse(answer: AzureWireAnswer): Response {
  if (answer.status === 204) return new HttpResponse(null, { status: 204, headers: answer.headers });
  const text = answer.raw ?? JSON.stringify(answer.body);
  return new HttpResponse(text, { status: answer.status, headers: answer.headers });
}

function authError(request: RecordedAzureRequest, fake: AzureFaceFake): AzureWireAnswer | undefined {
  const key = request.headers['ocp-apim-subscription-key'];
  const bearer = /^Bearer \S+$/.test(request.headers.authorization ?? '');
  return key === fake.apiKey || bearer ? undefined : documentedErrorAnswer('Unauthorized');
}

/** Azure's checks on a session's settings (form values arrive as text). */
function sessionSettingsError(fields: Record<string, unknown>): AzureWireAnswer | undefined {
  if (!MODES.includes(String(fields.livenessOperationMode)))
    return badRequest(
      'InvalidLivenessOperationMode',
      'Invalid livenessOperationMode specified. Must be Passive or PassiveActive.',
    );
  const inClient = fields.deviceCorrelationIdSetInClient === true || fields.deviceCorrelationIdSetInClient === 'true';
  const id = fields.deviceCorrelationId;
  if (inClient ? id !== undefined : typeof id !== 'string' || id.length === 0 || id.length > 64)
    return badRequest(
      'InvalidDeviceCorrelationId',
      'A device correlation ID is required in the request body during session create or session start. Must not be null or empty, and be no more than 64 characters.',
    );
  const ttl = fields.authTokenTimeToLiveInSeconds;
  if (ttl !== undefined && !(Number.isInteger(Number(ttl)) && Number(ttl) >= 60 && Number(ttl) <= 86_400))
    return badRequest(
      'InvalidTokenLifetime',
      'Invalid authTokenTimeToLiveInSeconds specified. Must be within 60 to 86400.',
    );
  return undefined;
}

function createError(request: RecordedAzureRequest, kind: 'liveness' | 'verify'): AzureWireAnswer | undefined {
  if (kind === 'liveness') {
    if (!request.json || typeof request.json !== 'object')
      return badRequest('InvalidRequestBody', 'Incorrect request body provided.');
    return sessionSettingsError(request.json as Record<string, unknown>);
  }
  const form = request.form;
  if (!form) return badRequest('InvalidRequestBody', 'Incorrect request body provided.');
  const image = form.verifyImage;
  if (typeof image !== 'object' || !image.filename)
    return badRequest('BadArgument', 'verifyImage is required, with a filename in its Content-Disposition.');
  return sessionSettingsError(form);
}

function detectError(request: RecordedAzureRequest): AzureWireAnswer | undefined {
  if (!request.headers['content-type']?.startsWith('application/octet-stream'))
    return jsonAnswer(415, azureErrorBody('BadArgument', 'Invalid Media Type.'));
  const bytes = request.bytes ?? new Uint8Array(0);
  if (bytes.byteLength < MIN_IMAGE_BYTES) return badRequest('InvalidImageSize', 'Image size is too small.');
  if (bytes.byteLength > MAX_IMAGE_BYTES) return badRequest('InvalidImageSize', 'Image size is too big.');
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  if (!jpeg && !png) return badRequest('InvalidImage', 'Decoding error, image format unsupported.');
  return undefined;
}

function verifyFaceIds(request: RecordedAzureRequest): [string, string] | AzureWireAnswer {
  const body = request.json as { faceId1?: unknown; faceId2?: unknown } | undefined;
  if (typeof body?.faceId1 !== 'string' || typeof body.faceId2 !== 'string')
    return badRequest('BadArgument', 'Face ID is invalid.');
  return [body.faceId1, body.faceId2];
}

/**
 * msw handlers answering like Azure AI Face v1.2 at `<endpoint>/face/v1.2` (and
 * only there: paths of other versions are Azure's 404, recorded as route
 * `(unimplemented version)`):
 * liveness sessions (create JSON / with-verify multipart, get, delete),
 * `/detect` (binary body) and `/verify`, with Azure's key check, request
 * validation and error bodies; any other path is Azure's 404. Every request
 * is recorded on the fake.
 */
export function createAzureHandlers(fake: AzureFaceFake): RequestHandler[] {
  const base = `${fake.endpoint}/face/${fake.apiVersion}`;
  const route =
    (name: string, handle: (request: RecordedAzureRequest, params: Record<string, string>) => FakeReply) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const read = await readRequest(request, name);
      if (!('route' in read)) return toResponse(read);
      fake.record(read);
      const reply =
        authError(read, fake) ??
        handle(read, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
      if (reply === 'hang') {
        await delay('infinite');
        return new HttpResponse(null, { status: 504 });
      }
      return toResponse(reply);
    };
  const sessionRoutes = (kind: 'liveness' | 'verify', path: string) => [
    http.post(
      `${base}${path}`,
      route(path, (r) => createError(r, kind) ?? fake.createSession(kind)),
    ),
    http.get(
      `${base}${path}/:sessionId`,
      route(`${path}/:id`, (_r, p) => fake.getSession(kind, p.sessionId as string)),
    ),
    http.delete(
      `${base}${path}/:sessionId`,
      route(`${path}/:id`, (_r, p) => fake.deleteSession(kind, p.sessionId as string)),
    ),
  ];
  return [
    ...sessionRoutes('liveness', '/detectLiveness-sessions'),
    ...sessionRoutes('verify', '/detectLivenessWithVerify-sessions'),
    http.post(
      `${base}/detect`,
      route('/detect', (r) => detectError(r) ?? fake.detect(r.url.searchParams.get('returnFaceId') === 'true')),
    ),
    http.post(
      `${base}/verify`,
      route('/verify', (r) => {
        const ids = verifyFaceIds(r);
        return Array.isArray(ids) ? fake.verify(ids[0], ids[1]) : ids;
      }),
    ),
    http.all(
      `${fake.endpoint}/face/:version/*`,
      route('(unimplemented version)', () => jsonAnswer(404, azureErrorBody('404', 'Resource not found'))),
    ),
    http.all(
      `${fake.endpoint}/*`,
      route('(unknown)', () => jsonAnswer(404, azureErrorBody('404', 'Resource not found'))),
    ),
  ];
}
