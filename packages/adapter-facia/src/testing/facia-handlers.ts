import { delay, type HttpHandler, HttpResponse, http } from 'msw';

/** A base URL for tests; nothing listens there, msw answers. */
export const FACIA_TEST_BASE_URL = 'http://facia.test:5001';

/** The documented error bodies of `process_face`, by a name of ours. */
export const FACIA_ERROR_NAMES = [
  'InvalidCredentials',
  'CorruptSelfieImage',
  'CorruptDocumentImage',
  'MissingImage',
  'RequestLimitReached',
] as const;
/** One documented Facia error. */
export type FaciaErrorName = (typeof FACIA_ERROR_NAMES)[number];

/**
 * The documented error bodies, and the HTTP status the mock sends with each.
 * The bodies are Facia's; the statuses are NOT documented and are our
 * assumption (the adapter maps these bodies whatever the status).
 */
export const FACIA_ERROR_ANSWERS: Readonly<Record<FaciaErrorName, { status: number; body: Record<string, string> }>> = {
  InvalidCredentials: { status: 401, body: { message: 'Invalid credentials' } },
  CorruptSelfieImage: {
    status: 400,
    body: { error: 'Invalid or corrupt selfie image. Images must be in PNG, JPG, or JPEG format' },
  },
  CorruptDocumentImage: {
    status: 400,
    body: { error: 'Invalid or corrupt document image. Images must be in PNG, JPG, or JPEG format' },
  },
  MissingImage: { status: 400, body: { error: 'Both selfie_image and document_image are required' } },
  RequestLimitReached: { status: 403, body: { message: 'Your request limit has been reached.' } },
};

/** How the mocked `POST /process_face` answers one call. */
export type FaciaProcessFaceStep =
  /** A 201 result. Fields left undefined take the vendor's "live and matching" example; any other value (also null) is sent as is. */
  | {
      type: 'result';
      isLive?: unknown;
      livenessScore?: unknown;
      isMatch?: unknown;
      similarityScore?: unknown;
      /** Default "Success"; `null` leaves the field out. */
      message?: string | null;
      /** Default 201. */
      status?: number;
    }
  /** A documented error body, with the mock's assumed status unless `status` is given. */
  | { type: 'documented_error'; name: FaciaErrorName; status?: number }
  /** Any status with any body (default: none), e.g. 429 with Retry-After, 500, 503. */
  | { type: 'status'; status: number; body?: string; contentType?: string; retryAfter?: string }
  /** A 201 whose body cannot be trusted. */
  | { type: 'malformed'; variant: 'not_json' | 'truncated' | 'wrong_schema' | 'empty_body' }
  /** Never answers. */
  | { type: 'hang' }
  /** The connection fails without an HTTP answer. */
  | { type: 'network_error' };

/** How the mocked `GET /status_check` answers one probe. */
export type FaciaStatusCheckStep =
  /** "Service is live", as a JSON string (default) or plain text. */
  | { type: 'live'; encoding?: 'json' | 'text' }
  /** 200 with another text (default: a JSON string saying it is starting). */
  | { type: 'warming_up'; body?: string }
  /** Any status, e.g. 502 from a proxy in front of a stopped container. */
  | { type: 'status'; status: number; body?: string }
  | { type: 'network_error' }
  | { type: 'hang' };

/** A `process_face` request as the mock received it. */
export interface ReceivedProcessFace {
  readonly contentType: string | null;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
}

/** Control over the mocked Facia server. */
export interface FaciaServerScript {
  /** Answer the next `process_face` calls with these steps in order; the last repeats until `reset`. */
  arrangeProcessFace(...steps: FaciaProcessFaceStep[]): void;
  /** Answer the next `status_check` probes with these steps in order; the last repeats until `reset`. */
  arrangeStatusCheck(...steps: FaciaStatusCheckStep[]): void;
  /** Forget arrangements and recorded requests. */
  reset(): void;
  /** `process_face` requests received since the last reset. */
  readonly processFaceRequests: readonly ReceivedProcessFace[];
  /** `status_check` probes received since the last reset. */
  readonly statusCheckCount: number;
}

/** Options for {@link createFaciaHandlers}. */
export interface FaciaHandlersOptions {
  /** Where the mocked server lives (default {@link FACIA_TEST_BASE_URL}). */
  baseUrl?: string;
  /** When set, unarranged calls with another `hash_id` get the "Invalid credentials" answer, like the real server. */
  hashId?: string;
}

/** The vendor's example answer for a live face that matches (seed case 3). */
export const FACIA_EXAMPLE_RESULT = {
  face_similarity_result: { is_match: 1, similarity_score: 0.9876343 },
  liveness_result: { is_live: 1, liveness_score: 0.98765 },
  message: 'Success',
} as const;

const DATA_URL = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/]+={0,2})$/;

function takeStep<T>(queue: T[]): T | undefined {
  return queue.length > 1 ? queue.shift() : queue[0];
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

const orDefault = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);

