import type { MalformedVariant, MockOutcome } from '@facegate/core/testing';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { DECENTRO_FACE_MATCH_PATH } from '../decentro-face-match';
import { DECENTRO_LIVENESS_PATHS } from '../decentro-liveness';
import { CONSENT_PURPOSE_LENGTH, DECENTRO_STAGING_URL } from '../decentro-settings';
import {
  DECENTRO_WIRE_ERRORS,
  type DecentroWireError,
  faceMatchBody,
  failureBody,
  passiveLivenessBody,
  videoLivenessBody,
} from './decentro-wire';

/** The simulated Decentro operations. */
export type DecentroMockOperation = 'liveness.image' | 'liveness.video' | 'match';

/** Answer exactly this (for string-typed numbers, odd values, custom failures). */
export interface DecentroAnswerOutcome {
  type: 'answer';
  /** HTTP status (default 200). */
  status?: number;
  /** An object is sent as JSON; a string as is. */
  body: unknown;
  headers?: Record<string, string>;
}

/** A success, with Decentro's review flag for image liveness. */
export interface DecentroSuccessOutcome {
  type: 'success';
  /** On our 0..1 scale; written in Decentro's units (default 0.97). */
  score?: number;
  /** Image liveness only (`live: yes/no`); default from the score. Decentro has no inconclusive label. */
  verdict?: 'live' | 'spoof' | 'inconclusive';
  /** Image liveness only: `needToReview` (default no). */
  needToReview?: boolean;
}

/** How the simulated Decentro answers one call. */
export type DecentroOutcome = MockOutcome | DecentroSuccessOutcome | DecentroAnswerOutcome;

/** A file part of a recorded multipart request. */
export interface RecordedFile {
  filename: string;
  type: string;
  size: number;
  /** Whether the file carries a camera's make/model tag (what Decentro's metadata check looks for). */
  cameraMetadata: boolean;
}

// Camera make tags as phone camera apps write them into MP4/MOV: QuickTime's
// `com.apple.quicktime.make`, the classic `©mak` atom, Android's manufacturer key.
const CAMERA_MAKE_TAGS = ['com.apple.quicktime.make', '\u00a9mak', 'com.android.manufacturer'].map((tag) =>
  Buffer.from(tag, 'latin1'),
);

/** True when a video file names the camera that recorded it; a MediaRecorder clip never does. */
export function hasCameraMetadata(bytes: Uint8Array): boolean {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return CAMERA_MAKE_TAGS.some((tag) => data.includes(tag));
}

/** What the simulated Decentro received. */
export interface RecordedDecentroRequest {
  operation: DecentroMockOperation;
  path: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** The JSON body (v3 image liveness). */
  json?: Record<string, unknown>;
  /** The multipart fields (v2 endpoints). */
  form?: Record<string, string | RecordedFile>;
}

/** Options for {@link createDecentroMock}. */
export interface DecentroMockOptions {
  /** Base URL to answer on (default: staging). */
  baseUrl?: string;
  /** When set, other credentials are refused like Decentro does (401 `error_unauthorized_module`). */
  credentials?: { clientId: string; clientSecret: string; moduleSecret: string };
}

/** A simulated Decentro: msw handlers plus a script and a record of requests. */
export interface DecentroMock {
  /** The msw handlers to pass to `setupServer` (or `server.use`). */
  readonly handlers: HttpHandler[];
  /** Answer the next calls of `operation` with these outcomes; the last one repeats until `reset`. */
  arrange(operation: DecentroMockOperation, ...outcomes: DecentroOutcome[]): void;
  /** Forget arrangements, requests and seen reference ids. */
  reset(): void;
  /** Requests received since the last reset, in order. */
  readonly requests: readonly RecordedDecentroRequest[];
}

interface Endpoint {
  operation: DecentroMockOperation;
  path: string;
  /** Name of the purpose field on this endpoint. */
  purposeField: 'purpose' | 'consent_purpose';
  /** How this endpoint's documentation sends consent. */
  consentValues: readonly unknown[];
  fileFields: readonly string[];
}

const ENDPOINTS: Endpoint[] = [
  {
    operation: 'liveness.image',
    path: DECENTRO_LIVENESS_PATHS.imageV3,
    purposeField: 'purpose',
    consentValues: [true],
    fileFields: ['image'],
  },
  {
    operation: 'liveness.image',
    path: DECENTRO_LIVENESS_PATHS.imageV2,
    purposeField: 'purpose',
    consentValues: ['true'],
    fileFields: ['image'],
  },
  {
    operation: 'liveness.video',
    path: DECENTRO_LIVENESS_PATHS.video,
    purposeField: 'consent_purpose',
    consentValues: ['true'],
    fileFields: ['video'],
  },
  {
    operation: 'match',
    path: DECENTRO_FACE_MATCH_PATH,
    purposeField: 'consent_purpose',
    consentValues: ['Y'],
    fileFields: ['image1', 'image2'],
  },
];

