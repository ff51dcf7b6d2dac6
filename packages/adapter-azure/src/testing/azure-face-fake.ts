import { randomUUID } from 'node:crypto';
import type { ConformanceOperation, MockOutcome } from '@facegate/core/testing';
import {
  type AzureLivenessDecision,
  type AzureWireAnswer,
  azureAttempt,
  azureDetectedFace,
  azureErrorBody,
  azureSessionBody,
  azureVerifyReference,
  documentedErrorAnswer,
  jsonAnswer,
  malformedAzureAnswer,
} from './azure-wire';

/** One request the fake received, for assertions. */
export interface RecordedAzureRequest {
  method: string;
  /** The path after `/face/<version>`, e.g. `/detect`. */
  route: string;
  url: URL;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** JSON body, for JSON requests. */
  json?: unknown;
  /** Raw body, for `application/octet-stream` requests. */
  bytes?: Uint8Array;
  /** Multipart fields: text values, and files with their name, type and bytes. */
  form?: Record<string, string | { filename: string; type: string; bytes: Uint8Array }>;
}

/** Where the fake's answer comes from: a wire answer, or never (`hang`). */
export type FakeReply = AzureWireAnswer | 'hang';

/** Options for {@link createAzureFaceFake}. */
export interface AzureFaceFakeOptions {
  /** Resource endpoint the fake answers on (default `https://facegate-test.cognitiveservices.azure.com`). */
  endpoint?: string;
  /** The key it accepts in `Ocp-Apim-Subscription-Key` (any `Authorization: Bearer` token is accepted too). */
  apiKey?: string;
}

/**
 * The one API version the fake serves, the one the adapter implements. Paths
 * of any other version get Azure's 404, so a test cannot pass against a
 * version the adapter does not speak.
 */
export const AZURE_FAKE_API_VERSION = 'v1.2';

/** A scriptable in-memory Azure Face service behind the msw handlers. */
export interface AzureFaceFake {
  readonly endpoint: string;
  readonly apiKey: string;
  /** Always {@link AZURE_FAKE_API_VERSION}. */
  readonly apiVersion: typeof AZURE_FAKE_API_VERSION;
  /** Answer the next calls of an operation with these outcomes; the last one repeats. */
  arrange(operation: ConformanceOperation, ...outcomes: MockOutcome[]): void;
  /** Forget arrangements, counts, sessions and recorded requests. */
  reset(): void;
  /** Operation attempts received: session creates, result reads and comparisons (deletes are not counted). */
  calls(operation?: ConformanceOperation): number;
  /** Requests received, optionally only one method + route (e.g. `DELETE`, `/detectLiveness-sessions/:id`). */
  requests(filter?: { method?: string; route?: string | RegExp }): RecordedAzureRequest[];
  /** Record a request (called by the handlers). */
  record(request: RecordedAzureRequest): void;
  /** `POST /detectLiveness-sessions` and `/detectLivenessWithVerify-sessions`. */
  createSession(kind: 'liveness' | 'verify'): FakeReply;
  /** `GET` a session. */
  getSession(kind: 'liveness' | 'verify', sessionId: string): FakeReply;
  /** `DELETE` a session. */
  deleteSession(kind: 'liveness' | 'verify', sessionId: string): FakeReply;
  /** `POST /detect` (the image size is checked by the handler). */
  detect(returnFaceId: boolean): FakeReply;
  /** `POST /verify`. */
  verify(faceId1: string, faceId2: string): FakeReply;
}

const DECISION: Record<'live' | 'spoof' | 'inconclusive', AzureLivenessDecision> = {
  live: 'realface',
  spoof: 'spoofface',
  inconclusive: 'uncertain',
};

/** The answer for a failure outcome, or undefined for success-like ones. */
function failureReply(outcome: MockOutcome, good: () => unknown): FakeReply | undefined {
  switch (outcome.type) {
    case 'documented_error':
      return documentedErrorAnswer(outcome.name as Parameters<typeof documentedErrorAnswer>[0]);
    case 'rate_limited':
      return jsonAnswer(
        429,
        azureErrorBody('429', `Rate limit is exceeded. Try again in ${outcome.retryAfterSeconds} seconds.`),
        { 'retry-after': String(outcome.retryAfterSeconds) },
      );
    case 'server_error':
      return jsonAnswer(
        outcome.status,
        azureErrorBody(
          outcome.status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
          'The service failed; try again later.',
        ),
      );
    case 'hang':
      return 'hang';
    case 'malformed':
      return malformedAzureAnswer(outcome.variant, good());
    default:
      return undefined;
  }
}