function resultBody(step: Extract<FaciaProcessFaceStep, { type: 'result' }>): Record<string, unknown> {
  const example = FACIA_EXAMPLE_RESULT;
  const body: Record<string, unknown> = {
    face_similarity_result: {
      is_match: orDefault(step.isMatch, example.face_similarity_result.is_match),
      similarity_score: orDefault(step.similarityScore, example.face_similarity_result.similarity_score),
    },
    liveness_result: {
      is_live: orDefault(step.isLive, example.liveness_result.is_live),
      liveness_score: orDefault(step.livenessScore, example.liveness_result.liveness_score),
    },
  };
  if (step.message !== null) body.message = step.message ?? 'Success';
  return body;
}

function errorAnswer(name: FaciaErrorName, status?: number): Response {
  const known = FACIA_ERROR_ANSWERS[name];
  return json(known.body, status ?? known.status);
}

/** What the real server does with a request when nothing is arranged: check it, then answer example 3. */
function validate(body: unknown, hashId: string | undefined): Response {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (hashId !== undefined && fields.hash_id !== hashId) return errorAnswer('InvalidCredentials');
  if (!fields.selfie_image || !fields.document_image) return errorAnswer('MissingImage');
  if (typeof fields.selfie_image !== 'string' || !DATA_URL.test(fields.selfie_image))
    return errorAnswer('CorruptSelfieImage');
  if (typeof fields.document_image !== 'string' || !DATA_URL.test(fields.document_image))
    return errorAnswer('CorruptDocumentImage');
  return json(FACIA_EXAMPLE_RESULT, 201);
}

function processFaceAnswer(step: FaciaProcessFaceStep): Response | Promise<Response> {
  switch (step.type) {
    case 'result':
      return json(resultBody(step), step.status ?? 201);
    case 'documented_error':
      return errorAnswer(step.name, step.status);
    case 'status': {
      const headers: Record<string, string> = { 'Content-Type': step.contentType ?? 'text/plain' };
      if (step.retryAfter !== undefined) headers['Retry-After'] = step.retryAfter;
      return new Response(step.body ?? null, { status: step.status, headers });
    }
    case 'malformed': {
      const good = JSON.stringify(FACIA_EXAMPLE_RESULT);
      if (step.variant === 'not_json')
        return new Response('<html><body>Bad gateway</body></html>', {
          status: 201,
          headers: { 'Content-Type': 'text/html' },
        });
      if (step.variant === 'truncated')
        return new Response(good.slice(0, Math.floor(good.length / 2)), {
          status: 201,
          headers: { 'Content-Type': 'application/json' },
        });
      if (step.variant === 'wrong_schema') return json({ result: 'ok', data: [1, 2, 3] }, 201);
      return new Response('', { status: 201, headers: { 'Content-Type': 'application/json' } });
    }
    case 'hang':
      return delay('infinite').then(() => new Response(null, { status: 504 }));
    case 'network_error':
      return HttpResponse.error();
  }
}

function statusCheckAnswer(step: FaciaStatusCheckStep): Response | Promise<Response> {
  switch (step.type) {
    case 'live':
      return step.encoding === 'text'
        ? new Response('Service is live', { status: 200, headers: { 'Content-Type': 'text/plain' } })
        : json('Service is live', 200);
    case 'warming_up':
      return step.body === undefined
        ? json('Service is starting', 200)
        : new Response(step.body, { status: 200, headers: { 'Content-Type': 'text/plain' } });
    case 'status':
      return new Response(step.body ?? null, { status: step.status, headers: { 'Content-Type': 'text/plain' } });
    case 'network_error':
      return HttpResponse.error();
    case 'hang':
      return delay('infinite').then(() => new Response(null, { status: 504 }));
  }
}

/**
 * msw handlers answering exactly as a self-hosted Facia server does: `GET
 * /status_check` and `POST /process_face` (JSON body with `hash_id`,
 * `selfie_image`, `document_image` data URLs), with a script for every
 * documented answer, failure statuses, malformed bodies, hangs and a server
 * still warming up.
 */
export function createFaciaHandlers(options: FaciaHandlersOptions = {}): {
  handlers: HttpHandler[];
  script: FaciaServerScript;
} {
  const baseUrl = (options.baseUrl ?? FACIA_TEST_BASE_URL).replace(/\/+$/, '');
  let processFaceSteps: FaciaProcessFaceStep[] = [];
  let statusCheckSteps: FaciaStatusCheckStep[] = [];
  const received: ReceivedProcessFace[] = [];
  let probes = 0;

  const script: FaciaServerScript = {
    arrangeProcessFace(...steps) {
      processFaceSteps = [...steps];
    },
    arrangeStatusCheck(...steps) {
      statusCheckSteps = [...steps];
    },
    reset() {
      processFaceSteps = [];
      statusCheckSteps = [];
      received.length = 0;
      probes = 0;
    },
    get processFaceRequests() {
      return received;
    },
    get statusCheckCount() {
      return probes;
    },
  };

  const handlers: HttpHandler[] = [
    http.get(`${baseUrl}/status_check`, () => {
      probes += 1;
      return statusCheckAnswer(takeStep(statusCheckSteps) ?? { type: 'live' });
    }),
    http.post(`${baseUrl}/process_face`, async ({ request }) => {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as text; the real server would not read it either.
      }
      received.push({ contentType: request.headers.get('content-type'), body });
      const step = takeStep(processFaceSteps);
      return step ? processFaceAnswer(step) : validate(body, options.hashId);
    }),
  ];
  return { handlers, script };
}