const DEFAULT_SCORE = 0.97;

/** Decentro's OpenAPI: face match `threshold` is an integer percent; its docs give 70 (default) to 95. */
function isThresholdPercent(value: unknown): boolean {
  return typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= 70 && Number(value) <= 95;
}

function formatUnit(score: number): string {
  // Decentro writes "1.0" rather than "1".
  return Number.isInteger(score) ? score.toFixed(1) : String(score);
}

function successBody(operation: DecentroMockOperation, outcome: DecentroSuccessOutcome): Record<string, unknown> {
  const score = outcome.score ?? DEFAULT_SCORE;
  if (operation === 'liveness.video') return videoLivenessBody({ confidence: formatUnit(score) });
  if (operation === 'match') return faceMatchBody({ match: `${(score * 100).toFixed(2)}%` });
  const verdict = outcome.verdict ?? (score >= 0.5 ? 'live' : 'spoof');
  if (verdict === 'inconclusive') throw new Error('Decentro has no inconclusive liveness label');
  return passiveLivenessBody({
    live: verdict === 'live' ? 'yes' : 'no',
    livenessScore: String(Number((score * 100).toFixed(2))),
    needToReview: outcome.needToReview ? 'yes' : 'no',
  });
}

function malformed(variant: MalformedVariant, good: Record<string, unknown>): Response {
  switch (variant) {
    case 'not_json':
      return new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      });
    case 'truncated': {
      const text = JSON.stringify(good);
      return new HttpResponse(text.slice(0, Math.floor(text.length / 2)), {
        headers: { 'content-type': 'application/json' },
      });
    }
    case 'wrong_schema':
      return HttpResponse.json({ result: 'ok', data: [1, 2, 3] });
    case 'empty_body':
      return new HttpResponse('', { headers: { 'content-type': 'application/json' } });
  }
}

function wireError(name: string): Response {
  const known = (DECENTRO_WIRE_ERRORS as Record<string, DecentroWireError | undefined>)[name];
  if (!known) throw new Error(`the Decentro mock has no documented error '${name}'`);
  return HttpResponse.json(known.body(), { status: known.status });
}

function validation(message: string, responseKey?: string): Response {
  return HttpResponse.json(failureBody({ responseCode: 'E00009', message, responseKey }), { status: 400 });
}

async function answer(operation: DecentroMockOperation, outcome: DecentroOutcome | undefined): Promise<Response> {
  if (!outcome) return HttpResponse.json(successBody(operation, { type: 'success' }));
  switch (outcome.type) {
    case 'success':
      return HttpResponse.json(successBody(operation, outcome));
    case 'answer': {
      const init = { status: outcome.status ?? 200, headers: outcome.headers };
      return typeof outcome.body === 'string'
        ? new HttpResponse(outcome.body, init)
        : HttpResponse.json(outcome.body as Record<string, unknown>, init);
    }
    case 'documented_error':
      return wireError(outcome.name);
    case 'rate_limited':
      // ASSUMED: Decentro's gateway (Kong, judging by its RateLimit-* headers) answers 429 like this.
      return HttpResponse.json(
        { message: 'API rate limit exceeded' },
        {
          status: 429,
          headers: {
            'retry-after': String(outcome.retryAfterSeconds),
            'ratelimit-reset': String(outcome.retryAfterSeconds),
            'x-ratelimit-remaining-minute': '0',
          },
        },
      );
    case 'server_error':
      return outcome.status === 500
        ? wireError('error_decentro_error')
        : new HttpResponse(`<html><body><h1>${outcome.status} Service Temporarily Unavailable</h1></body></html>`, {
            status: outcome.status,
            headers: { 'content-type': 'text/html' },
          });
    case 'hang':
      await delay('infinite');
      throw new Error('unreachable');
    case 'malformed':
      return malformed(outcome.variant, successBody(operation, { type: 'success' }));
    case 'pending':
      throw new Error('Decentro media liveness and face match have no pending state');
  }
}

