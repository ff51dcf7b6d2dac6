import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFacegate, type Facegate } from '../client/facegate';
import { checkImage, checkLivenessMedia } from '../client/request-checks';
import type { FacegateErrorCode } from '../errors/error-codes';
import { FacegateError } from '../errors/facegate-error';
import { evaluateLiveness, evaluateMatch, evaluateSearch } from '../policy/evaluate';
import { resolvePolicy } from '../policy/policy-config';
import { faceMatchResultSchema } from '../results/face-match';
import { faceSearchResultSchema, indexedFaceSchema, removedFacesSchema } from '../results/face-search';
import { livenessResultSchema } from '../results/liveness';
import { livenessSessionSchema } from '../results/liveness-session';
import { qualityReportSchema } from '../results/quality';
import { CAPABILITIES, type Capability } from '../spec/capabilities';
import type { FaceProvider } from '../spec/face-provider';
import { createRecordingLogger } from './recording-logger';
import {
  type ConformanceFixtures,
  type ConformanceOperation,
  MALFORMED_VARIANTS,
  type VendorMock,
} from './vendor-mock';

/** Options for {@link runConformance}. */
export interface RunConformanceOptions {
  /** The adapter, or a function building a fresh one per test. */
  adapter: FaceProvider | (() => FaceProvider);
  /** The mocked vendor behind it. */
  vendorMock: VendorMock;
  fixtures: ConformanceFixtures;
  /** The capabilities the adapter must declare (and is tested on). */
  capabilities: readonly Capability[];
  /** Credentials the adapter was built with: none may appear in errors, logs or results. */
  secrets?: readonly string[];
  /** Suite name (default: the provider id). */
  name?: string;
}

const OPERATION_CAPABILITY: Record<ConformanceOperation, Capability> = {
  'liveness.session.create': 'liveness.session',
  'liveness.session.result': 'liveness.session',
  'liveness.image': 'liveness.image',
  'liveness.video': 'liveness.video',
  'liveness.frames': 'liveness.frames',
  match: 'match',
  'search.index': 'search',
  'search.search': 'search',
  'search.remove': 'search',
  quality: 'quality',
};
const MEDIA_OPERATIONS: readonly ConformanceOperation[] = [
  'liveness.image',
  'liveness.video',
  'liveness.frames',
  'match',
  'search.index',
  'search.search',
  'quality',
];
const SCORED_OPERATIONS: readonly ConformanceOperation[] = [
  'liveness.session.result',
  'liveness.image',
  'liveness.video',
  'liveness.frames',
  'match',
  'search.search',
];
const COLLECTION = 'conformance-suite';

/**
 * The shared adapter test suite. Call it at the top level of a test file:
 *
 * ```ts
 * runConformance({ adapter: () => createAwsProvider({...}), vendorMock, fixtures, capabilities: [...] });
 * ```
 *
 * It checks, for every declared operation: schema-valid results and their
 * invariants; score mapping at the policy boundaries; each documented vendor
 * error's code and retryability; 429 with Retry-After retried after the asked
 * delay; 5xx retried then surfaced; timeouts and abort-signal handling;
 * malformed, truncated or wrong-schema answers as `provider_error`, never a
 * pass; invalid input refused before any vendor call; `unsupported_operation`
 * for undeclared operations; raw responses without image bytes or secrets; and
 * no secret or image bytes in any error or log line.
 */
