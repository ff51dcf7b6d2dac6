import { createHash, randomUUID } from 'node:crypto';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import {
  AMZ_JSON,
  compareFacesBody,
  deleteFacesBody,
  detectFacesBody,
  errorAnswer,
  faceDetail,
  indexFacesBody,
  jsonAnswer,
  listFacesBody,
  type MalformedVariant,
  malformedAnswer,
  REKOGNITION_OPERATIONS,
  type RekognitionOperation,
  SAMPLE_JPEG_BASE64,
  searchFacesBody,
  sessionResultsBody,
  type WireAnswer,
  type WireImage,
} from './rekognition-wire';

/** Rekognition endpoints in any region (`rekognition.<region>.amazonaws.com`, FIPS too). */
export const REKOGNITION_ENDPOINT = /^https:\/\/rekognition(-fips)?\.([a-z0-9-]+)\.amazonaws\.com\/$/;

/** How a simulated Face Liveness session ends. */
export interface SessionScript {
  status: 'CREATED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'EXPIRED';
  /** Confidence 0–100 (SUCCEEDED only). */
  confidence?: number;
  /** `auto` (default): bytes, or an S3 object when the session was created with OutputConfig; `none`: no reference image. */
  reference?: 'auto' | 'none';
  /** The reference image's bytes when returned as bytes (default: a small grey JPEG). */
  referenceBytes?: Uint8Array;
  /** Feedback codes (SUCCEEDED only). */
  feedback?: string[];
}

/** How the simulated service answers one request. */
export type RekognitionAnswer =
  /** Answer from the simulated state (sessions, collections), as Rekognition would. */
  | { type: 'ok' }
  /** HTTP 200 with this body (wire JSON). */
  | { type: 'json'; body: unknown }
  /** GetFaceLivenessSessionResults: end the session this way, then answer from the state. */
  | { type: 'session'; result: SessionScript }
  /** A documented error (status from `REKOGNITION_ERRORS` unless given). */
  | { type: 'error'; name: string; status?: number; message?: string; headers?: Record<string, string> }
  /** Any HTTP answer. */
  | { type: 'http'; status: number; body?: string; headers?: Record<string, string> }
  /** A malformed HTTP 200. */
  | { type: 'malformed'; variant: MalformedVariant }
  /** Never answer. */
  | { type: 'hang' }
  /** Drop the connection. */
  | { type: 'network_error' };