async function readBody(request: Request): Promise<Pick<RecordedDecentroRequest, 'json' | 'form'>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const json: unknown = await request.json().catch(() => undefined);
    return { json: json && typeof json === 'object' ? (json as Record<string, unknown>) : {} };
  }
  if (type.includes('multipart/form-data')) {
    const form: Record<string, string | RecordedFile> = {};
    for (const [name, value] of await request.formData()) {
      form[name] =
        typeof value === 'string'
          ? value
          : {
              filename: value.name,
              type: value.type,
              size: value.size,
              cameraMetadata: hasCameraMetadata(new Uint8Array(await value.arrayBuffer())),
            };
    }
    return { form };
  }
  return {};
}

/**
 * Simulate Decentro at the HTTP level. Like Decentro, it checks the auth
 * headers, `reference_id` (present and never reused), consent, the purpose
 * length (20–50), the file fields, a video's camera metadata (unless
 * `skip_metadata_validation` is `true`) and the face match threshold
 * (integer percent) before answering with the arranged
 * outcome (default: a success).
 */
export function createDecentroMock(options: DecentroMockOptions = {}): DecentroMock {
  const base = (options.baseUrl ?? DECENTRO_STAGING_URL).replace(/\/+$/, '');
  const arranged = new Map<DecentroMockOperation, DecentroOutcome[]>();
  const requests: RecordedDecentroRequest[] = [];
  const seenReferenceIds = new Set<string>();

  function next(operation: DecentroMockOperation): DecentroOutcome | undefined {
    const queue = arranged.get(operation);
    if (!queue || queue.length === 0) return undefined;
    return queue.length > 1 ? queue.shift() : queue[0];
  }

  function authorized(headers: Record<string, string>): boolean {
    const c = options.credentials;
    if (!c) return Boolean(headers.client_id && headers.client_secret && headers.module_secret);
    return (
      headers.client_id === c.clientId &&
      headers.client_secret === c.clientSecret &&
      headers.module_secret === c.moduleSecret
    );
  }

  function refusal(endpoint: Endpoint, record: RecordedDecentroRequest): Response | undefined {
    if (!authorized(record.headers)) return wireError('error_unauthorized_module');
    const fields: Record<string, unknown> = record.json ?? record.form ?? {};
    const referenceId = fields.reference_id;
    if (typeof referenceId !== 'string' || referenceId.trim() === '') {
      return validation('Request reference ID cannot be null or empty. Hint: reference_id (string)');
    }
    if (seenReferenceIds.has(referenceId)) return wireError('error_duplicate_reference_id');
    seenReferenceIds.add(referenceId);
    if (!endpoint.consentValues.includes(fields.consent)) {
      return validation('Consent cannot be null or empty. Hint: consent (boolean)');
    }
    const purpose = fields[endpoint.purposeField];
    if (typeof purpose !== 'string' || purpose.length < CONSENT_PURPOSE_LENGTH.min) {
      return validation('Purpose should be at least 20 characters in length.', 'error_short_purpose_length');
    }
    if (purpose.length > CONSENT_PURPOSE_LENGTH.max) {
      return validation('Purpose can be at most 50 characters in length.', 'error_long_purpose_length');
    }
    const missingFile = endpoint.fileFields.some((name) => {
      const value = fields[name];
      return record.json ? typeof value !== 'string' || value === '' : typeof value !== 'object';
    });
    if (missingFile) return validation('Pass either an Image or Image URL, both can not be null.');
    const video = fields.video;
    if (
      typeof video === 'object' &&
      !(video as RecordedFile).cameraMetadata &&
      fields.skip_metadata_validation !== 'true'
    ) {
      // ASSUMED: the answer's shape; Decentro documents only that such files are rejected.
      return HttpResponse.json(
        failureBody({ responseCode: 'E00016', message: 'Camera metadata is missing from the video file.' }),
        { status: 400 },
      );
    }
    if (endpoint.operation === 'match' && fields.threshold !== undefined && !isThresholdPercent(fields.threshold)) {
      return validation('Threshold should be an integer between 70 and 95.');
    }
    return undefined;
  }

  const handlers = ENDPOINTS.map((endpoint) =>
    http.post(`${base}${endpoint.path}`, async ({ request }) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const record: RecordedDecentroRequest = {
        operation: endpoint.operation,
        path: endpoint.path,
        headers,
        ...(await readBody(request)),
      };
      requests.push(record);
      return refusal(endpoint, record) ?? answer(endpoint.operation, next(endpoint.operation));
    }),
  );

  return {
    handlers,
    arrange(operation, ...outcomes) {
      arranged.set(operation, [...outcomes]);
    },
    reset() {
      arranged.clear();
      requests.length = 0;
      seenReferenceIds.clear();
    },
    get requests() {
      return requests;
    },
  };
}
