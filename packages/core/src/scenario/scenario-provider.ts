import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { httpError, parseRetryAfter } from '../adapter-kit/http-errors';
import { malformedResponse, parseJsonBody, parseVendorBody, toUnitScore } from '../adapter-kit/parse-vendor-response';
import { DEFAULT_IMAGE_CONSTRAINTS } from '../media/media-constraints';
import type { ValidatedMedia } from '../media/media-input';
import { type ReasonCode, reasonCodeSchema } from '../reasons/reason-codes';
import { toRawResponse, type Warning } from '../results/common';
import type { MatchObservation } from '../results/face-match';
import type { IndexedFace, RemovedFaces, SearchObservation } from '../results/face-search';
import type { LivenessObservation } from '../results/liveness';
import type { LivenessSessionObservation, SessionResultObservation } from '../results/liveness-session';
import type { QualityObservation } from '../results/quality';
import { CAPABILITIES, type Capability } from '../spec/capabilities';
import { type CallContext, type FaceProvider, SPECIFICATION_VERSION } from '../spec/face-provider';
import type { HealthStatus } from '../spec/requests';
import {
  errorAnswer,
  jsonAnswer,
  malformedAnswer,
  SCENARIO_ERRORS,
  type ScenarioErrorName,
  type ScenarioOperation,
  type ScenarioStep,
  type WireAnswer,
} from './scenario-wire';

/** Ready-made behaviours for demos and app tests. */
export const SCENARIO_MODES = [
  'happy',
  'spoof',
  'no_face',
  'low_light',
  'multiple_faces',
  'inconclusive',
  'borderline',
  'mismatch',
  'duplicate',
  'outage',
  'rate_limited',
  'slow',
] as const;
/** A ready-made behaviour: what every call answers when nothing is arranged. */
export type ScenarioMode = (typeof SCENARIO_MODES)[number];

/** Options for {@link createScenarioProvider}. */
export interface ScenarioProviderOptions {
  /** Default behaviour (default `happy`: live faces, matching documents, duplicates only for the same image). */
  mode?: ScenarioMode;
  /** Simulated latency of every call in ms (default 0). */
  latencyMs?: number;
  /** Latency of the `slow` mode in ms (default 5000). */
  slowMs?: number;
  /** Identity of an image; equal identities are the same person (default: SHA-256 of the bytes). */
  identify?: (bytes: Uint8Array) => string;
  /** Capabilities to offer (default: all). */
  capabilities?: readonly Capability[];
  /** Session lifetime in seconds (default 180). */
  sessionTtlSeconds?: number;
  /** How many result reads stay `pending` before a session completes (default 0). */
  pendingPolls?: number;
  /** Clock (for tests). */
  now?: () => number;
  /** Credential values the provider declares in `secrets()`, as a real adapter would (for scrubbing tests; default none). */
  secrets?: readonly string[];
}

/** Control over the simulated vendor. */
export interface ScenarioScript {
  /** Answer the next calls of `operation` with these steps in order; the last one repeats until `reset`. */
  arrange(operation: ScenarioOperation, ...steps: ScenarioStep[]): void;
  /** Forget arrangements and call counts (not the collections). */
  reset(): void;
  /** Calls received, for one operation or all. */
  calls(operation?: ScenarioOperation): number;
  /** Change the default behaviour. */
  setMode(mode: ScenarioMode): void;
}

/** The scenario provider: a full {@link FaceProvider} plus its script. */
export type ScenarioProvider = FaceProvider & { readonly script: ScenarioScript };

const PROVIDER = 'scenario';
// A 64×64 grey JPEG, returned as the session reference image when none was captured.
const PLACEHOLDER_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCABAAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAL/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCYCFAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP//Z',
  'base64',
);