/** Options for {@link createRekognitionMock}. */
export interface RekognitionMockOptions {
  /** Who is in an image: equal strings are the same person, null means no face (default: SHA-256 of the bytes). */
  identify?: (bytes: Uint8Array) => string | null;
  /** How sessions end when nothing is arranged (default SUCCEEDED, Confidence 98.5, reference image). */
  sessionResult?: SessionScript;
  /** Result reads answered IN_PROGRESS before a session ends (default 0). */
  pendingReads?: number;
  /** Session lifetime in ms (default 180 000, as Rekognition). */
  sessionTtlMs?: number;
  /** Create missing collections on first use instead of answering ResourceNotFoundException (default false). */
  autoCreateCollections?: boolean;
  /** Largest ListFaces page the service serves, whatever MaxResults asks (default: MaxResults). */
  listFacesPageSize?: number;
  /** Similarity (0–100) of two images of the same person (default 99.2). */
  sameSimilarity?: number;
  /** Similarity (0–100) of two different people (default 6.5). */
  differentSimilarity?: number;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/** A request the simulated service received. */
export interface RecordedRequest {
  operation: RekognitionOperation | string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The JSON body. */
  body: Record<string, unknown>;
}

/** A simulated liveness session. */
export interface MockSession {
  readonly id: string;
  readonly createdAt: number;
  readonly settings: Record<string, unknown> | undefined;
  readonly clientRequestToken: string | undefined;
  reads: number;
  script: SessionScript | undefined;
}

/** A face stored in a simulated collection. */
export interface MockFace {
  readonly faceId: string;
  readonly imageId: string;
  readonly externalId: string | undefined;
  readonly identity: string;
}

/** The simulated Rekognition: msw handlers plus control over what they answer. */
export interface RekognitionMock {
  /** msw handlers; add them to a `setupServer` (tests) or `setupWorker`. */
  readonly handlers: HttpHandler[];
  /** Answer the next calls of `operation` with these answers in order; the last one repeats. */
  arrange(operation: RekognitionOperation, ...answers: RekognitionAnswer[]): void;
  /** End a session: later result reads answer with this script. */
  completeSession(sessionId: string, result: SessionScript): void;
  /** Requests received (all operations, in order). */
  readonly requests: readonly RecordedRequest[];
  /** Requests received for one operation. */
  requestsFor(operation: RekognitionOperation): RecordedRequest[];
  /** Requests received, for one operation or all. */
  calls(operation?: RekognitionOperation): number;
  /** Sessions by id. */
  readonly sessions: ReadonlyMap<string, MockSession>;
  /** How long a session lives, in ms. */
  readonly sessionTtlMs: number;
  /** Collections by id: faces by face id. */
  readonly collections: ReadonlyMap<string, ReadonlyMap<string, MockFace>>;
  /** Forget arrangements, requests, sessions and collections. */
  reset(): void;
}

const ACCOUNT = '123456789012';
const MAX_IMAGE_BYTES = 5_242_880;

class WireError extends Error {
  constructor(
    readonly errorName: string,
    message?: string,
  ) {
    super(message ?? errorName);
  }
}

/**
 * A simulated Amazon Rekognition that answers at the wire level exactly as the
 * service does: `POST /` with `X-Amz-Target: RekognitionService.<Operation>`,
 * awsJson1_1 bodies (base64 blobs), `__type` errors with `x-amzn-ErrorType`,
 * request ids in `x-amzn-RequestId`. It keeps sessions and collections, so a
 * whole signup flow runs against it; `arrange` scripts errors, throttling,
 * outages, malformed or hanging answers.
 */
export function createRekognitionMock(options: RekognitionMockOptions = {}): RekognitionMock {
  const now = options.now ?? Date.now;
  const identify =
    options.identify ?? ((bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex') as string | null);
  const ttl = options.sessionTtlMs ?? 180_000;
  const same = options.sameSimilarity ?? 99.2;
  const different = options.differentSimilarity ?? 6.5;
  const defaultResult: SessionScript = options.sessionResult ?? { status: 'SUCCEEDED', confidence: 98.5 };
  const arranged = new Map<string, RekognitionAnswer[]>();
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, MockSession>();
  const tokens = new Map<string, { sessionId: string; fingerprint: string }>();
  const collections = new Map<string, Map<string, MockFace>>();

  function next(operation: string): RekognitionAnswer {
    const queue = arranged.get(operation);
    if (!queue || queue.length === 0) return { type: 'ok' };
    return (queue.length > 1 ? queue.shift() : queue[0]) as RekognitionAnswer;
  }

  // ---- Input helpers: Rekognition's validation, as far as the adapter can trigger it. ----
  const str = (body: Record<string, unknown>, key: string): string => {
    const value = body[key];
    if (typeof value !== 'string' || value.length === 0) throw new WireError('InvalidParameterException');
    return value;
  };
  const image = (body: Record<string, unknown>, key: string): Uint8Array => {
    const value = body[key] as { Bytes?: unknown } | undefined;
    if (!value || typeof value.Bytes !== 'string') throw new WireError('InvalidParameterException');
    const bytes = new Uint8Array(Buffer.from(value.Bytes, 'base64'));
    if (bytes.byteLength === 0) throw new WireError('InvalidParameterException');
    if (bytes.byteLength > MAX_IMAGE_BYTES) throw new WireError('ImageTooLargeException');
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    if (!jpeg && !png) throw new WireError('InvalidImageFormatException');
    return bytes;
  };
  const collection = (body: Record<string, unknown>): Map<string, MockFace> => {
    const id = str(body, 'CollectionId');
    let found = collections.get(id);
    if (!found && options.autoCreateCollections) {
      found = new Map();
      collections.set(id, found);
    }
    if (!found) throw new WireError('ResourceNotFoundException', `The collection id: ${id} does not exist`);
    return found;
  };
  const similarity = (a: string, b: string) => (a === b ? same : different);

  function sessionBody(session: MockSession, script: SessionScript): Record<string, unknown> {
    const output = session.settings?.OutputConfig as { S3Bucket?: string; S3KeyPrefix?: string } | undefined;
    // Object keys are generated by the service; this layout is the simulation's own.
    const stored = (name: string): WireImage =>
      output?.S3Bucket
        ? { s3: { bucket: output.S3Bucket, key: `${output.S3KeyPrefix ?? ''}${session.id}/${name}` } }
        : { bytes: SAMPLE_JPEG_BASE64 };
    const limit = Math.max(0, Math.min(4, Number(session.settings?.AuditImagesLimit ?? 0)));
    return sessionResultsBody({
      sessionId: session.id,
      status: script.status,
      confidence: script.confidence,
      reference:
        script.reference === 'none'
          ? null
          : script.referenceBytes && !output?.S3Bucket
            ? { bytes: Buffer.from(script.referenceBytes).toString('base64') }
            : stored('reference.jpg'),
      audits: Array.from({ length: limit }, (_, i) => stored(`audit_${i + 1}.jpg`)),
      feedback: script.feedback,
    });
  }

  /** The state-based answer body of one operation. */
  function answerFromState(
    operation: RekognitionOperation,
    body: Record<string, unknown>,
    region: string,
    answer: RekognitionAnswer,
  ): Record<string, unknown> {
    switch (operation) {
      case 'CreateFaceLivenessSession': {
        const token = typeof body.ClientRequestToken === 'string' ? body.ClientRequestToken : undefined;
        const { ClientRequestToken: _t, ...rest } = body;
        const fingerprint = JSON.stringify(rest);
        if (token) {
          const earlier = tokens.get(token);
          if (earlier && earlier.fingerprint !== fingerprint)
            throw new WireError('IdempotentParameterMismatchException');
          if (earlier) return { SessionId: earlier.sessionId };
        }
        const session: MockSession = {
          id: randomUUID(),
          createdAt: now(),
          settings: body.Settings as Record<string, unknown> | undefined,
          clientRequestToken: token,
          reads: 0,
          script: undefined,
        };
        sessions.set(session.id, session);
        if (token) tokens.set(token, { sessionId: session.id, fingerprint });
        return { SessionId: session.id };
      }
      case 'GetFaceLivenessSessionResults': {
        const id = str(body, 'SessionId');
        const session = sessions.get(id);
        if (!session) throw new WireError('SessionNotFoundException', `Session ${id} not found.`);
        if (answer.type === 'session') session.script = answer.result;
        if (now() - session.createdAt > ttl) return sessionBody(session, { status: 'EXPIRED' });
        session.reads += 1;
        let script = session.script;
        if (!script) script = session.reads <= (options.pendingReads ?? 0) ? { status: 'IN_PROGRESS' } : defaultResult;
        if (script.status === 'SUCCEEDED' || script.status === 'FAILED') session.script = script;
        return sessionBody(session, script);
      }
      case 'CompareFaces': {
        const source = identify(image(body, 'SourceImage'));
        const target = identify(image(body, 'TargetImage'));
        if (source === null || target === null) throw new WireError('InvalidParameterException');
        const threshold = typeof body.SimilarityThreshold === 'number' ? body.SimilarityThreshold : 80;
        const score = similarity(source, target);
        return score >= threshold ? compareFacesBody([score]) : compareFacesBody([], 1);
      }
      case 'DetectFaces': {
        const who = identify(image(body, 'Image'));
        const attributes = Array.isArray(body.Attributes) ? (body.Attributes as string[]) : ['DEFAULT'];
        const eyes = attributes.includes('ALL') || attributes.includes('EYES_OPEN');
        return detectFacesBody(
          who === null ? [] : [faceDetail(eyes ? { eyesOpen: { value: true, confidence: 98.7 } } : {})],
        );
      }
      case 'CreateCollection': {
        const id = str(body, 'CollectionId');
        if (!/^[a-zA-Z0-9_.-]{1,255}$/.test(id)) throw new WireError('InvalidParameterException');
        if (collections.has(id))
          throw new WireError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
        collections.set(id, new Map());
        return {
          StatusCode: 200,
          CollectionArn: `aws:rekognition:${region}:${ACCOUNT}:collection/${id}`,
          FaceModelVersion: '7.0',
        };
      }
      case 'IndexFaces': {
        const faces = collection(body);
        const who = identify(image(body, 'Image'));
        const externalId = typeof body.ExternalImageId === 'string' ? body.ExternalImageId : undefined;
        if (externalId !== undefined && !/^[a-zA-Z0-9_.:-]{1,255}$/.test(externalId))
          throw new WireError('InvalidParameterException');
        if (who === null) return indexFacesBody([]);
        // The same image under the same external id is not stored twice.
        const existing = [...faces.values()].find((f) => f.identity === who && f.externalId === externalId);
        const face = existing ?? { faceId: randomUUID(), imageId: randomUUID(), externalId, identity: who };
        faces.set(face.faceId, face);
        return indexFacesBody([{ faceId: face.faceId, externalId: externalId ?? '', imageId: face.imageId }]);
      }
      case 'SearchFacesByImage': {
        const faces = collection(body);
        const who = identify(image(body, 'Image'));
        if (who === null) throw new WireError('InvalidParameterException');
        const threshold = typeof body.FaceMatchThreshold === 'number' ? body.FaceMatchThreshold : 80;
        const max = typeof body.MaxFaces === 'number' ? body.MaxFaces : 4096;
        const matches = [...faces.values()]
          .map((f) => ({ faceId: f.faceId, externalId: f.externalId, similarity: similarity(who, f.identity) }))
          .filter((m) => m.similarity >= threshold)
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, max);
        return searchFacesBody(matches);
      }
      case 'ListFaces': {
        const faces = [...collection(body).values()];
        const asked = typeof body.MaxResults === 'number' ? body.MaxResults : 1000;
        const size = Math.max(1, Math.min(asked, options.listFacesPageSize ?? asked));
        let start = 0;
        if (body.NextToken !== undefined) {
          const match = /^page-(\d+)$/.exec(String(body.NextToken));
          if (!match) throw new WireError('InvalidPaginationTokenException');
          start = Number(match[1]);
        }
        const page = faces.slice(start, start + size);
        const more = start + size < faces.length;
        return listFacesBody(page, more ? `page-${start + size}` : undefined);
      }
      case 'DeleteFaces': {
        const faces = collection(body);
        const ids = body.FaceIds;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 4096)
          throw new WireError('InvalidParameterException');
        const deleted: string[] = [];
        const missing: string[] = [];
        for (const id of ids as string[]) (faces.delete(id) ? deleted : missing).push(id);
        return deleteFacesBody(deleted, missing);
      }
    }
  }

  function toResponse(answer: WireAnswer): Response {
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  }

  const handler = http.post(REKOGNITION_ENDPOINT, async ({ request }) => {
    const requestId = randomUUID();
    const headers = Object.fromEntries([...request.headers.entries()].map(([k, v]) => [k.toLowerCase(), v]));
    const region = REKOGNITION_ENDPOINT.exec(request.url)?.[2] ?? 'us-east-1';
    const target = headers['x-amz-target'] ?? '';
    const operation = target.startsWith('RekognitionService.') ? target.slice('RekognitionService.'.length) : target;
    const text = await request.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // Recorded as empty; answered below.
    }
    requests.push({ operation, headers, body });
    if (!(REKOGNITION_OPERATIONS as readonly string[]).includes(operation))
      return toResponse(errorAnswer('UnknownOperationException', requestId));
    if (!headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=') || !headers['x-amz-date'])
      return toResponse(errorAnswer('MissingAuthenticationTokenException', requestId));
    if (headers['content-type'] !== AMZ_JSON)
      return toResponse(errorAnswer('UnknownOperationException', requestId, { message: 'Unsupported content type' }));
    const op = operation as RekognitionOperation;
    const answer = next(op);
    const fromState = (): WireAnswer => {
      try {
        return jsonAnswer(answerFromState(op, body, region, answer), requestId);
      } catch (error) {
        if (error instanceof WireError) return errorAnswer(error.errorName, requestId, { message: error.message });
        throw error;
      }
    };
    switch (answer.type) {
      case 'ok':
      case 'session':
        return toResponse(fromState());
      case 'json':
        return toResponse(jsonAnswer(answer.body, requestId));
      case 'error':
        return toResponse(
          errorAnswer(answer.name, requestId, {
            status: answer.status,
            message: answer.message,
            headers: answer.headers,
          }),
        );
      case 'http':
        return new HttpResponse(answer.body ?? '', {
          status: answer.status,
          headers: { 'x-amzn-requestid': requestId, ...answer.headers },
        });
      case 'malformed':
        return toResponse(malformedAnswer(answer.variant, fromState()));
      case 'hang':
        await delay('infinite');
        return toResponse(fromState());
      case 'network_error':
        return HttpResponse.error();
    }
  });

  return {
    handlers: [handler],
    arrange(operation, ...answers) {
      arranged.set(operation, [...answers]);
    },
    completeSession(sessionId, result) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`rekognition mock: no session ${sessionId}`);
      session.script = result;
    },
    requests,
    requestsFor(operation) {
      return requests.filter((r) => r.operation === operation);
    },
    calls(operation) {
      return operation ? requests.filter((r) => r.operation === operation).length : requests.length;
    },
    sessions,
    sessionTtlMs: ttl,
    collections,
    reset() {
      arranged.clear();
      requests.length = 0;
      sessions.clear();
      tokens.clear();
      collections.clear();
    },
  };
}