export function runConformance(options: RunConformanceOptions): void {
  const { vendorMock: mock, fixtures, capabilities } = options;
  const build = typeof options.adapter === 'function' ? options.adapter : () => options.adapter as FaceProvider;
  const probe = build();
  const provider = probe.provider;
  const policy = resolvePolicy(probe.policyDefaults);
  const secrets = options.secrets ?? [];
  const logger = createRecordingLogger();
  const delays: number[] = [];
  const imageMarkers = [fixtures.faceImage, fixtures.otherFaceImage].map((img) =>
    Buffer.from(img).toString('base64').slice(200, 264),
  );

  const client = (overrides: { timeoutMs?: number; maxRetries?: number } = {}): Facegate =>
    createFacegate({
      provider: build(),
      logger,
      resilience: {
        timeoutMs: overrides.timeoutMs ?? 5_000,
        maxRetries: overrides.maxRetries ?? 2,
        random: () => 0.5,
        sleep: async (ms) => {
          delays.push(ms);
        },
      },
    });

  const operations = (Object.keys(OPERATION_CAPABILITY) as ConformanceOperation[]).filter((op) =>
    capabilities.includes(OPERATION_CAPABILITY[op]),
  );

  function assertNoLeak(text: string, where: string): void {
    for (const secret of secrets) expect(text.includes(secret), `${where} contains a configured secret`).toBe(false);
    for (const marker of imageMarkers) expect(text.includes(marker), `${where} contains input image bytes`).toBe(false);
  }

  function assertNoOpaqueBlobs(value: unknown, where: string): void {
    const text = JSON.stringify(value) ?? '';
    assertNoLeak(text, where);
    expect(/[A-Za-z0-9+/=]{200,}/.test(text), `${where} contains a long base64 run (image bytes?)`).toBe(false);
  }

  async function expectError(
    promise: Promise<unknown>,
    expected: { code?: FacegateErrorCode; codes?: readonly FacegateErrorCode[]; retryable?: boolean },
  ): Promise<FacegateError> {
    let thrown: unknown;
    let value: unknown;
    try {
      value = await promise;
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `expected an error but got ${JSON.stringify(value)?.slice(0, 200)}`).toBeDefined();
    expect(FacegateError.isInstance(thrown), `expected a FacegateError, got ${inspect(thrown).slice(0, 200)}`).toBe(
      true,
    );
    const error = thrown as FacegateError;
    if (expected.code) expect(error.code).toBe(expected.code);
    if (expected.codes) expect(expected.codes).toContain(error.code);
    if (expected.retryable !== undefined) expect(error.retryable).toBe(expected.retryable);
    assertNoLeak(
      `${error.message}\n${error.stack}\n${inspect(error, { depth: 8 })}\n${JSON.stringify(error)}`,
      'error',
    );
    return error;
  }

  /** Run one operation through the client; returns the public result. */
  async function run(fg: Facegate, op: ConformanceOperation): Promise<unknown> {
    switch (op) {
      case 'liveness.session.create':
        return fg.createLivenessSession({});
      case 'liveness.session.result': {
        const session = await fg.createLivenessSession({});
        const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId, provider: session.provider });
        return outcome.status === 'complete' ? outcome.result : outcome;
      }
      case 'liveness.image':
        return fg.checkLiveness({ media: { kind: 'image', image: fixtures.faceImage } });
      case 'liveness.video':
        if (!fixtures.video) throw new Error('conformance: liveness.video needs fixtures.video');
        return fg.checkLiveness({ media: { kind: 'video', video: fixtures.video } });
      case 'liveness.frames':
        if (!fixtures.frames || !fixtures.challenge)
          throw new Error('conformance: liveness.frames needs fixtures.frames and fixtures.challenge');
        return fg.checkLiveness({ media: { kind: 'frames', frames: fixtures.frames }, challenge: fixtures.challenge });
      case 'match':
        return fg.compareFaces({ source: fixtures.faceImage, target: fixtures.otherFaceImage });
      case 'search.index':
        return fg.indexFace({ collection: COLLECTION, externalId: 'conformance-person-1', image: fixtures.faceImage });
      case 'search.search':
        return fg.searchFaces({ collection: COLLECTION, image: fixtures.faceImage, minSimilarity: 0 });
      case 'search.remove':
        return fg.removeFaces({ collection: COLLECTION, externalIds: ['conformance-person-1'] });
      case 'quality':
        return fg.analyzeQuality({ image: fixtures.faceImage });
    }
  }

  /** Arrange a success for the operation and for the create step a result fetch needs. */
  function arrange(op: ConformanceOperation, ...outcomes: Parameters<VendorMock['arrange']>[1][]): void {
    if (op === 'liveness.session.result') mock.arrange('liveness.session.create', { type: 'success' });
    mock.arrange(op, ...outcomes);
  }

  const SCHEMAS = {
    'liveness.session.create': livenessSessionSchema,
    'liveness.session.result': livenessResultSchema,
    'liveness.image': livenessResultSchema,
    'liveness.video': livenessResultSchema,
    'liveness.frames': livenessResultSchema,
    match: faceMatchResultSchema,
    'search.index': indexedFaceSchema.extend({ provider: faceMatchResultSchema.shape.provider }),
    'search.search': faceSearchResultSchema,
    'search.remove': removedFacesSchema.extend({ provider: faceMatchResultSchema.shape.provider }),
    quality: qualityReportSchema,
  } as const;

  // `livenessScoring` describes liveness answers only: a label-only liveness
  // vendor still scores its matches.
  const successFor = (
    op: ConformanceOperation,
    score: number,
  ): { type: 'success'; score?: number; verdict?: 'live' } =>
    !op.startsWith('liveness')
      ? { type: 'success', score }
      : mock.livenessScoring === 'label'
        ? { type: 'success', verdict: 'live' }
        : mock.livenessScoring === 'score_and_label'
          ? { type: 'success', score, verdict: 'live' }
          : { type: 'success', score };

  describe(`conformance: ${options.name ?? provider}`, () => {
    beforeAll(async () => {
      await mock.start?.();
    });
    afterAll(async () => {
      await mock.stop?.();
    });
    beforeEach(() => {
      mock.reset();
      logger.clear();
      delays.length = 0;
    });
    afterEach(() => {
      assertNoLeak(logger.text(), 'log lines');
    });

    it('declares spec v2, its provider id and exactly the expected capabilities', () => {
      expect(probe.specificationVersion).toBe('v2');
      expect(provider).toMatch(/^[a-z][a-z0-9-]*$/);
      expect([...probe.capabilities].sort()).toEqual([...capabilities].sort());
    });

    const unsupported = CAPABILITIES.filter(
      (c) => !capabilities.includes(c) && c !== 'health' && c !== 'liveness.reference',
    );
    it.each(unsupported.length ? unsupported : ['(none)'])(
      'refuses undeclared capability %s with unsupported_operation and no vendor call',
      async (capability) => {
        if (capability === '(none)') return expect(unsupported).toHaveLength(0);
        const op = (Object.keys(OPERATION_CAPABILITY) as ConformanceOperation[]).find(
          (o) => OPERATION_CAPABILITY[o] === capability,
        ) as ConformanceOperation;
        const fg = client();
        const attempt =
          op === 'liveness.video' || op === 'liveness.frames'
            ? fg.checkLiveness(
                op === 'liveness.video'
                  ? { media: { kind: 'video', video: fixtures.faceImage } }
                  : { media: { kind: 'frames', frames: [{ image: fixtures.faceImage, capturedAtMs: 0 }] } },
              )
            : run(fg, op);
        await expectError(attempt, { code: 'unsupported_operation', retryable: false });
        expect(mock.calls()).toBe(0);
      },
    );

    for (const op of operations) {
      describe(op, () => {
        it('returns a schema-valid result carrying the provider id and a redacted raw response', async () => {
          arrange(op, successFor(op, 0.97));
          const result = (await run(client(), op)) as Record<string, unknown>;
          const parsed = SCHEMAS[op].safeParse(result);
          expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
          expect(result.provider).toBe(provider);
          const raw = result.raw as { body: unknown };
          expect(raw.body, 'raw.body must keep the vendor answer').not.toBeUndefined();
          assertNoOpaqueBlobs(raw, 'raw response');
          assertNoOpaqueBlobs({ ...result, referenceImage: undefined, auditImages: undefined }, 'result');
          if ('isLive' in result) {
            // A pass implies live; live without a pass only when a face match pulled the decision down.
            const passed = (result.decision as { outcome: string }).outcome === 'pass';
            if (passed) expect(result.isLive).toBe(true);
            if (result.isLive && !passed) expect(result.faceMatch).toBeDefined();
          }
          if ('isMatch' in result)
            expect(result.isMatch).toBe((result.decision as { outcome: string }).outcome === 'pass');
        });

        if (SCORED_OPERATIONS.includes(op) && !(op.startsWith('liveness') && mock.livenessScoring === 'label')) {
          const band =
            op === 'match'
              ? policy.match
              : op === 'search.search'
                ? { passAt: policy.duplicate.rejectAt, reviewAt: policy.duplicate.reviewAt }
                : policy.liveness;
          const scores = [
            ...new Set(
              [0, 0.5, band.reviewAt, Math.max(0, band.passAt - 0.01), band.passAt, 1].map(
                (s) => Math.round(s * 1000) / 1000,
              ),
            ),
          ];
          it.each(scores)(
            'maps a vendor score of %s to the same 0..1 value and decides by the policy',
            async (score) => {
              arrange(op, successFor(op, score));
              const result = (await run(client(), op)) as Record<string, unknown>;
              if (op === 'match') {
                expect(result.similarity as number).toBeCloseTo(score, 2);
                expect(result.decision).toEqual(
                  evaluateMatch({ similarity: result.similarity as number, reasons: [] }, policy),
                );
              } else if (op === 'search.search') {
                const matches = result.matches as { similarity: number }[];
                expect(matches[0]?.similarity).toBeCloseTo(score, 2);
                expect(result.decision).toEqual(evaluateSearch({ matches, reasons: [] }, policy));
              } else {
                expect(result.confidence as number).toBeCloseTo(score, 2);
                expect(result.decision).toEqual(
                  evaluateLiveness(
                    { verdict: result.verdict as 'live' | null, confidence: result.confidence as number, reasons: [] },
                    policy,
                  ),
                );
              }
            },
          );
        }

        if (op.startsWith('liveness') && op !== 'liveness.session.create' && mock.livenessScoring !== 'score') {
          it.each(['live', 'spoof', 'inconclusive'] as const)('maps the vendor label %s', async (verdict) => {
            arrange(op, {
              type: 'success',
              verdict,
              score: verdict === 'live' ? 0.99 : verdict === 'spoof' ? 0.01 : 0.5,
            });
            const result = (await run(client(), op)) as {
              verdict: string | null;
              isLive: boolean;
              decision: { outcome: string };
            };
            expect(result.verdict).toBe(verdict);
            expect(result.isLive).toBe(verdict === 'live');
            if (verdict === 'spoof') expect(result.decision.outcome).toBe('reject');
            if (verdict === 'inconclusive') expect(result.decision.outcome).toBe(policy.inconclusive);
          });
        }

        for (const documented of mock.documentedErrors.filter((d) => !d.operations || d.operations.includes(op))) {
          it(`maps the vendor error ${documented.name} to ${documented.expected.code} (retryable: ${documented.expected.retryable})`, async () => {
            arrange(op, { type: 'documented_error', name: documented.name });
            const error = await expectError(run(client({ maxRetries: 0 }), op), documented.expected);
            expect(error.provider).toBe(provider);
          });
        }

        it('retries HTTP 429 after the Retry-After delay the vendor asked for', async () => {
          arrange(op, { type: 'rate_limited', retryAfterSeconds: 2 }, successFor(op, 0.97));
          await run(client(), op);
          expect(delays).toEqual([2000]);
          expect(mock.calls()).toBe(op === 'liveness.session.result' ? 3 : 2);
        });

        it.each([500, 503])('retries HTTP %s, then surfaces it as a retryable error', async (status) => {
          arrange(op, { type: 'server_error', status });
          await expectError(run(client({ maxRetries: 2 }), op), {
            codes: ['provider_error', 'provider_unavailable'],
            retryable: true,
          });
          expect(mock.calls()).toBe(op === 'liveness.session.result' ? 4 : 3);
          expect(delays).toHaveLength(2);
        });

        it('times out a vendor that never answers', async () => {
          arrange(op, { type: 'hang' });
          await expectError(run(client({ timeoutMs: 300, maxRetries: 0 }), op), { code: 'timeout', retryable: true });
        });

        for (const variant of mock.malformedVariants ?? MALFORMED_VARIANTS) {
          it(`treats a ${variant} answer as provider_error, never a pass`, async () => {
            arrange(op, { type: 'malformed', variant });
            await expectError(run(client({ maxRetries: 0 }), op), { code: 'provider_error' });
          });
        }

        if (MEDIA_OPERATIONS.includes(op)) {
          const corrupt = fixtures.faceImage.subarray(0, Math.floor(fixtures.faceImage.length / 2));
          const bad: [string, Uint8Array][] = [
            ['an empty file', new Uint8Array(0)],
            ['text bytes', new TextEncoder().encode('this is not an image, just some text in a file')],
            ['a truncated image', corrupt],
            ['a GIF', new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b])],
          ];
          it.each(bad)('refuses %s before any vendor call', async (_label, bytes) => {
            arrange(op, successFor(op, 0.97));
            const fg = client();
            const attempt =
              op === 'match'
                ? fg.compareFaces({ source: fixtures.faceImage, target: bytes })
                : op === 'search.index'
                  ? fg.indexFace({ collection: COLLECTION, externalId: 'x', image: bytes })
                  : op === 'search.search'
                    ? fg.searchFaces({ collection: COLLECTION, image: bytes })
                    : op === 'quality'
                      ? fg.analyzeQuality({ image: bytes })
                      : op === 'liveness.video'
                        ? fg.checkLiveness({ media: { kind: 'video', video: bytes } })
                        : op === 'liveness.frames'
                          ? fg.checkLiveness({
                              media: {
                                kind: 'frames',
                                frames: (fixtures.frames ?? []).map((f, i) => (i === 0 ? { ...f, image: bytes } : f)),
                              },
                              challenge: fixtures.challenge,
                            })
                          : fg.checkLiveness({ media: { kind: 'image', image: bytes } });
            await expectError(attempt, { codes: ['invalid_input', 'unsupported_media'], retryable: false });
            expect(mock.calls()).toBe(0);
          });
        }
      });
    }

    it('passes its abort signal to the vendor call, so a cancelled call ends promptly', async () => {
      // Called on the adapter directly: the client would return on abort anyway,
      // so only this shows the adapter stops its own request.
      const op = operations.find((o) => o !== 'liveness.session.result' && o !== 'search.remove');
      if (!op) return;
      arrange(op, { type: 'hang' });
      const adapter = build();
      const controller = new AbortController();
      const ctx = { signal: controller.signal, logger, attempt: 0 };
      const image = (bytes: Uint8Array) => checkImage(bytes, adapter.mediaConstraints, 'image');
      const call = (): Promise<unknown> => {
        switch (op) {
          case 'liveness.session.create':
            return (adapter.doCreateLivenessSession as NonNullable<FaceProvider['doCreateLivenessSession']>)({}, ctx);
          case 'match':
            return (adapter.doCompareFaces as NonNullable<FaceProvider['doCompareFaces']>)(
              { source: image(fixtures.faceImage), target: image(fixtures.otherFaceImage) },
              ctx,
            );
          case 'quality':
            return (adapter.doAnalyzeQuality as NonNullable<FaceProvider['doAnalyzeQuality']>)(
              { image: image(fixtures.faceImage) },
              ctx,
            );
          case 'search.index':
            return (adapter.doIndexFace as NonNullable<FaceProvider['doIndexFace']>)(
              { collection: COLLECTION, externalId: 'x', image: image(fixtures.faceImage) },
              ctx,
            );
          case 'search.search':
            return (adapter.doSearchFaces as NonNullable<FaceProvider['doSearchFaces']>)(
              { collection: COLLECTION, image: image(fixtures.faceImage), maxResults: 5, minSimilarity: 0 },
              ctx,
            );
          default: {
            const media =
              op === 'liveness.video'
                ? { kind: 'video' as const, video: fixtures.video as Uint8Array }
                : op === 'liveness.frames'
                  ? { kind: 'frames' as const, frames: fixtures.frames ?? [] }
                  : { kind: 'image' as const, image: fixtures.faceImage };
            return (adapter.doCheckLiveness as NonNullable<FaceProvider['doCheckLiveness']>)(
              { media: checkLivenessMedia(media, adapter.mediaConstraints), challenge: fixtures.challenge },
              ctx,
            );
          }
        }
      };
      const pending = call();
      setTimeout(() => controller.abort(new Error('conformance abort')), 100);
      const outcome = await Promise.race([
        pending.then(
          () => 'resolved',
          () => 'rejected',
        ),
        new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000)),
      ]);
      expect(outcome).toBe('rejected');
    });
  });
}