// ---- Wire schemas: lenient, like an adapter's view of a vendor. ----
const issuesSchema = z.array(z.string()).optional();
const livenessWire = z.looseObject({
  requestId: z.string(),
  liveness: z.looseObject({
    label: z.enum(['live', 'spoof', 'uncertain']).nullable(),
    score: z.number().nullable(),
    issues: issuesSchema,
  }),
  referenceImage: z.string().optional(),
  matchScore: z.number().nullable().optional(),
});
const sessionCreateWire = z.looseObject({
  requestId: z.string(),
  sessionId: z.string(),
  expiresInSeconds: z.number().positive(),
  clientToken: z.string(),
});
const sessionResultWire = z.looseObject({ requestId: z.string(), status: z.enum(['pending', 'done', 'expired']) });
const matchWire = z.looseObject({
  requestId: z.string(),
  similarity: z.number().nullable(),
  identical: z.boolean().optional(),
  sourceFaces: z.number().int(),
  targetFaces: z.number().int(),
  issues: issuesSchema,
});
const indexWire = z.looseObject({ requestId: z.string(), faceId: z.string() });
const searchWire = z.looseObject({
  requestId: z.string(),
  matches: z.array(z.looseObject({ faceId: z.string(), externalId: z.string(), similarity: z.number() })),
});
const removeWire = z.looseObject({ requestId: z.string(), removed: z.array(z.string()) });
const qualityWire = z.looseObject({
  requestId: z.string(),
  faces: z.array(
    z.looseObject({ box: z.tuple([z.number(), z.number(), z.number(), z.number()]), confidence: z.number() }),
  ),
  brightness: z.number(),
  sharpness: z.number(),
  issues: issuesSchema,
});
const healthWire = z.looseObject({ state: z.enum(['ready', 'starting']) });
const errorWire = z.looseObject({ error: z.looseObject({ code: z.string() }), requestId: z.string().optional() });

interface Face {
  externalId: string;
  identity: string;
}

/**
 * A deterministic provider for app tests and demos (like eSignet's mock
 * verifier). It simulates a vendor: every call produces a wire answer (status,
 * headers, JSON text) from the script or the mode, which is then parsed and
 * mapped exactly as a real adapter would, so scripted malformed answers,
 * throttling and outages surface as real adapters' would.
 */