/** Create the fake service. */
export function createAzureFaceFake(options: AzureFaceFakeOptions = {}): AzureFaceFake {
  const arranged = new Map<ConformanceOperation, MockOutcome[]>();
  const counts = new Map<ConformanceOperation, number>();
  const sessions = new Map<string, { kind: 'liveness' | 'verify' }>();
  const faceIds = new Set<string>();
  const recorded: RecordedAzureRequest[] = [];
  // A comparison is detect, detect, verify: one outcome (and one counted call) per comparison.
  let comparison: { outcome: MockOutcome; detects: number } | null = null;

  function next(op: ConformanceOperation): MockOutcome {
    counts.set(op, (counts.get(op) ?? 0) + 1);
    const queue = arranged.get(op);
    if (!queue || queue.length === 0) return { type: 'success' };
    return (queue.length > 1 ? queue.shift() : queue[0]) as MockOutcome;
  }

  function decidedSession(sessionId: string, kind: 'liveness' | 'verify', outcome: MockOutcome): unknown {
    const verdict = outcome.type === 'success' ? (outcome.verdict ?? 'live') : 'live';
    const score = outcome.type === 'success' ? (outcome.score ?? 0.97) : 0.97;
    return azureSessionBody({
      sessionId,
      status: 'Succeeded',
      attempts: [
        azureAttempt(1, {
          decision: DECISION[verdict],
          verify: kind === 'verify' ? { matchConfidence: score, isIdentical: score >= 0.5 } : undefined,
        }),
      ],
      verifyReferences: kind === 'verify' ? [azureVerifyReference()] : undefined,
    });
  }

  return {
    endpoint: (options.endpoint ?? 'https://facegate-test.cognitiveservices.azure.com').replace(/\/+$/, ''),
    apiKey: options.apiKey ?? 'azure-fake-key-0123456789',
    apiVersion: AZURE_FAKE_API_VERSION,

    arrange(op, ...outcomes) {
      arranged.set(op, [...outcomes]);
    },
    reset() {
      arranged.clear();
      counts.clear();
      sessions.clear();
      faceIds.clear();
      recorded.length = 0;
      comparison = null;
    },
    calls(op) {
      return op ? (counts.get(op) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
    },
    requests(filter = {}) {
      return recorded.filter(
        (r) =>
          (!filter.method || r.method === filter.method) &&
          (!filter.route || (typeof filter.route === 'string' ? r.route === filter.route : filter.route.test(r.route))),
      );
    },
    record(request) {
      recorded.push(request);
    },

    createSession(kind) {
      const outcome = next('liveness.session.create');
      const sessionId = randomUUID();
      const good = () =>
        azureSessionBody({
          sessionId,
          status: 'NotStarted',
          verifyReferences: kind === 'verify' ? [azureVerifyReference()] : undefined,
        });
      const failure = failureReply(outcome, good);
      if (failure) return failure;
      sessions.set(sessionId, { kind });
      return jsonAnswer(200, good());
    },

    getSession(kind, sessionId) {
      const outcome = next('liveness.session.result');
      const known = sessions.get(sessionId)?.kind === kind;
      const failure = failureReply(outcome, () => decidedSession(sessionId, kind, { type: 'success' }));
      if (failure) return failure;
      if (!known) return documentedErrorAnswer('SessionNotFound');
      if (outcome.type === 'pending') return jsonAnswer(200, azureSessionBody({ sessionId, status: 'NotStarted' }));
      return jsonAnswer(200, decidedSession(sessionId, kind, outcome));
    },

    deleteSession(kind, sessionId) {
      if (sessions.get(sessionId)?.kind !== kind) return documentedErrorAnswer('SessionNotFound');
      sessions.delete(sessionId);
      return { status: 204, headers: { 'apim-request-id': randomUUID() } };
    },

    detect(returnFaceId) {
      if (!comparison || comparison.detects >= 2) comparison = { outcome: next('match'), detects: 0 };
      comparison.detects += 1;
      const { outcome } = comparison;
      if (comparison.detects === 1 && outcome.type !== 'malformed') {
        const failure = failureReply(outcome, () => []);
        if (failure) {
          comparison = null;
          return failure;
        }
      }
      const face = azureDetectedFace({ faceId: returnFaceId ? undefined : null });
      if (typeof face.faceId === 'string') faceIds.add(face.faceId);
      return jsonAnswer(200, [face]);
    },

    verify(faceId1, faceId2) {
      const outcome = comparison?.outcome ?? { type: 'success' };
      comparison = null;
      const score = outcome.type === 'success' ? (outcome.score ?? 0.97) : 0.97;
      const good = () => ({ isIdentical: score >= 0.5, confidence: score });
      const failure = outcome.type === 'malformed' ? failureReply(outcome, good) : undefined;
      if (failure) return failure;
      if (!faceIds.has(faceId1) || !faceIds.has(faceId2))
        return jsonAnswer(404, azureErrorBody('FaceNotFound', 'Face is not found.'), {
          'x-ms-error-code': 'FaceNotFound',
        });
      return jsonAnswer(200, good());
    },
  };
}