export function createScenarioProvider(options: ScenarioProviderOptions = {}): ScenarioProvider {
  let mode: ScenarioMode = options.mode ?? 'happy';
  const now = options.now ?? Date.now;
  const identify = options.identify ?? ((bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex'));
  const arranged = new Map<ScenarioOperation, ScenarioStep[]>();
  const counts = new Map<ScenarioOperation, number>();
  const sessions = new Map<string, { expiresAt: number; polls: number; reference?: ValidatedMedia }>();
  const collections = new Map<string, Map<string, Face>>();

  function nextStep(op: ScenarioOperation): ScenarioStep | undefined {
    counts.set(op, (counts.get(op) ?? 0) + 1);
    const queue = arranged.get(op);
    if (!queue || queue.length === 0) return undefined;
    return queue.length > 1 ? queue.shift() : queue[0];
  }

  const modeFailure = (): ScenarioStep | undefined => {
    if (mode === 'outage') return { type: 'server_error', status: 503 };
    if (mode === 'rate_limited') return { type: 'rate_limited', retryAfterSeconds: 1 };
    if (mode === 'slow') return { type: 'delay', ms: options.slowMs ?? 5_000 };
    return undefined;
  };

  function modeLiveness(): ScenarioStep {
    switch (mode) {
      case 'spoof':
        return { type: 'liveness', verdict: 'spoof', confidence: 0.08 };
      case 'no_face':
        return { type: 'liveness', verdict: null, confidence: null, reasons: ['no_face'] };
      case 'low_light':
        return { type: 'liveness', verdict: null, confidence: 0.42, reasons: ['too_dark'] };
      case 'multiple_faces':
        return { type: 'liveness', verdict: null, confidence: null, reasons: ['multiple_faces'] };
      case 'inconclusive':
        return { type: 'liveness', verdict: 'inconclusive', confidence: null };
      case 'borderline':
        return { type: 'liveness', verdict: null, confidence: 0.8 };
      default:
        return { type: 'liveness', verdict: 'live', confidence: 0.97 };
    }
  }

  function similarityFor(a: Uint8Array, b: Uint8Array): number {
    if (mode === 'mismatch') return 0.12;
    if (mode === 'borderline') return 0.85;
    return identify(a) === identify(b) ? 0.99 : 0.95;
  }

  async function wait(ms: number, ctx: CallContext): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(ctx.signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Turn a step into a wire answer; `good` builds the success answer. */
  async function exchange(
    op: ScenarioOperation,
    ctx: CallContext,
    good: (step: ScenarioStep | undefined) => WireAnswer,
  ): Promise<WireAnswer> {
    await wait(options.latencyMs ?? 0, ctx);
    let step = nextStep(op) ?? modeFailure();
    while (step?.type === 'delay') {
      await wait(step.ms, ctx);
      step = step.then;
    }
    const requestId = randomUUID();
    if (!step) return good(undefined);
    switch (step.type) {
      case 'hang':
        await wait(2 ** 31 - 1, ctx);
        throw new Error('unreachable');
      case 'vendor_error':
        return errorAnswer(step.name, requestId);
      case 'rate_limited':
        return errorAnswer('Throttled', requestId, step.retryAfterSeconds);
      case 'server_error':
        return jsonAnswer(step.status, {
          error: { code: step.status === 503 ? 'ServiceUnavailable' : 'InternalError', message: 'Scenario outage' },
          requestId,
        });
      case 'malformed':
        return malformedAnswer(step.variant, good(undefined));
      default:
        return good(step);
    }
  }

  /** Read a wire answer like an adapter: errors mapped, bodies parsed leniently. */
  function receive<S extends z.ZodType>(op: string, answer: WireAnswer, schema: S): z.infer<S> {
    const label = { provider: PROVIDER, operation: op, httpStatus: answer.status };
    if (answer.status >= 400) {
      let vendorCode: string | undefined;
      let requestId: string | undefined;
      try {
        const parsed = errorWire.safeParse(JSON.parse(answer.body));
        if (parsed.success) {
          vendorCode = parsed.data.error.code;
          requestId = parsed.data.requestId;
        }
      } catch {
        // A non-JSON error body still has its status.
      }
      const known =
        vendorCode && vendorCode in SCENARIO_ERRORS ? SCENARIO_ERRORS[vendorCode as ScenarioErrorName] : undefined;
      throw httpError({
        provider: PROVIDER,
        operation: op,
        status: answer.status,
        code: known?.code,
        retryable: known?.retryable,
        vendorCode,
        requestId,
        retryAfterMs: parseRetryAfter(answer.headers['retry-after']),
      });
    }
    return parseVendorBody(schema, parseJsonBody(answer.body, label), label);
  }

  function issuesToReasons(issues: string[] | undefined, warnings: Warning[]): ReasonCode[] {
    const reasons: ReasonCode[] = [];
    for (const issue of issues ?? []) {
      const parsed = reasonCodeSchema.safeParse(issue);
      if (parsed.success) reasons.push(parsed.data);
      else
        warnings.push({ type: 'other', message: `scenario vendor reported an unknown issue '${issue.slice(0, 40)}'` });
    }
    return reasons;
  }

  function livenessAnswer(
    step: ScenarioStep | undefined,
    requestId: string,
    referenceImage: Uint8Array | undefined,
    matchScore: number | null | undefined,
  ): WireAnswer {
    const s = step?.type === 'liveness' ? step : (modeLiveness() as Extract<ScenarioStep, { type: 'liveness' }>);
    const label = s.verdict === undefined ? 'live' : s.verdict === 'inconclusive' ? 'uncertain' : s.verdict;
    return jsonAnswer(200, {
      requestId,
      liveness: {
        label,
        score: s.confidence === undefined ? 97 : s.confidence === null ? null : s.confidence * 100,
        issues: s.reasons ?? [],
      },
      referenceImage: referenceImage ? Buffer.from(referenceImage).toString('base64') : undefined,
      matchScore: matchScore === undefined ? undefined : matchScore === null ? null : matchScore * 100,
    });
  }

  function toLivenessObservation(
    op: string,
    wire: z.infer<typeof livenessWire>,
    status: number,
    session: boolean,
  ): LivenessObservation {
    const warnings: Warning[] = [];
    const label = { provider: PROVIDER, operation: op, requestId: wire.requestId };
    const confidence = wire.liveness.score === null ? null : toUnitScore(wire.liveness.score, 100, label, warnings);
    const verdict =
      wire.liveness.label === null ? null : wire.liveness.label === 'uncertain' ? 'inconclusive' : wire.liveness.label;
    const obs: LivenessObservation = {
      verdict,
      confidence,
      reasons: issuesToReasons(wire.liveness.issues, warnings),
      raw: toRawResponse(wire, wire.requestId, status),
      warnings,
    };
    if (wire.referenceImage !== undefined) {
      const data = Buffer.from(wire.referenceImage, 'base64');
      if (data.byteLength === 0) throw malformedResponse(label, 'empty reference image');
      obs.referenceImage = { data: new Uint8Array(data), mediaType: 'image/jpeg' };
    } else if (session && !obs.reasons.includes('no_face') && !obs.reasons.includes('multiple_faces')) {
      // Like Rekognition: a finished session without a reference frame must be retried.
      obs.reasons.push('no_reference_image');
    }
    if (wire.matchScore !== undefined) {
      obs.faceMatch = {
        similarity: wire.matchScore === null ? null : toUnitScore(wire.matchScore, 100, label, warnings),
        reasons: [],
      };
    }
    return obs;
  }

  const middleImage = (media: { kind: string } & Record<string, unknown>): ValidatedMedia => {
    if (media.kind === 'image') return media.image as ValidatedMedia;
    if (media.kind === 'video') return media.video as ValidatedMedia;
    const frames = media.frames as { image: ValidatedMedia }[];
    return (frames[Math.floor(frames.length / 2)] as { image: ValidatedMedia }).image;
  };

  const collection = (name: string, create: boolean): Map<string, Face> | undefined => {
    if (!collections.has(name) && create) collections.set(name, new Map());
    return collections.get(name);
  };

  const provider: ScenarioProvider = {
    specificationVersion: SPECIFICATION_VERSION,
    provider: PROVIDER,
    capabilities: options.capabilities ?? CAPABILITIES,
    mediaConstraints: {
      image: DEFAULT_IMAGE_CONSTRAINTS,
      video: { formats: ['mp4', 'webm'], maxBytes: 20 * 1024 * 1024, maxDurationMs: 10_000 },
      frames: { minFrames: 1, maxFrames: 60 },
    },
    policyDefaults: {},
    secrets: () => options.secrets ?? [],

    script: {
      arrange(op, ...steps) {
        arranged.set(op, [...steps]);
      },
      reset() {
        arranged.clear();
        counts.clear();
      },
      calls(op) {
        return op ? (counts.get(op) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
      },
      setMode(next) {
        mode = next;
      },
    },

    async doCheckLiveness(request, ctx) {
      const image = request.media.kind === 'video' ? undefined : middleImage(request.media);
      const answer = await exchange('liveness.media', ctx, (step) =>
        livenessAnswer(
          step,
          randomUUID(),
          image?.data,
          request.reference && image ? similarityFor(image.data, request.reference.data) : undefined,
        ),
      );
      return toLivenessObservation(
        'checkLiveness',
        receive('checkLiveness', answer, livenessWire),
        answer.status,
        false,
      );
    },

    async doCreateLivenessSession(request, ctx) {
      const answer = await exchange('liveness.session.create', ctx, () =>
        jsonAnswer(200, {
          requestId: randomUUID(),
          sessionId: randomUUID(),
          expiresInSeconds: options.sessionTtlSeconds ?? 180,
          clientToken: randomUUID().replace(/-/g, ''),
        }),
      );
      const wire = receive('createLivenessSession', answer, sessionCreateWire);
      const expiresAt = now() + wire.expiresInSeconds * 1000;
      sessions.set(wire.sessionId, { expiresAt, polls: 0, reference: request.reference });
      const session: LivenessSessionObservation = {
        sessionId: wire.sessionId,
        expiresAt: new Date(expiresAt).toISOString(),
        client: { component: 'scenario', sessionId: wire.sessionId, token: wire.clientToken },
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings: [],
      };
      return session;
    },

    async doGetLivenessSessionResult(request, ctx) {
      const session = sessions.get(request.sessionId);
      const answer = await exchange('liveness.session.result', ctx, (step) => {
        const requestId = randomUUID();
        if (!session) return errorAnswer('SessionNotFound', requestId);
        session.polls += 1;
        const pending =
          step?.type === 'pending' || (step === undefined && session.polls <= (options.pendingPolls ?? 0));
        if (pending) return jsonAnswer(200, { requestId, status: now() > session.expiresAt ? 'expired' : 'pending' });
        const reference = session.reference?.data ?? PLACEHOLDER_JPEG;
        const base = JSON.parse(
          livenessAnswer(
            step,
            requestId,
            reference,
            session.reference ? similarityFor(reference, reference) : undefined,
          ).body,
        );
        return jsonAnswer(200, { ...base, status: 'done' });
      });
      const head = receive('getLivenessSessionResult', answer, sessionResultWire);
      if (head.status === 'expired')
        throw httpError({
          provider: PROVIDER,
          operation: 'getLivenessSessionResult',
          status: 410,
          code: 'session_expired',
          vendorCode: 'SessionExpired',
          requestId: head.requestId,
        });
      if (head.status === 'pending') {
        const result: SessionResultObservation = {
          status: 'pending',
          raw: toRawResponse(head, head.requestId, answer.status),
        };
        return result;
      }
      const observation = toLivenessObservation(
        'getLivenessSessionResult',
        receive('getLivenessSessionResult', answer, livenessWire),
        answer.status,
        true,
      );
      return { status: 'complete', observation };
    },

    async doCompareFaces(request, ctx) {
      const answer = await exchange('match', ctx, (step) => {
        const s = step?.type === 'match' ? step : undefined;
        const noFace = !s && mode === 'no_face';
        const several = !s && mode === 'multiple_faces';
        const similarity = s ? s.similarity : noFace ? null : similarityFor(request.source.data, request.target.data);
        return jsonAnswer(200, {
          requestId: randomUUID(),
          similarity: similarity === null ? null : similarity * 100,
          identical: s?.vendorIsMatch,
          sourceFaces: s?.sourceFaces ?? 1,
          targetFaces: s?.targetFaces ?? (noFace ? 0 : several ? 2 : 1),
          issues: s?.reasons ?? (noFace ? ['no_face'] : several ? ['multiple_faces'] : []),
        });
      });
      const wire = receive('compareFaces', answer, matchWire);
      const warnings: Warning[] = [];
      const label = { provider: PROVIDER, operation: 'compareFaces', requestId: wire.requestId };
      const obs: MatchObservation = {
        similarity: wire.similarity === null ? null : toUnitScore(wire.similarity, 100, label, warnings),
        reasons: issuesToReasons(wire.issues, warnings),
        faces: { source: wire.sourceFaces, target: wire.targetFaces },
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings,
      };
      if (wire.identical !== undefined) obs.vendorIsMatch = wire.identical;
      return obs;
    },

    async doEnsureCollection(request, ctx) {
      const answer = await exchange('search.ensure', ctx, () =>
        jsonAnswer(200, { requestId: randomUUID(), faceId: request.collection }),
      );
      receive('ensureCollection', answer, indexWire);
      collection(request.collection, true);
    },

    async doIndexFace(request, ctx) {
      const answer = await exchange('search.index', ctx, () =>
        jsonAnswer(200, { requestId: randomUUID(), faceId: randomUUID() }),
      );
      const wire = receive('indexFace', answer, indexWire);
      collection(request.collection, true)?.set(wire.faceId, {
        externalId: request.externalId,
        identity: identify(request.image.data),
      });
      const indexed: IndexedFace = {
        faceId: wire.faceId,
        externalId: request.externalId,
        reasons: [],
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings: [],
      };
      return indexed;
    },

    async doSearchFaces(request, ctx) {
      const answer = await exchange('search.search', ctx, (step) => {
        const requestId = randomUUID();
        const faces = collection(request.collection, false);
        if (step?.type === 'search')
          return jsonAnswer(200, {
            requestId,
            matches: [
              { faceId: 'scenario-candidate', externalId: 'scenario-candidate', similarity: step.similarity * 100 },
            ],
          });
        if (!faces && step?.type !== 'ok') return errorAnswer('CollectionNotFound', requestId);
        const identity = identify(request.image.data);
        const matches = [...(faces ?? new Map<string, Face>()).entries()]
          .map(([faceId, face]) => ({
            faceId,
            externalId: face.externalId,
            similarity: mode === 'duplicate' || face.identity === identity ? 99 : 5,
          }))
          .filter((m) => m.similarity / 100 >= request.minSimilarity)
          .slice(0, request.maxResults);
        if (mode === 'duplicate' && matches.length === 0)
          matches.push({ faceId: 'scenario-duplicate', externalId: 'scenario-duplicate', similarity: 99 });
        return jsonAnswer(200, { requestId, matches });
      });
      const wire = receive('searchFaces', answer, searchWire);
      const warnings: Warning[] = [];
      const label = { provider: PROVIDER, operation: 'searchFaces', requestId: wire.requestId };
      const obs: SearchObservation = {
        matches: wire.matches.map((m) => ({
          faceId: m.faceId,
          externalId: m.externalId,
          similarity: toUnitScore(m.similarity, 100, label, warnings),
        })),
        reasons: [],
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings,
      };
      return obs;
    },

    async doRemoveFaces(request, ctx) {
      const answer = await exchange('search.remove', ctx, (step) => {
        const requestId = randomUUID();
        const faces = collection(request.collection, false);
        if (!faces && step?.type !== 'ok') return errorAnswer('CollectionNotFound', requestId);
        const removed: string[] = [];
        for (const [faceId, face] of faces ?? new Map<string, Face>()) {
          if (request.faceIds?.includes(faceId) || request.externalIds?.includes(face.externalId)) {
            faces?.delete(faceId);
            removed.push(faceId);
          }
        }
        return jsonAnswer(200, { requestId, removed });
      });
      const wire = receive('removeFaces', answer, removeWire);
      const removed: RemovedFaces = {
        removedFaceIds: wire.removed,
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings: [],
      };
      return removed;
    },

    async doAnalyzeQuality(_request, ctx) {
      const answer = await exchange('quality', ctx, () => {
        const faces =
          mode === 'no_face'
            ? []
            : mode === 'multiple_faces'
              ? [
                  { box: [0.1, 0.2, 0.3, 0.4], confidence: 0.99 },
                  { box: [0.6, 0.2, 0.3, 0.4], confidence: 0.97 },
                ]
              : [{ box: [0.3, 0.2, 0.4, 0.5], confidence: 0.99 }];
        const issues =
          mode === 'no_face'
            ? ['no_face']
            : mode === 'multiple_faces'
              ? ['multiple_faces']
              : mode === 'low_light'
                ? ['too_dark']
                : [];
        return jsonAnswer(200, {
          requestId: randomUUID(),
          faces,
          brightness: mode === 'low_light' ? 12 : 55,
          sharpness: 80,
          issues,
        });
      });
      const wire = receive('analyzeQuality', answer, qualityWire);
      const warnings: Warning[] = [];
      const label = { provider: PROVIDER, operation: 'analyzeQuality', requestId: wire.requestId };
      const obs: QualityObservation = {
        faces: wire.faces.map((f) => ({
          box: { left: f.box[0], top: f.box[1], width: f.box[2], height: f.box[3] },
          confidence: toUnitScore(f.confidence, 1, label, warnings),
        })),
        metrics: {
          brightness: toUnitScore(wire.brightness, 100, label, warnings),
          sharpness: toUnitScore(wire.sharpness, 100, label, warnings),
          faceAreaRatio: null,
          centerOffset: null,
          eyesOpen: null,
        },
        reasons: issuesToReasons(wire.issues, warnings),
        raw: toRawResponse(wire, wire.requestId, answer.status),
        warnings,
      };
      return obs;
    },

    async doCheckHealth(ctx) {
      const answer = await exchange('health', ctx, () => jsonAnswer(200, { state: 'ready' }));
      const wire = receive('checkHealth', answer, healthWire);
      const health: HealthStatus = { status: wire.state === 'ready' ? 'ready' : 'warming_up' };
      return health;
    },
  };
  return provider;
}
